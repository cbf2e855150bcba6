using Xunit.Sdk;

namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>
/// A fact that is skipped, with the reason, when its class is marked <see cref="RequiresRabbitMqAttribute"/> and
/// no broker can be reached or started. Lets one contract base class run against every transport.
/// </summary>
[XunitTestCaseDiscoverer("EdgeCascade.Runtime.Tests.Transport.TransportFactDiscoverer", "EdgeCascade.Runtime.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TransportFactAttribute : FactAttribute;
