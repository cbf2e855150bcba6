namespace EdgeCascade.Topologies.Model;

/// <summary>One machine of a topology.</summary>
/// <param name="Name">Unique node name.</param>
/// <param name="Roles">Source, relay and/or sink.</param>
/// <param name="Gpu">The node's accelerator budget.</param>
/// <param name="QueueCapacity">Jobs that may wait for the GPU before new arrivals are dropped.</param>
public sealed record NodeSpec(string Name, NodeRoles Roles, GpuProfile Gpu, int QueueCapacity);
