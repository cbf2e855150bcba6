namespace EdgeCascade.Runtime.Membership;

/// <summary>
/// Membership state machine of one node: one failure detector per peer, heartbeats in, up/down transitions out.
/// Pure logic with the time passed in; not thread-safe (the <see cref="MembershipService"/> serialises calls).
/// </summary>
public sealed class MembershipTracker
{
    private readonly string _self;
    private readonly FailureDetectorOptions _options;
    private readonly SortedDictionary<string, Peer> _peers = new(StringComparer.Ordinal);

    /// <param name="self">This node's name; its own heartbeats are ignored.</param>
    /// <param name="expectedNodes">Nodes listed as <see cref="MemberStatus.Unknown"/> until first heard from.</param>
    /// <param name="options">Failure detector tuning for every peer.</param>
    public MembershipTracker(string self, IEnumerable<string>? expectedNodes = null, FailureDetectorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(self);
        _self = self;
        _options = options ?? new FailureDetectorOptions();
        foreach (string node in expectedNodes ?? [])
        {
            if (node != self)
            {
                _peers.TryAdd(node, new Peer(_options));
            }
        }
    }

    public string Self => _self;

    /// <summary>Records a heartbeat received at <paramref name="now"/>; returns the up event it causes, if any.</summary>
    public MemberStatusChanged? RecordHeartbeat(Heartbeat heartbeat, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        if (heartbeat.Node == _self)
        {
            return null;
        }

        if (!_peers.TryGetValue(heartbeat.Node, out Peer? peer))
        {
            peer = new Peer(_options);
            _peers.Add(heartbeat.Node, peer);
        }

        bool restarted = peer.Incarnation is { } known && known != heartbeat.Incarnation;
        if (restarted)
        {
            // A new process: its heartbeat history says nothing about the new one.
            peer.Detector = new PhiAccrualFailureDetector(_options);
        }

        peer.Incarnation = heartbeat.Incarnation;
        peer.HeartbeatsReceived++;
        peer.Detector.Heartbeat(now);
        MemberStatus previous = peer.Status;
        if (previous == MemberStatus.Up && !restarted)
        {
            return null;
        }

        peer.Status = MemberStatus.Up;
        return new MemberStatusChanged(heartbeat.Node, previous, MemberStatus.Up, 0, TimeSpan.Zero, restarted);
    }

    /// <summary>Checks every up peer at <paramref name="now"/>; returns the down events (each fires once per outage).</summary>
    public IReadOnlyList<MemberStatusChanged> Evaluate(TimeSpan now)
    {
        List<MemberStatusChanged>? events = null;
        foreach ((string node, Peer peer) in _peers)
        {
            if (peer.Status != MemberStatus.Up)
            {
                continue;
            }

            double phi = peer.Detector.Phi(now);
            if (phi >= peer.Detector.Threshold)
            {
                peer.Status = MemberStatus.Down;
                TimeSpan silence = now - (peer.Detector.LastHeartbeat ?? now);
                (events ??= []).Add(new MemberStatusChanged(node, MemberStatus.Up, MemberStatus.Down, phi, silence, Restarted: false));
            }
        }

        return events ?? (IReadOnlyList<MemberStatusChanged>)[];
    }

    /// <summary>Every member with its status at <paramref name="now"/>, self first-class (always up).</summary>
    public ClusterStatus Snapshot(TimeSpan now, DateTimeOffset wallClock, Guid selfIncarnation)
    {
        var members = new List<MemberInfo>(_peers.Count + 1)
        {
            new(_self, MemberStatus.Up, 0, TimeSpan.Zero, 0, selfIncarnation, IsSelf: true),
        };
        foreach ((string node, Peer peer) in _peers)
        {
            TimeSpan? silence = peer.Detector.LastHeartbeat is { } last ? now - last : null;
            members.Add(new MemberInfo(node, peer.Status, peer.Detector.Phi(now), silence, peer.HeartbeatsReceived, peer.Incarnation, IsSelf: false));
        }

        members.Sort((a, b) => string.CompareOrdinal(a.Node, b.Node));
        return new ClusterStatus(_self, wallClock, members);
    }

    private sealed class Peer(FailureDetectorOptions options)
    {
        public PhiAccrualFailureDetector Detector { get; set; } = new(options);

        public MemberStatus Status { get; set; } = MemberStatus.Unknown;

        public Guid? Incarnation { get; set; }

        public long HeartbeatsReceived { get; set; }
    }
}
