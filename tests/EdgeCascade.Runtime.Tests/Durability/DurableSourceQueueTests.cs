using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Durability;
using EdgeCascade.Runtime.Tests.Transport;
using Envelope = EdgeCascade.Runtime.Transport.Envelope;

namespace EdgeCascade.Runtime.Tests.Durability;

public sealed class DurableSourceQueueTests : IDisposable
{
    private static readonly DateTimeOffset s_createdAt = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ec-queue-{Guid.NewGuid():N}");

    private string File => Path.Combine(_folder, "source-queue.log");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact]
    public async Task Reopen_ReturnsWhatWasAcceptedAndNotDone_InOrder()
    {
        long[] entries = new long[5];
        using (DurableSourceQueue queue = DurableSourceQueue.Open(File))
        {
            Assert.Empty(queue.Recovered);
            for (int i = 0; i < 5; i++)
            {
                entries[i] = await queue.AppendAsync(Frame(i, 2000 + i));
            }

            queue.Complete(entries[1]);
            queue.Complete(entries[3]);
        }

        using (DurableSourceQueue again = DurableSourceQueue.Open(File))
        {
            Assert.Equal([0L, 2L, 4L], again.Recovered.Select(r => r.Frame.Envelope.ImageId));
            Assert.Equal(Frame(2, 2002).Payload.ToArray(), again.Recovered[1].Frame.Payload.ToArray());
            Assert.Equal(Frame(2, 2002).Envelope with { MessageId = again.Recovered[1].Frame.Envelope.MessageId }, again.Recovered[1].Frame.Envelope);

            // New entries never reuse a live entry's id.
            long next = await again.AppendAsync(Frame(9, 100));
            Assert.True(next > entries[4]);
        }
    }

    [Fact]
    public async Task AppendCompletes_OnlyOnceOnDisk_EvenWithoutADispose()
    {
        // What a SIGKILL leaves: nothing flushed at dispose. Read the file while the first queue is still open.
        DurableSourceQueue queue = DurableSourceQueue.Open(File);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => queue.AppendAsync(Frame(i, 16 * 1024))));

        System.IO.File.Copy(File, File + ".killed", overwrite: true);
        using DurableSourceQueue recovered = DurableSourceQueue.Open(File + ".killed");
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), recovered.Recovered.Select(r => r.Frame.Envelope.ImageId).Order());
        queue.Dispose();
    }

    [Fact]
    public async Task TornTail_IsCutOff_AndTheRestIsKept()
    {
        using (DurableSourceQueue queue = DurableSourceQueue.Open(File))
        {
            await queue.AppendAsync(Frame(1, 500));
            await queue.AppendAsync(Frame(2, 500));
        }

        long length = new FileInfo(File).Length;
        using (var stream = new FileStream(File, FileMode.Open))
        {
            stream.SetLength(length - 7); // the second append was cut by a crash
        }

        using DurableSourceQueue again = DurableSourceQueue.Open(File);
        Assert.Equal([1L], again.Recovered.Select(r => r.Frame.Envelope.ImageId));
        Assert.True(new FileInfo(File).Length < length - 7);
    }

    [Fact]
    public async Task AllDone_LeavesAnEmptyFile()
    {
        using (DurableSourceQueue queue = DurableSourceQueue.Open(File))
        {
            long a = await queue.AppendAsync(Frame(1, 500));
            long b = await queue.AppendAsync(Frame(2, 500));
            queue.Complete(a);
            queue.Complete(b);
        }

        Assert.Equal(0, new FileInfo(File).Length);
        using DurableSourceQueue again = DurableSourceQueue.Open(File);
        Assert.Empty(again.Recovered);
    }

    [Fact]
    public async Task Full_AppendWaitsUntilAnEntryIsDone()
    {
        using DurableSourceQueue queue = DurableSourceQueue.Open(File, capacity: 2);
        long first = await queue.AppendAsync(Frame(1, 100));
        await queue.AppendAsync(Frame(2, 100));

        Task<long> third = queue.AppendAsync(Frame(3, 100));
        await Task.Delay(200);
        Assert.False(third.IsCompleted);

        queue.Complete(first);
        await third.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Reopen_ImageOfSeveralFlows_ComesBackWithEveryFlow()
    {
        byte[] payload = TestMessages.Payload(5000, seed: 3);
        var frame = new LatentFrame(Envelope.Create("cam1-monitor", 7, 9, "11+101", payload, s_createdAt) with { RiderFlows = ["cam1-archive"] }, payload);
        using (DurableSourceQueue queue = DurableSourceQueue.Open(File))
        {
            await queue.AppendAsync(frame);
        }

        using DurableSourceQueue again = DurableSourceQueue.Open(File);
        QueuedImage recovered = Assert.Single(again.Recovered);
        Assert.Equal(frame.Envelope, recovered.Frame.Envelope);
        Assert.Equal(["cam1-monitor", "cam1-archive"], recovered.Frame.Envelope.Flows);
    }

    private static LatentFrame Frame(long imageId, int size)
    {
        byte[] payload = TestMessages.Payload(size, seed: (int)imageId + 1);
        return new LatentFrame(Envelope.Create("flow", imageId, 6, "0101", payload, s_createdAt), payload);
    }
}
