using System.IO.Hashing;
using System.Buffers.Binary;
using System.Text;

namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// Appends the primitive fields of the <c>.ecb</c> and latent-packet formats: bytes, LEB128 varints,
/// length-prefixed UTF-8 and byte blocks, and the trailing CRC-32.
/// </summary>
internal sealed class PayloadWriter
{
    private byte[] _buffer;
    private int _length;

    public PayloadWriter(int capacity)
    {
        _buffer = new byte[Math.Max(capacity, 64)];
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void WriteByte(byte value)
    {
        Reserve(1);
        _buffer[_length++] = value;
    }

    public void WriteVarUInt(uint value)
    {
        while (value >= 0x80)
        {
            WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        WriteByte((byte)value);
    }

    public void WriteShortString(string value, string field)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        if (count is < 1 or > byte.MaxValue)
        {
            throw new ArgumentException($"{field} must be 1..255 UTF-8 bytes, got {count}", field);
        }

        WriteByte((byte)count);
        Reserve(count);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    public void WriteBlock(ReadOnlySpan<byte> block)
    {
        WriteVarUInt((uint)block.Length);
        WriteBytes(block);
    }

    /// <summary>Appends the CRC-32 of everything written so far and returns the finished bytes.</summary>
    public byte[] FinishWithCrc()
    {
        uint crc = Crc32.HashToUInt32(_buffer.AsSpan(0, _length));
        Reserve(sizeof(uint));
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_length), crc);
        _length += sizeof(uint);
        return _buffer.AsSpan(0, _length).ToArray();
    }

    private void Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_length + count, 2 * _buffer.Length));
        }
    }
}
