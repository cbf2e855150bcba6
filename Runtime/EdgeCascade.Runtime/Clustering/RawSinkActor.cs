using Akka.Actor;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>Reference path of <c>bench transport</c>: answers every frame with a <see cref="RawAck"/> to its original sender.</summary>
public sealed class RawSinkActor : UntypedActor
{
    public static Props Props() => Akka.Actor.Props.Create(() => new RawSinkActor());

    protected override void OnReceive(object message)
    {
        if (message is LatentFrame frame)
        {
            Sender.Tell(new RawAck(frame.Envelope.ImageId));
        }
        else
        {
            Unhandled(message);
        }
    }
}
