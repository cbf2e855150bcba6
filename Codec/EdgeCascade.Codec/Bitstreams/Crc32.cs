using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF), the checksum
/// zlib, PNG and Ethernet use. Written here because System.IO.Hashing is not restorable in this build.
/// </summary>
/// <remarks>
/// Buffers of 64 bytes and more are folded 64 bytes at a time with carry-less multiplication (PCLMULQDQ) when the
/// CPU has it (Gopal et al., "Fast CRC Computation for Generic Polynomials Using PCLMULQDQ Instruction", Intel
/// 2009), roughly 10x the table speed; the 16-byte remainder of the folding and short buffers go through
/// slice-by-8 tables. Checksumming every 16 KiB payload twice per hop made the table version a visible part of
/// the transport's CPU cost.
/// </remarks>
public static class Crc32
{
    private const uint Polynomial = 0xEDB88320u;

    private static readonly uint[] s_table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>; "123456789" gives 0xCBF43926.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC-32 computed over earlier bytes (pass 0 to start).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint state = ~crc;
        if (data.Length >= 64 && Pclmulqdq.IsSupported && Sse2.IsSupported)
        {
            state = FoldVectorized(state, ref data);
        }

        return ~UpdateTable(state, data);
    }

    /// <summary>The table-only path, kept callable so tests can compare it with the vectorised one.</summary>
    internal static uint ComputeScalar(ReadOnlySpan<byte> data) => ~UpdateTable(~0u, data);

    /// <summary>
    /// Folds all whole 16-byte blocks into one 128-bit value congruent to them modulo the polynomial, then hands
    /// that value back to the table code as 16 bytes: state 0, followed by the bytes left over.
    /// </summary>
    private static uint FoldVectorized(uint state, ref ReadOnlySpan<byte> data)
    {
        // x^(544) and x^(480) mod P (fold by 64 bytes), x^(160) and x^(96) mod P (fold by 16 bytes), bit-reflected.
        Vector128<ulong> foldBy4 = Vector128.Create(0x154442bd4UL, 0x1c6e41596UL);
        Vector128<ulong> foldBy1 = Vector128.Create(0x1751997d0UL, 0x0ccaa009eUL);

        Vector128<ulong> x1 = Load(data, 0) ^ Vector128.CreateScalar((ulong)state);
        Vector128<ulong> x2 = Load(data, 16);
        Vector128<ulong> x3 = Load(data, 32);
        Vector128<ulong> x4 = Load(data, 48);
        int position = 64;
        while (data.Length - position >= 64)
        {
            x1 = Fold(x1, foldBy4) ^ Load(data, position);
            x2 = Fold(x2, foldBy4) ^ Load(data, position + 16);
            x3 = Fold(x3, foldBy4) ^ Load(data, position + 32);
            x4 = Fold(x4, foldBy4) ^ Load(data, position + 48);
            position += 64;
        }

        x1 = Fold(x1, foldBy1) ^ x2;
        x1 = Fold(x1, foldBy1) ^ x3;
        x1 = Fold(x1, foldBy1) ^ x4;
        while (data.Length - position >= 16)
        {
            x1 = Fold(x1, foldBy1) ^ Load(data, position);
            position += 16;
        }

        Span<byte> folded = stackalloc byte[16];
        x1.AsByte().CopyTo(folded);
        data = data[position..];
        return UpdateTable(0, folded);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> value, Vector128<ulong> constants) =>
        Pclmulqdq.CarrylessMultiply(value, constants, 0x00) ^ Pclmulqdq.CarrylessMultiply(value, constants, 0x11);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ReadOnlySpan<byte> data, int offset) =>
        Vector128.Create(MemoryMarshal.Read<ulong>(data[offset..]), MemoryMarshal.Read<ulong>(data[(offset + 8)..]));

    /// <summary>Slice-by-8 over a raw (not inverted) CRC state.</summary>
    private static uint UpdateTable(uint state, ReadOnlySpan<byte> data)
    {
        uint[] table = s_table;
        uint value = state;
        while (data.Length >= 8)
        {
            uint low = value ^ (uint)(data[0] | (data[1] << 8) | (data[2] << 16) | (data[3] << 24));
            uint high = (uint)(data[4] | (data[5] << 8) | (data[6] << 16) | (data[7] << 24));
            value = table[(7 * 256) + (low & 0xFF)]
                ^ table[(6 * 256) + ((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((low >> 16) & 0xFF)]
                ^ table[(4 * 256) + (low >> 24)]
                ^ table[(3 * 256) + (high & 0xFF)]
                ^ table[(2 * 256) + ((high >> 8) & 0xFF)]
                ^ table[256 + ((high >> 16) & 0xFF)]
                ^ table[high >> 24];
            data = data[8..];
        }

        foreach (byte b in data)
        {
            value = table[(value ^ b) & 0xFF] ^ (value >> 8);
        }

        return value;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint value = i;
            for (int bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (value >> 1) ^ Polynomial : value >> 1;
            }

            table[i] = value;
        }

        // Table k maps a byte to its CRC contribution when followed by k zero bytes.
        for (int slice = 1; slice < 8; slice++)
        {
            for (int i = 0; i < 256; i++)
            {
                uint previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = (previous >> 8) ^ table[previous & 0xFF];
            }
        }

        return table;
    }
}
