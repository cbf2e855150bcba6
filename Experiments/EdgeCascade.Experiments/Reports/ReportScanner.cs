using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeCascade.Experiments.Runners;
using EdgeCascade.Simulation.Reports;

namespace EdgeCascade.Experiments.Reports;

/// <summary>
/// Finds results under the report's folders: compare documents (<c>&lt;experiment&gt;.json</c> whose root has an
/// <c>experiment</c> key) and simulate folders (summary.json with the simulation-summary schema, plus images.csv,
/// nodes.csv and links.csv beside it). Other files are ignored; a recognised file that cannot be read is an error.
/// </summary>
/// <remarks>
/// Order is stable: folders as given, files by ordinal relative path, so the same folders give the same report.
/// </remarks>
public static class ReportScanner
{
    /// <summary>Most points one plotted line keeps; longer series are thinned (CDF) or averaged (time series).</summary>
    public const int MaxPoints = 400;

    private static readonly HashSet<string> s_experimentFiles =
        [.. Enum.GetValues<ExperimentKind>().Select(k => k.ToString().ToLowerInvariant() + ".json")];

    public static ReportScan Scan(IReadOnlyList<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var sections = new List<ReportSection>();
        var inputs = new List<string>();
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                throw new ReportInputException($"folder {directory} not found; pass folders written by 'edgecascade compare' or 'edgecascade simulate' (default: runs)");
            }

            var found = 0;
            var options = new EnumerationOptions
            {
                RecurseSubdirectories = true,
                AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
            };
            var files = Directory.EnumerateFiles(directory, "*.json", options)
                .Select(f => Path.GetRelativePath(directory, f))
                .OrderBy(f => f.Replace('\\', '/'), StringComparer.Ordinal);
            foreach (var relative in files)
            {
                var path = Path.Combine(directory, relative);
                var name = Path.GetFileName(relative);
                ReportSection? section = null;
                if (s_experimentFiles.Contains(name))
                {
                    section = Experiment(path, inputs);
                }
                else if (name == "summary.json")
                {
                    section = Simulation(path, inputs);
                }

                if (section is not null)
                {
                    sections.Add(section);
                    found++;
                }
            }

            if (found == 0)
            {
                throw new ReportInputException($"no results found in {directory}; run 'edgecascade compare' or 'edgecascade simulate' first");
            }
        }

        return new ReportScan(sections, inputs);
    }

    private static ReportExperiment? Experiment(string path, List<string> inputs)
    {
        if (Parse(path) is not { } document || !document.ContainsKey("experiment"))
        {
            return null;
        }

        var name = document["experiment"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        if (name is null || !Enum.TryParse<ExperimentKind>(name, ignoreCase: true, out var kind) || name != kind.ToString().ToLowerInvariant())
        {
            throw new ReportInputException($"{path}: unknown experiment '{name}'; expected one of {string.Join(", ", s_experimentFiles.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal))}");
        }

        var (key, shape) = kind switch
        {
            ExperimentKind.Policies => ("rows", typeof(JsonArray)),
            ExperimentKind.Complexity => ("nodes", typeof(JsonArray)),
            ExperimentKind.Entropy => ("series", typeof(JsonArray)),
            _ => ("curves", typeof(JsonObject)),
        };
        if (document[key]?.GetType() != shape)
        {
            throw new ReportInputException($"{path}: missing or invalid '{key}'; regenerate it with 'edgecascade compare --experiment {name}'");
        }

        inputs.Add(path);
        return new ReportExperiment(path, kind, document);
    }

    private static ReportSimulation? Simulation(string path, List<string> inputs)
    {
        if (Parse(path) is not { } summary || !summary.ContainsKey("schema"))
        {
            return null;
        }

        var schema = summary["schema"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        if (schema != SimulationSummary.SchemaId)
        {
            throw new ReportInputException($"{path}: schema '{schema}' is not {SimulationSummary.SchemaId}; regenerate it with this version's 'edgecascade simulate'");
        }

        foreach (var key in new[] { "flows", "nodes", "links" })
        {
            if (summary[key] is not JsonArray)
            {
                throw new ReportInputException($"{path}: missing or invalid '{key}'; regenerate it with 'edgecascade simulate'");
            }
        }

        inputs.Add(path);
        var folder = Path.GetDirectoryName(path) ?? ".";
        var flowOrder = summary["flows"]!.AsArray().OfType<JsonObject>().Select(f => ReportCells.Text(f["name"])).ToList();
        var latency = Csv(folder, "images.csv", inputs, (file, source) => LatencyCdf(file, source, flowOrder));
        var nodes = Csv(folder, "nodes.csv", inputs, (file, source) => TimeSeries(file, source, CsvHeaders.Nodes, "gpu_busy_percent"));
        var links = Csv(folder, "links.csv", inputs, (file, source) => TimeSeries(file, source, CsvHeaders.Links, "utilization_percent"));
        return new ReportSimulation(folder, summary, latency, nodes, links);
    }

    private static IReadOnlyList<ReportSeries>? Csv(string folder, string name, List<string> inputs, Func<string, string, IReadOnlyList<ReportSeries>> read)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            return null;
        }

        inputs.Add(path);
        return read(path, path);
    }

    private static JsonObject? Parse(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException error)
        {
            var reason = error.Message.Split('\n')[0].Trim();
            throw new ReportInputException($"{path}: malformed JSON ({reason}); regenerate it with 'edgecascade compare' or 'edgecascade simulate', or remove it", error);
        }
    }

    private static List<ReportSeries> LatencyCdf(string path, string source, IReadOnlyList<string> flowOrder)
    {
        var latencies = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var seen = new List<string>();
        foreach (var (line, fields) in ReportCsv.Rows(path, source, CsvHeaders.Images))
        {
            if (ReportCsv.Number(fields[5], source, line, "latency_seconds") is not { } latency)
            {
                continue;
            }

            if (!latencies.TryGetValue(fields[0], out var list))
            {
                latencies[fields[0]] = list = [];
                seen.Add(fields[0]);
            }

            list.Add(latency);
        }

        var order = flowOrder.Where(latencies.ContainsKey).Concat(seen.Where(f => !flowOrder.Contains(f)));
        return [.. order.Select(flow =>
        {
            var sorted = latencies[flow];
            sorted.Sort();
            var count = Math.Min(sorted.Count, MaxPoints);
            var points = new List<(double, double)>(count + 1);
            for (var k = 0; k < count; k++)
            {
                // Evenly spaced ranks, always including the largest, so the curve reaches 1.
                var rank = count == 1 ? sorted.Count - 1 : (int)Math.Round((double)k * (sorted.Count - 1) / (count - 1));
                points.Add((sorted[rank], (rank + 1) / (double)sorted.Count));
            }

            return new ReportSeries(flow, points);
        })];
    }

    private static List<ReportSeries> TimeSeries(string path, string source, string header, string column)
    {
        var series = new Dictionary<string, List<(double X, double Y)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (line, fields) in ReportCsv.Rows(path, source, header))
        {
            var time = ReportCsv.Number(fields[0], source, line, "time_seconds");
            var value = ReportCsv.Number(fields[2], source, line, column);
            if (time is null || value is null)
            {
                throw new ReportInputException($"{source}:{line}: time_seconds and {column} must not be empty; regenerate it with 'edgecascade simulate'");
            }

            if (!series.TryGetValue(fields[1], out var list))
            {
                series[fields[1]] = list = [];
                order.Add(fields[1]);
            }

            list.Add((time.Value, value.Value));
        }

        return [.. order.Select(name => new ReportSeries(name, Average(series[name])))];
    }

    // Means of consecutive groups keep a busy-percent series honest when thinned (a plain stride would alias).
    private static List<(double X, double Y)> Average(List<(double X, double Y)> points)
    {
        if (points.Count <= MaxPoints)
        {
            return points;
        }

        var group = (points.Count + MaxPoints - 1) / MaxPoints;
        var result = new List<(double, double)>(MaxPoints);
        for (var start = 0; start < points.Count; start += group)
        {
            var end = Math.Min(points.Count, start + group);
            var sum = 0.0;
            for (var i = start; i < end; i++)
            {
                sum += points[i].Y;
            }

            result.Add((points[end - 1].X, sum / (end - start)));
        }

        return result;
    }
}
