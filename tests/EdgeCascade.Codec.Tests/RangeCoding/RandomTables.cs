using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.Tests.RangeCoding;

/// <summary>Seeded random CDF tables and symbol streams for coder tests.</summary>
internal static class RandomTables
{
    public static CdfTable Create(Random random, int count, int maxSymbols)
    {
        var cdfs = new int[count][];
        var offsets = new int[count];
        for (int i = 0; i < count; i++)
        {
            int symbols = random.Next(1, maxSymbols + 1);
            var pmf = new double[symbols];
            double sum = 0;
            for (int j = 0; j < symbols; j++)
            {
                // Mix peaked and flat tables, including symbols far below one 16-bit unit.
                pmf[j] = Math.Pow(random.NextDouble(), random.Next(1, 12));
                sum += pmf[j];
            }

            for (int j = 0; j < symbols; j++)
            {
                pmf[j] /= sum;
            }

            cdfs[i] = PmfToCdf.Quantize(pmf, 1e-6);
            offsets[i] = random.Next(-symbols, 2);
        }

        return CdfTable.Create(cdfs, offsets);
    }

    public static (int[] Symbols, int[] Indexes) Symbols(Random random, CdfTable tables, int length, double escapeRate)
    {
        var symbols = new int[length];
        var indexes = new int[length];
        for (int i = 0; i < length; i++)
        {
            int index = random.Next(tables.Count);
            indexes[i] = index;
            int offset = tables.GetOffset(index);
            int maxValue = tables.GetLength(index) - 2;
            if (random.NextDouble() < escapeRate)
            {
                int magnitude = random.Next(0, 4) switch
                {
                    0 => random.Next(0, 16),
                    1 => random.Next(0, 1 << 12),
                    2 => random.Next(0, 1 << 24),
                    _ => random.Next(0, 1 << 29),
                };
                symbols[i] = random.Next(2) == 0 ? offset - 1 - magnitude : offset + maxValue + magnitude;
            }
            else
            {
                symbols[i] = offset + random.Next(0, Math.Max(maxValue, 1));
            }
        }

        return (symbols, indexes);
    }
}
