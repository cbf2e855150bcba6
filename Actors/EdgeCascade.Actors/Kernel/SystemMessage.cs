namespace EdgeCascade.Actors.Kernel;

/// <summary>A lifecycle or supervision signal between cells; see <see cref="SystemMessageKind"/>.</summary>
internal sealed record SystemMessage(SystemMessageKind Kind, ActorCell? Child = null, Exception? Cause = null)
{
    public static SystemMessage Create { get; } = new(SystemMessageKind.Create);

    public static SystemMessage Terminate { get; } = new(SystemMessageKind.Terminate);

    public static SystemMessage Resume { get; } = new(SystemMessageKind.Resume);
}
