using System.Text;

namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// Bounds-checked reader for the fields <see cref="PayloadWriter"/> writes. Running off the end throws a
/// <see cref="BitstreamException"/> whose message names the format and the field.
/// </summary>
internal ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _format;
    private int _position;

    public PayloadReader(ReadOnlySpan<byte> data, string format)
    {
        _data = data;
        _format = format;
        _position = 0;
    }

    public readonly int Position => _position;

    public byte ReadByte(string field)
    {
        Need(1, field);
        return _data[_position++];
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string field)
    {
        Need(count, field);
        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    public uint ReadVarUInt(string field)
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = ReadByte(field);
            if (shift == 28 && b > 0x0F)
            {
                break;
            }

            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new BitstreamException($"corrupt {_format}: field '{field}' is not a valid 32-bit varint; re-send the file");
    }

    /// <summary>A varint that must lie in [min, max].</summary>
    public int ReadVarInt(string field, int min, int max)
    {
        uint value = ReadVarUInt(field);
        if (value < (uint)min || value > (uint)max)
        {
            throw new BitstreamException($"corrupt {_format}: field '{field}' is {value}, expected {min}..{max}; re-send the file");
        }

        return (int)value;
    }

    public string ReadShortString(string field)
    {
        int count = ReadByte(field);
        if (count == 0)
        {
            throw new BitstreamException($"corrupt {_format}: field '{field}' is empty; re-send the file");
        }

        ReadOnlySpan<byte> bytes = ReadBytes(count, field);
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (ArgumentException e)
        {
            throw new BitstreamException($"corrupt {_format}: field '{field}' is not valid UTF-8; re-send the file", e);
        }
    }

    public ReadOnlySpan<byte> ReadBlock(string field)
    {
        uint length = ReadVarUInt(field);
        if (length > (uint)(_data.Length - _position))
        {
            throw Truncated(_position + (long)length, field);
        }

        return ReadBytes((int)length, field);
    }

    private readonly void Need(int count, string field)
    {
        if (count > _data.Length - _position)
        {
            throw Truncated(_position + (long)count, field);
        }
    }

    private readonly BitstreamException Truncated(long expected, string field) =>
        new($"truncated {_format}: expected at least {expected} bytes to read '{field}', got {_data.Length}; " +
            "the file is incomplete, re-send it")
        {
            IsTruncation = true,
        };
}
