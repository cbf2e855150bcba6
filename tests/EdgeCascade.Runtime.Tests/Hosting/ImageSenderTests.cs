using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Tests.Models;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Runtime.Tests.Transport;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Hosting;

public sealed class ImageSenderTests : IDisposable
{
    private readonly ClusterTestBed _bed = new(distinctImages: 2);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task SendAsync_FolderWithACorruptFile_NamesItOnceAndSendsTheRest()
    {
        string folder = _bed.NewDirectory("mixed");
        ImageFile.Write(Path.Combine(folder, "a.png"), SyntheticImages.Gradient(32, 32, seed: 1));
        await File.WriteAllBytesAsync(Path.Combine(folder, "b.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        ImageFile.Write(Path.Combine(folder, "c.png"), SyntheticImages.Gradient(32, 32, seed: 2));
        await using var transport = new InProcTransport();
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await transport.SubscribeAsync("camera", probe.Handle, new SubscribeOptions { Prefetch = 100 });
        var skipped = new List<(string File, string Reason)>();

        long sent = await ImageSender.SendAsync(
            transport, _bed.Topology, ImageSet.Open(folder), count: 6, skipped: (file, reason) => skipped.Add((file, reason)));

        Assert.Equal(4, sent);
        var only = Assert.Single(skipped);
        Assert.EndsWith("b.png", only.File, StringComparison.Ordinal);
        var ids = new List<long>();
        for (int i = 0; i < 4; i++)
        {
            Delivery delivery = await probe.NextAsync();
            ids.Add(delivery.Envelope.ImageId);
            await delivery.AckAsync();
        }

        Assert.Equal([0L, 2, 3, 5], ids.Order());
    }
}
