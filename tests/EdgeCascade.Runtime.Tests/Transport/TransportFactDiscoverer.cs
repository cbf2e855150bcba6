using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>Discovers <see cref="TransportFactAttribute"/> tests, turning them into skipped cases when the broker is missing.</summary>
public sealed class TransportFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        ArgumentNullException.ThrowIfNull(testMethod);
        TestMethodDisplay display = discoveryOptions.MethodDisplayOrDefault();
        TestMethodDisplayOptions displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        Type? testClass = testMethod.TestClass.Class.ToRuntimeType();
        if (testClass?.GetCustomAttribute<RequiresRabbitMqAttribute>() is not null && TestBroker.SkipReason is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason)];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
