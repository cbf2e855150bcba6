using System.IO.Hashing;
using System.Buffers.Binary;
using System.Text;

namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// The frame shared by the <c>.ecb</c> file and the latent packet: 4 magic bytes, a version byte, the body,
/// and a little-endian CRC-32 of everything before it. Checks run in the order that gives the most useful
/// message: magic, version, then checksum (telling truncation apart from corruption).
/// </summary>
internal static class BitstreamFrame
{
    public const int HeaderSize = 5;

    public const int CrcSize = sizeof(uint);

    /// <summary>Validates magic and version; returns the version.</summary>
    public static byte CheckHeader(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic, byte maxVersion, string format)
    {
        int prefix = Math.Min(data.Length, magic.Length);
        if (!data[..prefix].SequenceEqual(magic[..prefix]))
        {
            throw new BitstreamException(
                $"not a valid {format}: starts with {Convert.ToHexString(data[..prefix])}, expected " +
                $"'{Encoding.ASCII.GetString(magic)}'; pass a file written by EdgeCascade");
        }

        if (data.Length < HeaderSize + CrcSize)
        {
            throw new BitstreamException(
                $"truncated {format}: expected at least {HeaderSize + CrcSize} bytes, got {data.Length}; " +
                "the file is incomplete, re-send it");
        }

        byte version = data[magic.Length];
        if (version == 0)
        {
            throw new BitstreamException($"corrupt {format}: format version 0 does not exist; re-send the file");
        }

        if (version > maxVersion)
        {
            throw new BitstreamException(
                $"{format} format version {version} is newer than this build reads (up to {maxVersion}); " +
                "upgrade EdgeCascade to decode it");
        }

        return version;
    }

    public static bool CrcMatches(ReadOnlySpan<byte> data, out uint stored, out uint computed)
    {
        stored = BinaryPrimitives.ReadUInt32LittleEndian(data[^CrcSize..]);
        computed = Crc32.HashToUInt32(data[..^CrcSize]);
        return stored == computed;
    }

    /// <summary>
    /// Called when the checksum failed and the body was parsed over the whole input up to
    /// <paramref name="bodyEnd"/> (-1 when a field was out of range): reports truncation if the body plus
    /// checksum does not fit, else corruption. Fields running past the end already threw a truncation error.
    /// </summary>
    public static BitstreamException ChecksumFailure(ReadOnlySpan<byte> data, int bodyEnd, uint stored, uint computed, string format)
    {
        long expected = (long)bodyEnd + CrcSize;
        if (bodyEnd >= 0 && expected > data.Length)
        {
            return new BitstreamException(
                $"truncated {format}: expected {expected} bytes, got {data.Length}; the file is incomplete, re-send it");
        }

        return new BitstreamException(
            $"corrupt {format}: CRC-32 mismatch (stored {stored:x8}, computed {computed:x8}); " +
            "the data was damaged, re-send it");
    }

    public static void CheckEnd(ReadOnlySpan<byte> data, int bodyEnd, string format)
    {
        if (bodyEnd + CrcSize != data.Length)
        {
            throw new BitstreamException(
                $"corrupt {format}: {data.Length - CrcSize - bodyEnd} unexpected bytes after the last field; re-send the file");
        }
    }

    public static void CheckFamily(string actual, string? expected, string format)
    {
        if (expected is not null && !string.Equals(actual, expected, StringComparison.Ordinal))
        {
            throw new BitstreamException(
                $"{format} was encoded with model family '{actual}' but the loaded models are '{expected}'; " +
                $"decode it with the '{actual}' models");
        }
    }

    /// <summary>
    /// The whole read of a CRC-protected container: header and version, CRC (telling a short file from a damaged
    /// one), the fields via <paramref name="parse"/>, no trailing bytes, and the expected family.
    /// </summary>
    /// <exception cref="BitstreamException">Any of those checks fails.</exception>
    public static T Read<T>(ReadOnlySpan<byte> data, ReadOnlySpan<byte> magic, byte maxVersion, string format,
        string? expectedFamily, PayloadParser<T> parse, Func<T, string> familyOf)
    {
        CheckHeader(data, magic, maxVersion, format);
        if (!CrcMatches(data, out uint stored, out uint computed))
        {
            // Parse the whole input to tell a short file (its fields run past the end) from a damaged one.
            var probe = new PayloadReader(data, format);
            int bodyEnd;
            try
            {
                parse(ref probe);
                bodyEnd = probe.Position;
            }
            catch (BitstreamException e) when (!e.IsTruncation)
            {
                bodyEnd = -1;
            }

            throw ChecksumFailure(data, bodyEnd, stored, computed, format);
        }

        var reader = new PayloadReader(data[..^CrcSize], format);
        T value = parse(ref reader);
        CheckEnd(data, reader.Position, format);
        CheckFamily(familyOf(value), expectedFamily, format);
        return value;
    }
}
