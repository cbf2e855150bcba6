using Akka.Actor;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// Reference path of <c>bench transport</c>: plain Akka.Remote <c>Tell</c> source -> relay -> sink with a simple ack
/// window (the sink acks each frame straight back here): what the wire and the serializer can do with no delivery
/// guarantee, against which the Akka.Delivery path is measured.
/// </summary>
public sealed class RawSourceActor : UntypedActor
{
    private Run? _run;
    private long _sent;
    private long _acked;

    public static Props Props() => Akka.Actor.Props.Create(() => new RawSourceActor());

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case Run run:
                (_run, _sent, _acked) = (run, 0, 0);
                while (_sent < run.Count && _sent - _acked < run.Window)
                {
                    SendNext();
                }

                break;
            case RawAck when _run is not null:
                _acked++;
                if (_acked == _run.Count)
                {
                    _run.Done.TrySetResult();
                    _run = null;
                }
                else if (_sent < _run.Count)
                {
                    SendNext();
                }

                break;
            case RawAck:
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void SendNext()
    {
        Run run = _run!;
        run.Relay.Tell(new LatentFrame(run.Template.Envelope with { ImageId = _sent }, run.Template.Payload), Self);
        _sent++;
    }

    /// <summary>Sends <paramref name="Count"/> frames like <paramref name="Template"/>, at most <paramref name="Window"/> unacked.</summary>
    public sealed record Run(IActorRef Relay, LatentFrame Template, long Count, int Window, TaskCompletionSource Done) : INoSerializationVerificationNeeded;
}
