namespace EdgeCascade.Experiments.Runners;

/// <summary>Runs one experiment by kind.</summary>
public static class ExperimentRunner
{
    public static ExperimentResult Run(ExperimentKind kind, ExperimentContext context) => kind switch
    {
        ExperimentKind.Policies => PolicyExperiment.Run(context),
        ExperimentKind.Frameworks => FrameworkExperiment.Run(context),
        ExperimentKind.Complexity => ComplexityExperiment.Run(context),
        ExperimentKind.Paths => PathExperiment.Run(context),
        ExperimentKind.Entropy => EntropyExperiment.Run(context),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown experiment"),
    };
}
