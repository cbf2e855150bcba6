namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>Marks a test class whose <see cref="TransportFactAttribute"/> tests need the RabbitMQ broker.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresRabbitMqAttribute : Attribute;
