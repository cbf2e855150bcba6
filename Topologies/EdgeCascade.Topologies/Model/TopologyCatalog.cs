using EdgeCascade.Topologies.Validation;

namespace EdgeCascade.Topologies.Model;

/// <summary>Everything a configuration file defines: the model family, GPU profiles and topologies.</summary>
public sealed record TopologyCatalog(
    string SourceFile,
    ModelFamilySpec Family,
    IReadOnlyDictionary<string, GpuProfile> GpuProfiles,
    IReadOnlyList<TopologySpec> Topologies)
{
    /// <summary>The topology called <paramref name="name"/>.</summary>
    /// <exception cref="TopologyException">No such topology; the message names the closest one.</exception>
    public TopologySpec Get(string name)
    {
        var found = Topologies.FirstOrDefault(t => t.Name == name);
        if (found is not null)
        {
            return found;
        }

        var names = Topologies.Select(t => t.Name).ToList();
        var closest = NameSuggester.Closest(name, names);
        var hint = closest is null
            ? $"known topologies: {string.Join(", ", names)}"
            : $"did you mean '{closest}'? known topologies: {string.Join(", ", names)}";
        throw new TopologyException(new TopologyDiagnostic(SourceFile, 0, 0, "topologies", $"unknown topology '{name}'", hint));
    }
}
