namespace EdgeCascade.Topologies.Model;

/// <summary>How concurrent transfers share a link.</summary>
public enum LinkSharing
{
    /// <summary>One transfer at a time, in arrival order (serialization).</summary>
    Fifo,

    /// <summary>Processor sharing: active transfers split the bandwidth equally.</summary>
    Fair,
}
