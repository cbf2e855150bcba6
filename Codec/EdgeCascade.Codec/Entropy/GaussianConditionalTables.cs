namespace EdgeCascade.Codec.Entropy;

/// <summary>
/// Scale table and per-scale CDFs of the Gaussian conditional entropy model (CompressAI
/// <c>GaussianConditional</c>, CompressAI's GaussianConditional): the CDF index of a latent element is chosen from its
/// predicted scale, and its symbol is <c>round(latent - mean)</c>.
/// </summary>
public sealed class GaussianConditionalTables
{
    /// <summary>Smallest scale; predicted scales are raised to it before indexing.</summary>
    public const float ScaleBound = 0.11f;

    /// <summary>Largest scale of the default table.</summary>
    public const float ScaleMax = 256f;

    /// <summary>Number of scales in the default table.</summary>
    public const int ScaleLevels = 64;

    /// <summary>Probability left outside each table, coded with the escape symbol.</summary>
    public const double TailMass = 1e-9;

    private readonly float[] _scaleTable;

    /// <summary>Uses an exported scale table and its CDFs (one CDF per scale).</summary>
    public GaussianConditionalTables(ReadOnlySpan<float> scaleTable, CdfTable cdfs)
    {
        ArgumentNullException.ThrowIfNull(cdfs);
        if (scaleTable.Length < 1 || scaleTable.Length != cdfs.Count)
        {
            throw new ArgumentException(
                $"scale table has {scaleTable.Length} entries but there are {cdfs.Count} cdfs; they must match and be non-empty",
                nameof(scaleTable));
        }

        for (int i = 1; i < scaleTable.Length; i++)
        {
            if (!(scaleTable[i] > scaleTable[i - 1]))
            {
                throw new ArgumentException($"scale table is not strictly increasing at entry {i}", nameof(scaleTable));
            }
        }

        _scaleTable = scaleTable.ToArray();
        Cdfs = cdfs;
    }

    /// <summary>Scales, ascending; CDF i belongs to scale i.</summary>
    public ReadOnlySpan<float> ScaleTable => _scaleTable;

    /// <summary>One CDF per scale.</summary>
    public CdfTable Cdfs { get; }

    /// <summary>
    /// Default tables computed here: <see cref="CreateDefaultScaleTable"/> and <see cref="BuildCdfs"/>.
    /// Exported tables should be preferred so encoder and decoder never depend on float evaluation.
    /// </summary>
    public static GaussianConditionalTables CreateDefault()
    {
        float[] scales = CreateDefaultScaleTable();
        return new GaussianConditionalTables(scales, BuildCdfs(scales));
    }

    /// <summary>
    /// <c>exp(linspace(ln 0.11, ln 256, 64))</c>. The exponents reproduce float32 <c>torch.linspace</c> on an
    /// AVX2 CPU bit for bit (8-lane chunks: the first half counted up from the start, the second half from
    /// the end); <c>exp</c> is correctly rounded here while torch's is within 1 ulp, so entries can differ by
    /// 1 ulp from a torch-made table. Use the exported table when encoder and decoder must agree.
    /// </summary>
    public static float[] CreateDefaultScaleTable()
    {
        const int Lanes = 8;
        float start = (float)Math.Log(ScaleBound);
        float end = (float)Math.Log(ScaleMax);
        float step = (end - start) / (ScaleLevels - 1);
        var table = new float[ScaleLevels];
        for (int i = 0; i < ScaleLevels; i++)
        {
            int chunk = i / Lanes * Lanes;
            float chunkBase = chunk < ScaleLevels / 2 ? start + (step * chunk) : end - (step * (ScaleLevels - 1 - chunk));
            float exponent = chunkBase + ((i - chunk) * step);
            table[i] = (float)Math.Exp(exponent);
        }

        return table;
    }

    /// <summary>
    /// Builds one CDF per scale as CompressAI's <c>update()</c> does: centre
    /// <c>ceil(scale * -Φ⁻¹(tail / 2))</c>, pmf of the discretised Gaussian at distance |j - centre|, and the
    /// two-sided tail <c>2 Φ((-0.5 - centre) / scale)</c> as the escape symbol. The pmf is evaluated in double.
    /// </summary>
    public static CdfTable BuildCdfs(ReadOnlySpan<float> scaleTable)
    {
        float multiplier = (float)-GaussianRate.StandardNormalQuantile(TailMass / 2);
        var cdfs = new int[scaleTable.Length][];
        var offsets = new int[scaleTable.Length];
        for (int i = 0; i < scaleTable.Length; i++)
        {
            float scale = scaleTable[i];
            if (!(scale > 0) || !float.IsFinite(scale))
            {
                throw new ArgumentException($"scale {scale} at entry {i} must be positive and finite", nameof(scaleTable));
            }

            int center = (int)MathF.Ceiling(scale * multiplier);
            var pmf = new double[(2 * center) + 1];
            for (int j = 0; j < pmf.Length; j++)
            {
                double distance = Math.Abs(j - center);
                pmf[j] = GaussianRate.StandardNormalCdf((0.5 - distance) / scale)
                    - GaussianRate.StandardNormalCdf((-0.5 - distance) / scale);
            }

            double tail = 2 * GaussianRate.StandardNormalCdf((-0.5 - center) / scale);
            cdfs[i] = PmfToCdf.Quantize(pmf, tail);
            offsets[i] = -center;
        }

        return CdfTable.Create(cdfs, offsets);
    }

    /// <summary>
    /// CDF index per element: the smallest i with <c>max(scale, 0.11) &lt;= table[i]</c>, or the last index when
    /// no entry is large enough (NaN scales included).
    /// </summary>
    public void BuildIndexes(ReadOnlySpan<float> scales, Span<int> indexes)
    {
        if (scales.Length != indexes.Length)
        {
            throw new ArgumentException(
                $"{scales.Length} scales but room for {indexes.Length} indexes; they must match", nameof(indexes));
        }

        float[] table = _scaleTable;
        int last = table.Length - 1;
        for (int e = 0; e < scales.Length; e++)
        {
            float scale = MathF.Max(scales[e], ScaleBound);
            int low = 0;
            int high = last;

            // First j in [0, last) with scale <= table[j]; 'last' when none (comparisons with NaN are false).
            while (low < high)
            {
                int middle = (low + high) >> 1;
                if (scale <= table[middle])
                {
                    high = middle;
                }
                else
                {
                    low = middle + 1;
                }
            }

            indexes[e] = low;
        }
    }
}
