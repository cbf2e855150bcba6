namespace EdgeCascade.Cli.Evaluation;

/// <summary>Means of optional per-image values.</summary>
internal static class QualityMeans
{
    /// <summary>The mean, or null when any value is missing: a mean over some of the images would not be comparable.</summary>
    public static double? MeanOrNull(IEnumerable<double?> values)
    {
        var list = values.ToList();
        return list.Count == 0 || list.Any(v => v is null) ? null : list.Average(v => v!.Value);
    }
}
