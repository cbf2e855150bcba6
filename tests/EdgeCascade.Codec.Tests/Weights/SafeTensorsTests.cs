using System.Buffers.Binary;
using System.Text;
using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Tests.Weights;

public class SafeTensorsTests
{
    [Fact]
    public void Parse_WriterOutput_RoundTripsEveryDType()
    {
        float[] values = [1.5f, -2.25f, 3.140625f, 0f, 65504f, -0.5f];
        byte[] bytes = new SafeTensorsWriter()
            .AddMetadata("format", "pt")
            .AddFloat("f32", values, [2, 3])
            .AddFloat("f16", values, [6], SafeTensorsDType.Float16)
            .AddFloat("bf16", [1f, -2f, 0.5f], [3], SafeTensorsDType.BFloat16)
            .AddInt32("i32", [1, -2, int.MaxValue], [3])
            .AddInt64("i64", [5L, -6L], [1, 2])
            .ToArray();

        SafeTensorsFile file = SafeTensorsFile.Parse(bytes, "memory");

        Assert.Equal(0, (bytes.Length - file.Entries.Sum(e => e.ByteLength)) % 8);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal(values, file.ReadFloat32("f32", 2, 3));
        Assert.Equal(values, file.ReadFloat32("f16"));
        Assert.Equal([1f, -2f, 0.5f], file.ReadFloat32("bf16"));
        Assert.Equal([1, -2, int.MaxValue], file.ReadInt32("i32", 3));
        Assert.Equal([5, -6], file.ReadInt32("i64", 1, 2));
        Assert.Equal([5L, -6L], file.ReadInt64("i64"));
        Assert.Equal(SafeTensorsDType.Float16, file.GetEntry("f16").DType);
    }

    [Fact]
    public void Parse_Float16_ConvertsWithHalfRounding()
    {
        byte[] bytes = new SafeTensorsWriter().AddFloat("w", [0.1f, 1f / 3f], [2], SafeTensorsDType.Float16).ToArray();
        float[] values = SafeTensorsFile.Parse(bytes, "memory").ReadFloat32("w");
        Assert.Equal((float)(Half)0.1f, values[0]);
        Assert.Equal((float)(Half)(1f / 3f), values[1]);
    }

    [Fact]
    public void Open_MissingFile_NamesFileAndGivesHint()
    {
        string path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.safetensors");
        WeightsException error = Assert.Throws<WeightsException>(() => SafeTensorsFile.Open(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("training/train_all.sh", error.Message);
        Assert.Contains("--models DIR", error.Message);
    }

    [Fact]
    public void Open_SavedFile_ReadsBack()
    {
        string path = Path.Combine(Path.GetTempPath(), $"weights-{Guid.NewGuid():N}.safetensors");
        try
        {
            new SafeTensorsWriter().AddFloat("a.weight", [1f, 2f], [2]).Save(path);
            Assert.Equal([1f, 2f], SafeTensorsFile.Open(path).ReadFloat32("a.weight", 2));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadFloat32_MissingTensor_NamesTensorAndFile()
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(new SafeTensorsWriter().AddFloat("a", [1f], [1]).ToArray(), "level1.safetensors");
        WeightsException error = Assert.Throws<WeightsException>(() => file.ReadFloat32("g_a.0.weight"));
        Assert.Equal("g_a.0.weight", error.TensorName);
        Assert.Contains("level1.safetensors", error.Message);
        Assert.Contains("g_a.0.weight", error.Message);
    }

    [Fact]
    public void ReadFloat32_WrongShape_ReportsExpectedAndActual()
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(new SafeTensorsWriter().AddFloat("w", new float[24], [4, 3, 2]).ToArray(), "f");
        WeightsException error = Assert.Throws<WeightsException>(() => file.ReadFloat32("w", 4, 3, 1));
        Assert.Contains("[4, 3, 2]", error.Message);
        Assert.Contains("expected [4, 3, 1]", error.Message);
    }

    [Fact]
    public void ReadFloat32_WildcardDimension_AcceptsAnySize()
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(new SafeTensorsWriter().AddInt32("cdf", new int[12], [3, 4]).ToArray(), "f");
        Assert.Equal(12, file.ReadInt32("cdf", 3, -1).Length);
    }

    [Fact]
    public void ReadFloat32_IntegerTensor_ReportsWrongDType()
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(new SafeTensorsWriter().AddInt32("w", [1], [1]).ToArray(), "f");
        WeightsException error = Assert.Throws<WeightsException>(() => file.ReadFloat32("w"));
        Assert.Contains("Int32", error.Message);
        Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(new SafeTensorsWriter().AddFloat("w", [1f], [1]).ToArray(), "f").ReadInt32("w"));
    }

    [Fact]
    public void ReadInt32_Int64OutOfRange_Throws()
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(new SafeTensorsWriter().AddInt64("w", [1L << 40], [1]).ToArray(), "f");
        Assert.Throws<WeightsException>(() => file.ReadInt32("w"));
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "overlap")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16, "needs 8 bytes")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4, "outside")]
    [InlineData("{\"a\":{\"dtype\":\"Q7\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "dtype")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "shape")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "outside")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "data_offsets")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "twice")]
    [InlineData("[1, 2]", 0, "not a JSON object")]
    [InlineData("{\"a\": ", 0, "not valid JSON")]
    [InlineData("{\"__metadata__\": {\"k\": 3}}", 0, "not a string")]
    public void Parse_InvalidHeader_ThrowsCorrupt(string header, int dataBytes, string expectedText)
    {
        byte[] bytes = Build(header, dataBytes);
        WeightsException error = Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(bytes, "bad.safetensors"));
        Assert.Contains(expectedText, error.Message);
        Assert.Contains("bad.safetensors", error.Message);
    }

    [Fact]
    public void Parse_HeaderLengthBeyondLimit_Throws()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, SafeTensorsFile.MaxHeaderBytes + 1);
        WeightsException error = Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(bytes, "f"));
        Assert.Contains("limit", error.Message);
    }

    [Fact]
    public void Parse_TruncatedFile_Throws()
    {
        byte[] bytes = new SafeTensorsWriter().AddFloat("w", new float[8], [8]).ToArray();
        Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(bytes[..^4], "f"));
        Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(bytes[..20], "f"));
        Assert.Throws<WeightsException>(() => SafeTensorsFile.Parse(bytes[..5], "f"));
    }

    [Fact]
    public void Parse_FuzzedInputs_OnlyThrowWeightsException()
    {
        byte[] valid = new SafeTensorsWriter()
            .AddMetadata("k", "v")
            .AddFloat("conv.weight", new float[12], [3, 1, 2, 2], SafeTensorsDType.Float16)
            .AddInt32("table", new int[6], [2, 3])
            .AddInt64("offset", [1, 2], [2])
            .ToArray();
        var random = new Random(1234);
        int parsed = 0;
        for (int iteration = 0; iteration < 20_000; iteration++)
        {
            byte[] mutated = Mutate(valid, random);
            try
            {
                SafeTensorsFile file = SafeTensorsFile.Parse(mutated, "fuzz");
                foreach (SafeTensorsEntry entry in file.Entries)
                {
                    ReadAny(file, entry);
                }

                parsed++;
            }
            catch (WeightsException)
            {
            }
        }

        Assert.True(parsed > 0, "Some mutations (e.g. in the data section) must still parse.");
    }

    private static void ReadAny(SafeTensorsFile file, SafeTensorsEntry entry)
    {
        try
        {
            _ = entry.DType switch
            {
                SafeTensorsDType.Int32 or SafeTensorsDType.Int64 => file.ReadInt64(entry.Name).Length,
                _ => file.ReadFloat32(entry.Name).Length,
            };
        }
        catch (WeightsException)
        {
        }
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        switch (random.Next(5))
        {
            case 0:
                {
                    byte[] copy = (byte[])valid.Clone();
                    int flips = 1 + random.Next(4);
                    for (int i = 0; i < flips; i++)
                    {
                        copy[random.Next(copy.Length)] = (byte)random.Next(256);
                    }

                    return copy;
                }

            case 1:
                return valid[..random.Next(valid.Length)];
            case 2:
                {
                    var bytes = new byte[random.Next(64)];
                    random.NextBytes(bytes);
                    return bytes;
                }

            case 3:
                {
                    // Keep the length prefix, mutate one character of the JSON header into a structural one.
                    byte[] copy = (byte[])valid.Clone();
                    int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(copy);
                    const string Structural = "{}[],:\"0123456789-e.";
                    copy[8 + random.Next(headerLength)] = (byte)Structural[random.Next(Structural.Length)];
                    return copy;
                }

            default:
                {
                    byte[] copy = (byte[])valid.Clone();
                    BinaryPrimitives.WriteUInt64LittleEndian(copy, (ulong)random.NextInt64());
                    return copy;
                }
        }
    }

    private static byte[] Build(string header, int dataBytes)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }
}
