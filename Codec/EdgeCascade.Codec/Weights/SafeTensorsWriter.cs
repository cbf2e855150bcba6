using System.Buffers.Binary;
using System.Text.Json;

namespace EdgeCascade.Codec.Weights;

/// <summary>Builds a <c>.safetensors</c> file (for tests, fixtures and tools); tensors are laid out in insertion order.</summary>
public sealed class SafeTensorsWriter
{
    private readonly List<(string Name, SafeTensorsDType DType, long[] Shape, byte[] Data)> _tensors = [];
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);

    public SafeTensorsWriter AddMetadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    /// <summary>Adds float values stored as F32, F16 (rounded with <see cref="Half"/>) or BF16 (truncated).</summary>
    public SafeTensorsWriter AddFloat(string name, ReadOnlySpan<float> values, ReadOnlySpan<int> shape, SafeTensorsDType dtype = SafeTensorsDType.Float32)
    {
        int size = dtype switch
        {
            SafeTensorsDType.Float32 => 4,
            SafeTensorsDType.Float16 or SafeTensorsDType.BFloat16 => 2,
            _ => throw new ArgumentException($"AddFloat cannot store {dtype}.", nameof(dtype)),
        };
        var data = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            switch (dtype)
            {
                case SafeTensorsDType.Float32:
                    BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * i), values[i]);
                    break;
                case SafeTensorsDType.Float16:
                    BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(2 * i), (Half)values[i]);
                    break;
                default:
                    BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(2 * i), (ushort)(BitConverter.SingleToInt32Bits(values[i]) >>> 16));
                    break;
            }
        }

        return AddRaw(name, dtype, shape, data);
    }

    public SafeTensorsWriter AddInt32(string name, ReadOnlySpan<int> values, ReadOnlySpan<int> shape)
    {
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4 * i), values[i]);
        }

        return AddRaw(name, SafeTensorsDType.Int32, shape, data);
    }

    public SafeTensorsWriter AddInt64(string name, ReadOnlySpan<long> values, ReadOnlySpan<int> shape)
    {
        var data = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8 * i), values[i]);
        }

        return AddRaw(name, SafeTensorsDType.Int64, shape, data);
    }

    /// <summary>Adds pre-encoded little-endian bytes; their length must match shape and dtype.</summary>
    public SafeTensorsWriter AddRaw(string name, SafeTensorsDType dtype, ReadOnlySpan<int> shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(data);
        long elements = 1;
        foreach (int dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension);
            elements *= dimension;
        }

        if (elements * SafeTensorsDTypes.SizeOf(dtype) != data.Length)
        {
            throw new ArgumentException($"Tensor '{name}' of {elements} {dtype} elements needs {elements * SafeTensorsDTypes.SizeOf(dtype)} bytes, got {data.Length}.", nameof(data));
        }

        if (name == "__metadata__" || _tensors.Any(t => t.Name == name))
        {
            throw new ArgumentException($"Tensor name '{name}' is reserved or already used.", nameof(name));
        }

        long[] dimensions = new long[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            dimensions[i] = shape[i];
        }

        _tensors.Add((name, dtype, dimensions, data));
        return this;
    }

    public byte[] ToArray()
    {
        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (_metadata.Count > 0)
            {
                json.WriteStartObject("__metadata__");
                foreach ((string key, string value) in _metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach ((string name, SafeTensorsDType dtype, long[] shape, byte[] data) in _tensors)
            {
                json.WriteStartObject(name);
                json.WriteString("dtype", SafeTensorsDTypes.ToHeaderName(dtype));
                json.WriteStartArray("shape");
                foreach (long dimension in shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += data.Length;
            }

            json.WriteEndObject();
        }

        // Pad the header with spaces so the data section starts 8-byte aligned, as the reference writer does.
        while (header.Length % 8 != 0)
        {
            header.WriteByte((byte)' ');
        }

        using var output = new MemoryStream();
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        output.Write(length);
        header.Position = 0;
        header.CopyTo(output);
        foreach ((_, _, _, byte[] data) in _tensors)
        {
            output.Write(data);
        }

        return output.ToArray();
    }

    public void Save(string path) => File.WriteAllBytes(path, ToArray());

    public override string ToString() => $"SafeTensorsWriter({_tensors.Count} tensors)";
}
