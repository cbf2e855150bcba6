using Akka.Actor;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>At /user/bench-probe of a <c>bench transport</c> relay or sink process: answers what it recorded per flow.</summary>
public sealed class BenchProbeActor(BenchRecorder recorder) : UntypedActor
{
    /// <summary>The probe's actor name under /user.</summary>
    public const string Name = "bench-probe";

    public static Props Props(BenchRecorder recorder) => Akka.Actor.Props.Create(() => new BenchProbeActor(recorder));

    protected override void OnReceive(object message)
    {
        if (message is BenchHopsRequest request)
        {
            Sender.Tell(recorder.Report(request.Flow));
        }
        else
        {
            Unhandled(message);
        }
    }
}
