namespace EdgeCascade.Runtime.Processes;

/// <summary>One node of a local cluster: its name and its <c>edgecascade</c> arguments (the ready file is added by <see cref="LocalCluster"/>).</summary>
public sealed record NodeLaunch(string Node, IReadOnlyList<string> Arguments);
