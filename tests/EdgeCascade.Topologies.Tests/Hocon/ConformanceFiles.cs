namespace EdgeCascade.Topologies.Tests.Hocon;

/// <summary>
/// Locates the Apache-2.0 Lightbend conformance files copied into tests/EdgeCascade.Topologies.Tests/Conformance:
/// next to the test assembly when the project copies them to the output, otherwise in the source tree
/// above the assembly. Never reads the shared folder outside the repository.
/// </summary>
internal static class ConformanceFiles
{
    private static readonly Lazy<string> s_directory = new(Locate);

    public static string Directory => s_directory.Value;

    public static string PathOf(string relative) => Path.Combine(Directory, relative);

    private static string Locate()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "Conformance");
        if (File.Exists(Path.Combine(output, "equiv01", "original.json")))
        {
            return output;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "EdgeCascade.Topologies.Tests", "Conformance");
            if (File.Exists(Path.Combine(candidate, "equiv01", "original.json")))
            {
                return candidate;
            }

            candidate = Path.Combine(dir.FullName, "Conformance");
            if (File.Exists(Path.Combine(candidate, "equiv01", "original.json")) && File.Exists(Path.Combine(dir.FullName, "EdgeCascade.Topologies.Tests.csproj")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Conformance files not found next to the test assembly or in tests/EdgeCascade.Topologies.Tests/Conformance");
    }
}
