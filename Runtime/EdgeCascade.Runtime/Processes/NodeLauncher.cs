namespace EdgeCascade.Runtime.Processes;

/// <summary>How to start an <c>edgecascade</c> process: a program and the arguments that go before the command's own.</summary>
/// <param name="FileName">The apphost, or the dotnet muxer.</param>
/// <param name="Prefix">Arguments before the command (edgecascade.dll under the muxer; none for the apphost).</param>
public sealed record NodeLauncher(string FileName, IReadOnlyList<string> Prefix);
