using System.CommandLine;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Files;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Weights;
using EdgeCascade.Runtime.Processes;
using EdgeCascade.Runtime.Transport;
using EdgeCascade.Experiments.Reports;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Topologies.Hocon;
using EdgeCascade.Topologies.Validation;

namespace EdgeCascade.Cli;

/// <summary>What every command needs: the output streams and the error policy.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, CancellationToken interrupt = default)
{
    public static readonly Option<bool> VerboseOption = new("--verbose", "-v")
    {
        Description = "Print stack traces for errors",
        Recursive = true,
    };

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public bool Verbose { get; set; }

    /// <summary>
    /// Cancelled when the user interrupts the run (in addition to Ctrl-C on the console), so long commands stop cleanly;
    /// tests use it to interrupt a command without a terminal.
    /// </summary>
    public CancellationToken Interrupt { get; } = interrupt;

    /// <summary>
    /// Runs a command body, turning user-input failures into one line on stderr and exit code 2,
    /// so a malformed config or file never shows a stack trace (unless --verbose).
    /// </summary>
    public int Guard(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (TopologyException error)
        {
            return Fail(error.Message, error);
        }
        catch (SafeFileException error)
        {
            // Already one line naming the path, the cause and the fix.
            return Fail(error.Message, error);
        }
        catch (Exception error) when (error is UserInputException or HoconException or BitstreamException or WeightsException
            or ImageFormatException or SimulationInputException or ReportInputException or TransportException or NodeProcessException)
        {
            return Fail(error.Message, error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return Fail($"{error.Message} (check the path and permissions)", error);
        }
    }

    private int Fail(string message, Exception error)
    {
        Error.WriteLine($"edgecascade: {message}");
        if (Verbose)
        {
            Error.WriteLine(error.ToString());
        }

        return ExitCodes.BadInput;
    }
}
