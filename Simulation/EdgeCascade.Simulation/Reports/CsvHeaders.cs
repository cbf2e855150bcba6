namespace EdgeCascade.Simulation.Reports;

/// <summary>
/// The header lines of a run's CSV files (documented in SCHEMA.md), as the writers write them, for readers
/// outside the simulator (the report) so they never keep a copy that can drift.
/// </summary>
public static class CsvHeaders
{
    /// <summary>Header line of images.csv.</summary>
    public const string Images = ImageCsvWriter.Header;

    /// <summary>Header line of nodes.csv.</summary>
    public const string Nodes = TimeSeriesSampler.NodesHeader;

    /// <summary>Header line of links.csv.</summary>
    public const string Links = TimeSeriesSampler.LinksHeader;
}
