using EdgeCascade.Runtime.Processes;

namespace EdgeCascade.Cli.Commands;

/// <summary>How to run this CLI again for a node process.</summary>
internal static class SelfLauncher
{
    /// <summary>
    /// The apphost itself, or the dotnet muxer with edgecascade.dll (when run as <c>dotnet edgecascade.dll</c>, or
    /// from a test host).
    /// </summary>
    public static NodeLauncher Create()
    {
        string? processPath = Environment.ProcessPath;
        string dll = typeof(CliApp).Assembly.Location;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "edgecascade")
        {
            return new NodeLauncher(processPath, []);
        }

        string dotnet = processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? processPath
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return new NodeLauncher(dotnet, [dll]);
    }
}
