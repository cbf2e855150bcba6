namespace EdgeCascade.Experiments.Reports;

/// <summary>Turns a <see cref="ReportScan"/> into the report's HTML text; pure, so the same scan gives the same bytes.</summary>
public static class ReportBuilder
{
    public const string Title = "EdgeCascade report";

    public static (string Html, int Sections) Build(ReportScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var html = new ReportHtml();
        foreach (var section in scan.Sections)
        {
            switch (section)
            {
                case ReportExperiment experiment:
                    ReportExperimentSections.Write(html, experiment);
                    break;
                case ReportSimulation simulation:
                    ReportSimulationSections.Write(html, simulation);
                    break;
                default:
                    throw new ArgumentException($"unknown section type {section.GetType().Name}", nameof(scan));
            }
        }

        return (html.Finish(Title, scan.Inputs), html.Sections);
    }
}
