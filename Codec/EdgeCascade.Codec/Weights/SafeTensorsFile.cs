using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace EdgeCascade.Codec.Weights;

/// <summary>
/// A parsed <c>.safetensors</c> file: 8-byte little-endian header length, a UTF-8 JSON header
/// <c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}</c>, then the
/// data section the offsets point into.
/// </summary>
/// <remarks>
/// Parsing validates everything the header claims before any tensor is read: size limits, known dtypes,
/// non-negative shapes whose byte size equals the offset range, ranges inside the data section and not
/// overlapping each other. Every failure is a <see cref="WeightsException"/> naming the file (and tensor).
/// </remarks>
public sealed class SafeTensorsFile
{
    /// <summary>Largest accepted JSON header (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    private readonly byte[] _bytes;
    private readonly long _dataStart;
    private readonly Dictionary<string, SafeTensorsEntry> _entries;

    private SafeTensorsFile(string source, byte[] bytes, long dataStart, Dictionary<string, SafeTensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Source = source;
        _bytes = bytes;
        _dataStart = dataStart;
        _entries = entries;
        Metadata = metadata;
    }

    /// <summary>Path or description of where the bytes came from, used in error messages.</summary>
    public string Source { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IReadOnlyCollection<string> Names => _entries.Keys;

    public IEnumerable<SafeTensorsEntry> Entries => _entries.Values;

    public static SafeTensorsFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw WeightsException.MissingFile(path);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException exception)
        {
            throw new WeightsException($"Cannot read weights file '{path}': {exception.Message}", path, null, exception);
        }

        return Parse(bytes, path);
    }

    public static SafeTensorsFile Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(source);
        if (bytes.Length < 8)
        {
            throw WeightsException.Corrupt(source, $"{bytes.Length} bytes is shorter than the 8-byte header length.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes)
        {
            throw WeightsException.Corrupt(source, $"header length {headerLength} exceeds the {MaxHeaderBytes}-byte limit.");
        }

        if (headerLength < 2 || (long)headerLength > bytes.Length - 8L)
        {
            throw WeightsException.Corrupt(source, $"header length {headerLength} does not fit in a file of {bytes.Length} bytes.");
        }

        long dataStart = 8 + (long)headerLength;
        long dataLength = bytes.Length - dataStart;
        var entries = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            string json = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 8, (int)headerLength);
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw WeightsException.Corrupt(source, "the header is not a JSON object.");
            }

            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(source, property.Value, metadata);
                    continue;
                }

                SafeTensorsEntry entry = ReadEntry(source, property.Name, property.Value, dataLength);
                if (!entries.TryAdd(entry.Name, entry))
                {
                    throw WeightsException.Corrupt(source, $"tensor '{entry.Name}' appears twice in the header.", entry.Name);
                }
            }
        }
        catch (JsonException exception)
        {
            throw WeightsException.Corrupt(source, $"the header is not valid JSON ({exception.Message})", null, exception);
        }
        catch (DecoderFallbackException exception)
        {
            throw WeightsException.Corrupt(source, "the header is not valid UTF-8.", null, exception);
        }

        RequireDisjoint(source, entries.Values);
        return new SafeTensorsFile(source, bytes, dataStart, entries, metadata);
    }

    public bool Contains(string name) => _entries.ContainsKey(name);

    public SafeTensorsEntry GetEntry(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _entries.TryGetValue(name, out SafeTensorsEntry? entry) ? entry : throw WeightsException.MissingTensor(Source, name);
    }

    /// <summary>
    /// Reads a floating-point tensor (F32, F16 or BF16) as float32. <paramref name="expectedShape"/>, when
    /// given, must match exactly; a negative expected dimension matches any size.
    /// </summary>
    public float[] ReadFloat32(string name, params int[] expectedShape)
    {
        SafeTensorsEntry entry = GetChecked(name, expectedShape);
        ReadOnlySpan<byte> data = Data(entry);
        var values = new float[entry.ElementCount];
        switch (entry.DType)
        {
            case SafeTensorsDType.Float32:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
                }

                break;
            case SafeTensorsDType.Float16:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(data[(2 * i)..]);
                }

                break;
            case SafeTensorsDType.BFloat16:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data[(2 * i)..]) << 16);
                }

                break;
            default:
                throw WeightsException.WrongDType(Source, name, "F32, F16 or BF16", entry.DType);
        }

        return values;
    }

    /// <summary>Reads an integer tensor (I32, or I64 whose values fit in 32 bits) as int32.</summary>
    public int[] ReadInt32(string name, params int[] expectedShape)
    {
        SafeTensorsEntry entry = GetChecked(name, expectedShape);
        ReadOnlySpan<byte> data = Data(entry);
        var values = new int[entry.ElementCount];
        switch (entry.DType)
        {
            case SafeTensorsDType.Int32:
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]);
                }

                break;
            case SafeTensorsDType.Int64:
                for (int i = 0; i < values.Length; i++)
                {
                    long value = BinaryPrimitives.ReadInt64LittleEndian(data[(8 * i)..]);
                    if (value is < int.MinValue or > int.MaxValue)
                    {
                        throw WeightsException.Corrupt(Source, $"I64 value {value} at index {i} of '{name}' does not fit in 32 bits.", name);
                    }

                    values[i] = (int)value;
                }

                break;
            default:
                throw WeightsException.WrongDType(Source, name, "I32 or I64", entry.DType);
        }

        return values;
    }

    /// <summary>Reads an integer tensor (I64 or I32) as int64.</summary>
    public long[] ReadInt64(string name, params int[] expectedShape)
    {
        SafeTensorsEntry entry = GetChecked(name, expectedShape);
        if (entry.DType == SafeTensorsDType.Int32)
        {
            return Array.ConvertAll(ReadInt32(name, expectedShape), v => (long)v);
        }

        if (entry.DType != SafeTensorsDType.Int64)
        {
            throw WeightsException.WrongDType(Source, name, "I64 or I32", entry.DType);
        }

        ReadOnlySpan<byte> data = Data(entry);
        var values = new long[entry.ElementCount];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(data[(8 * i)..]);
        }

        return values;
    }

    /// <summary>The raw little-endian bytes of a tensor.</summary>
    public ReadOnlySpan<byte> GetBytes(string name) => Data(GetEntry(name));

    private static void ReadMetadata(string source, JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WeightsException.Corrupt(source, "__metadata__ is not an object.");
        }

        foreach (JsonProperty item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw WeightsException.Corrupt(source, $"__metadata__ value '{item.Name}' is not a string.");
            }

            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static SafeTensorsEntry ReadEntry(string source, string name, JsonElement value, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WeightsException.Corrupt(source, $"entry '{name}' is not an object.", name);
        }

        if (!value.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !SafeTensorsDTypes.TryParse(dtypeElement.GetString(), out SafeTensorsDType dtype))
        {
            throw WeightsException.Corrupt(source, $"tensor '{name}' has a missing or unknown dtype.", name);
        }

        if (!value.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw WeightsException.Corrupt(source, $"tensor '{name}' has no shape array.", name);
        }

        var shape = new List<long>();
        long elements = 1;
        foreach (JsonElement dimension in shapeElement.EnumerateArray())
        {
            if (dimension.ValueKind != JsonValueKind.Number || !dimension.TryGetInt64(out long size) || size < 0 || size > int.MaxValue)
            {
                throw WeightsException.Corrupt(source, $"tensor '{name}' has an invalid shape dimension {dimension.GetRawText()}.", name);
            }

            elements = size == 0 ? 0 : (elements > Array.MaxLength / size ? throw WeightsException.Corrupt(source, $"tensor '{name}' is too large.", name) : elements * size);
            shape.Add(size);
        }

        if (shape.Count > 8)
        {
            throw WeightsException.Corrupt(source, $"tensor '{name}' has {shape.Count} dimensions.", name);
        }

        if (!value.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2
            || offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
            || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end))
        {
            throw WeightsException.Corrupt(source, $"tensor '{name}' has no valid data_offsets [begin, end].", name);
        }

        if (begin < 0 || end < begin || end > dataLength)
        {
            throw WeightsException.Corrupt(source, $"tensor '{name}' spans bytes [{begin}, {end}) outside the {dataLength}-byte data section.", name);
        }

        long expectedBytes = elements * SafeTensorsDTypes.SizeOf(dtype);
        if (end - begin != expectedBytes)
        {
            throw WeightsException.Corrupt(source, $"tensor '{name}' of shape {WeightsException.FormatShape(shape)} and dtype {dtype} needs {expectedBytes} bytes, its offsets give {end - begin}.", name);
        }

        return new SafeTensorsEntry(name, dtype, shape, begin, end);
    }

    private static void RequireDisjoint(string source, IEnumerable<SafeTensorsEntry> entries)
    {
        SafeTensorsEntry? previous = null;
        foreach (SafeTensorsEntry entry in entries.Where(e => e.ByteLength > 0).OrderBy(e => e.Begin))
        {
            if (previous is not null && entry.Begin < previous.End)
            {
                throw WeightsException.Corrupt(source, $"tensors '{previous.Name}' and '{entry.Name}' overlap.", entry.Name);
            }

            previous = entry;
        }
    }

    private SafeTensorsEntry GetChecked(string name, int[] expectedShape)
    {
        SafeTensorsEntry entry = GetEntry(name);
        if (expectedShape.Length > 0)
        {
            bool matches = expectedShape.Length == entry.Shape.Count;
            for (int i = 0; matches && i < expectedShape.Length; i++)
            {
                matches = expectedShape[i] < 0 || expectedShape[i] == entry.Shape[i];
            }

            if (!matches)
            {
                throw WeightsException.WrongShape(Source, name, expectedShape, entry.Shape);
            }
        }

        return entry;
    }

    private ReadOnlySpan<byte> Data(SafeTensorsEntry entry) =>
        _bytes.AsSpan((int)(_dataStart + entry.Begin), (int)entry.ByteLength);
}
