namespace EdgeCascade.Simulation.Engine;

/// <summary>
/// Something the user supplied cannot be simulated (a profile, a trace file, an option); the
/// message is one line naming the input and how to fix it. The CLI prints it and exits 2.
/// </summary>
public class SimulationInputException : Exception
{
    public SimulationInputException()
    {
    }

    public SimulationInputException(string message)
        : base(message)
    {
    }

    public SimulationInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
