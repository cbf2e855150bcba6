using System.Globalization;
using EdgeCascade.Actors.Kernel;

namespace EdgeCascade.Actors.TestKit;

/// <summary>
/// Base (or helper) for actor tests: an actor system on a fresh <see cref="VirtualTimeScheduler"/>
/// unless real-time settings are given, a default probe <see cref="TestActor"/>, and virtual-time
/// <see cref="Advance"/>. Named ActorTestKit, not TestKit, so it never collides with the
/// <c>EdgeCascade.Actors.TestKit</c> namespace in name lookup.
/// </summary>
public class ActorTestKit : IDisposable
{
    private int _probeCount;

    /// <summary>
    /// Creates the kit. Without <paramref name="settings"/> the system runs in deterministic virtual
    /// time; pass <see cref="ActorSystemSettings.ForRealTime"/> for runtime tests.
    /// </summary>
    public ActorTestKit(ActorSystemSettings? settings = null, string systemName = "test")
    {
        settings ??= ActorSystemSettings.ForVirtualTime(new VirtualTimeScheduler());
        Sys = ActorSystem.Create(systemName, settings);
        VirtualScheduler = settings.Scheduler as VirtualTimeScheduler;
        TestActor = CreateTestProbe("testActor");
    }

    /// <summary>The system under test.</summary>
    public ActorSystem Sys { get; }

    /// <summary>The virtual scheduler, or null in real-time mode.</summary>
    public VirtualTimeScheduler? VirtualScheduler { get; }

    /// <summary>The default probe; the usual sender and reply target in tests.</summary>
    public TestProbe TestActor { get; }

    /// <summary>The system clock's current value in nanoseconds.</summary>
    public long Now => Sys.Clock.Now;

    /// <summary>A new probe in this system.</summary>
    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, name ?? "testProbe-" + (++_probeCount).ToString(CultureInfo.InvariantCulture));

    /// <summary>Runs every event due within <paramref name="duration"/> and moves virtual time by it.</summary>
    public void Advance(TimeSpan duration) => RequireVirtual().Advance(duration);

    /// <summary>Runs every event due at the current virtual time, without moving the clock.</summary>
    public void RunPending()
    {
        VirtualTimeScheduler scheduler = RequireVirtual();
        scheduler.RunUntil(scheduler.Now);
    }

    /// <summary>See <see cref="TestProbe.ExpectMsg{T}(Func{T, bool}?, TimeSpan?)"/> on <see cref="TestActor"/>.</summary>
    public T ExpectMsg<T>(Func<T, bool>? predicate = null, TimeSpan? within = null) => TestActor.ExpectMsg(predicate, within);

    /// <summary>See <see cref="TestProbe.ExpectMsg{T}(T, TimeSpan?)"/> on <see cref="TestActor"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? within = null) => TestActor.ExpectMsg(expected, within);

    /// <summary>See <see cref="TestProbe.ExpectNoMsg(TimeSpan)"/> on <see cref="TestActor"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration) => TestActor.ExpectNoMsg(duration);

    /// <summary>See <see cref="TestProbe.ExpectNoMsg()"/> on <see cref="TestActor"/>.</summary>
    public void ExpectNoMsg() => TestActor.ExpectNoMsg();

    /// <summary><see cref="TestActor"/> watches <paramref name="actor"/>.</summary>
    public IActorRef Watch(IActorRef actor) => TestActor.Watch(actor);

    /// <summary>See <see cref="TestProbe.ExpectTerminated"/> on <see cref="TestActor"/>.</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? within = null) => TestActor.ExpectTerminated(actor, within);

    /// <summary>Terminates the system (running the virtual scheduler at the current time to do so).</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system; override to release more.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        Sys.Terminate();
        if (VirtualScheduler is not null)
        {
            VirtualScheduler.RunUntil(VirtualScheduler.Now);
        }
        else
        {
            Sys.WhenTerminated.Wait(TimeSpan.FromSeconds(5));
            (Sys.Scheduler as IDisposable)?.Dispose();
        }
    }

    private VirtualTimeScheduler RequireVirtual() =>
        VirtualScheduler ?? throw new InvalidOperationException("Advance and RunPending need virtual time; this kit runs in real time.");
}
