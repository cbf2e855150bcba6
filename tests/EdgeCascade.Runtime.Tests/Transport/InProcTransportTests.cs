using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

public sealed class InProcTransportTests : TransportContractTests
{
    protected override Task<ITransport> CreateTransportAsync(int maxPayloadBytes) =>
        Task.FromResult<ITransport>(new InProcTransport(new TransportOptions { MaxPayloadBytes = maxPayloadBytes }));
}
