using System.Buffers;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

public sealed class EnvelopeBatchTests
{
    [Fact]
    public void EncodePooled_ThenTrySplit_RoundTripsEveryItem()
    {
        byte[][] items = [.. Enumerable.Range(0, 5).Select(i => TestMessages.Body(i, 100 * i + 1))];

        byte[] frame = EnvelopeBatch.EncodePooled([.. items.Select(b => (ReadOnlyMemory<byte>)b)], out int length);
        try
        {
            var ranges = new List<Range>();
            bool ok = EnvelopeBatch.TrySplit(frame.AsSpan(0, length), ranges, out string reason);

            Assert.True(ok, reason);
            Assert.Equal(EnvelopeBatch.FrameLength(items.Length, items.Sum(b => b.Length)), length);
            Assert.Equal(items.Length, ranges.Count);
            for (int i = 0; i < items.Length; i++)
            {
                Assert.Equal(items[i], frame.AsSpan(0, length)[ranges[i]].ToArray());
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    [Fact]
    public void LooksLikeBatch_SingleEnvelopeBody_IsFalse()
    {
        Assert.False(EnvelopeBatch.LooksLikeBatch(TestMessages.Body(1, 10)));
        Assert.True(EnvelopeBatch.LooksLikeBatch(TestMessages.Frame(TestMessages.Body(1, 10))));
    }

    [Fact]
    public void TrySplit_EveryTruncation_FailsWithReason()
    {
        byte[] frame = TestMessages.Frame(TestMessages.Body(1, 40), TestMessages.Body(2, 7), TestMessages.Body(3, 90));
        var ranges = new List<Range>();

        for (int cut = 0; cut < frame.Length; cut++)
        {
            bool ok = EnvelopeBatch.TrySplit(frame.AsSpan(0, cut), ranges, out string reason);

            Assert.False(ok, $"a frame cut at {cut} of {frame.Length} bytes was accepted");
            Assert.NotEmpty(reason);
            Assert.Empty(ranges);
        }
    }

    [Fact]
    public void TrySplit_StrayTrailingBytes_FailsWithReason()
    {
        byte[] frame = [.. TestMessages.Frame(TestMessages.Body(1, 40)), 0];

        bool ok = EnvelopeBatch.TrySplit(frame, new List<Range>(), out string reason);

        Assert.False(ok);
        Assert.Contains("stray bytes", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TrySplit_HugeItemCount_FailsWithoutAllocating()
    {
        byte[] frame = TestMessages.Frame(TestMessages.Body(1, 40));
        frame[4] = 0xFF;
        frame[5] = 0xFF;
        frame[6] = 0xFF;
        frame[7] = 0x7F;

        bool ok = EnvelopeBatch.TrySplit(frame, new List<Range>(), out string reason);

        Assert.False(ok);
        Assert.Contains("item count", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TrySplit_RandomAndBitFlippedInput_NeverThrowsAndRangesStayInside()
    {
        var random = new Random(11);
        byte[] valid = TestMessages.Frame(TestMessages.Body(1, 60), TestMessages.Body(2, 3), TestMessages.Body(3, 200), TestMessages.Body(4, 1));
        var ranges = new List<Range>();
        for (int bit = 0; bit < valid.Length * 8; bit++)
        {
            byte[] flipped = [.. valid];
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            CheckSplit(flipped, ranges);
        }

        for (int i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length >= 8 && random.Next(2) == 0)
            {
                bytes[0] = 0x5B;
                bytes[1] = 0xEC;
                bytes[2] = 1;
                bytes[4] = (byte)random.Next(0, 6);
                bytes[5] = bytes[6] = bytes[7] = 0;
            }

            CheckSplit(bytes, ranges);
        }
    }

    private static void CheckSplit(byte[] frame, List<Range> ranges)
    {
        bool ok = EnvelopeBatch.TrySplit(frame, ranges, out string reason);
        if (!ok)
        {
            Assert.NotEmpty(reason);
            Assert.Empty(ranges);
            return;
        }

        Assert.NotEmpty(ranges);
        foreach (Range range in ranges)
        {
            (int offset, int length) = range.GetOffsetAndLength(frame.Length);
            Assert.InRange(offset, 8, frame.Length);
            Assert.InRange(offset + length, offset, frame.Length);
        }
    }
}
