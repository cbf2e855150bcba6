using Akka.Actor;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>Reference path of <c>bench transport</c>: forwards every frame to the sink, keeping the original sender.</summary>
public sealed class RawRelayActor(IActorRef sink) : UntypedActor
{
    public static Props Props(IActorRef sink) => Akka.Actor.Props.Create(() => new RawRelayActor(sink));

    protected override void OnReceive(object message)
    {
        if (message is LatentFrame)
        {
            sink.Forward(message);
        }
        else
        {
            Unhandled(message);
        }
    }
}
