using EdgeCascade.Codec.RangeCoding;

namespace EdgeCascade.Codec.Tests.RangeCoding;

public sealed class FrequencyReciprocalTests
{
    [Fact]
    public void Divide_EveryFrequencyAtEdgeAndRandomStates_MatchesIntegerDivision()
    {
        var random = new Random(17);
        for (uint frequency = 2; frequency <= 65536; frequency++)
        {
            ulong multiplier = FrequencyReciprocal.Compute(frequency, out int shift);
            ulong top = (1UL << 63) - 1;
            ulong[] states =
            [
                0, 1, frequency - 1, frequency, frequency + 1, top, top - 1, top / frequency * frequency,
                (top / frequency * frequency) - 1, 1UL << 31, (ulong)random.NextInt64(long.MaxValue),
                (ulong)random.NextInt64(1L << 48),
            ];
            foreach (ulong state in states)
            {
                Assert.Equal(state / frequency, FrequencyReciprocal.Divide(state, multiplier, shift));
            }
        }
    }
}
