namespace EdgeCascade.Actors.Kernel;

/// <summary>Parent of all top-level actors (<c>/user</c>). Handles no messages; exists to supervise.</summary>
internal sealed class Guardian : ActorBase
{
    protected override bool Receive(object message) => false;
}
