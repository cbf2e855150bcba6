namespace EdgeCascade.Codec.Entropy;

/// <summary>
/// Converts a probability mass function to a 16-bit quantized CDF exactly as CompressAI's
/// <c>pmf_to_quantized_cdf</c> does (CompressAI's pmf_to_quantized_cdf), so tables computed here match exported ones bit for bit
/// given the same float32 pmf.
/// </summary>
public static class PmfToCdf
{
    /// <summary>
    /// Quantizes <paramref name="pmf"/> followed by the escape probability <paramref name="tailMass"/>;
    /// the result has <c>pmf.Length + 2</c> entries, starts at 0, is strictly increasing and ends at 65536.
    /// </summary>
    /// <remarks>
    /// Probabilities are narrowed to float32 first, as the C++ op receives them; all later steps are integer.
    /// </remarks>
    public static int[] Quantize(ReadOnlySpan<double> pmf, double tailMass)
    {
        int symbols = pmf.Length + 1;
        if (symbols > CdfTable.Total)
        {
            throw new ArgumentException(
                $"pmf has {pmf.Length} entries; at most {CdfTable.Total - 1} fit a 16-bit cdf", nameof(pmf));
        }

        var cdf = new long[symbols + 1];
        for (int i = 0; i < symbols; i++)
        {
            double p = i < pmf.Length ? pmf[i] : tailMass;
            float single = (float)p;
            if (!float.IsFinite(single) || single < 0)
            {
                throw new ArgumentException($"probability {p} at position {i} is negative or not finite", nameof(pmf));
            }

            cdf[i + 1] = (long)MathF.Round(single * CdfTable.Total, MidpointRounding.AwayFromZero);
        }

        long total = 0;
        foreach (long frequency in cdf)
        {
            total += frequency;
        }

        if (total == 0)
        {
            throw new ArgumentException("pmf sums to zero after scaling to 16 bits; it has no usable mass", nameof(pmf));
        }

        long running = 0;
        for (int i = 0; i < cdf.Length; i++)
        {
            running += CdfTable.Total * cdf[i] / total;
            cdf[i] = running;
        }

        cdf[^1] = CdfTable.Total;
        FixZeroWidthSymbols(cdf);

        var result = new int[cdf.Length];
        for (int i = 0; i < cdf.Length; i++)
        {
            result[i] = (int)cdf[i];
        }

        return result;
    }

    // A symbol that rounded to zero width takes one unit from the symbol with the smallest width above 1
    // (the first such symbol on ties); the entries in between move by one to keep the CDF monotone.
    private static void FixZeroWidthSymbols(long[] cdf)
    {
        for (int i = 0; i < cdf.Length - 1; i++)
        {
            if (cdf[i] != cdf[i + 1])
            {
                continue;
            }

            long bestFrequency = long.MaxValue;
            int bestSteal = -1;
            for (int j = 0; j < cdf.Length - 1; j++)
            {
                long frequency = cdf[j + 1] - cdf[j];
                if (frequency > 1 && frequency < bestFrequency)
                {
                    bestFrequency = frequency;
                    bestSteal = j;
                }
            }

            if (bestSteal < 0)
            {
                throw new InvalidOperationException("no symbol has a frequency above 1 to give to a zero-width symbol");
            }

            if (bestSteal < i)
            {
                for (int j = bestSteal + 1; j <= i; j++)
                {
                    cdf[j]--;
                }
            }
            else
            {
                for (int j = i + 1; j <= bestSteal; j++)
                {
                    cdf[j]++;
                }
            }
        }
    }
}
