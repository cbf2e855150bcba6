using EdgeCascade.Runtime.Transport;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace EdgeCascade.Runtime.Membership;

/// <summary>
/// Heartbeats on the fanout exchange edgecascade.&lt;topology&gt;.heartbeats, sharing the transport's connection.
/// Each subscriber gets its own exclusive, auto-deleted queue bound to the exchange.
/// </summary>
/// <remarks>
/// Heartbeats are transient, unconfirmed and expire after a few seconds in a queue: a stale heartbeat would make
/// a dead node look alive.
/// </remarks>
public sealed class RabbitMqHeartbeatBus : IHeartbeatBus
{
    private static readonly BasicProperties s_properties = new() { Persistent = false, Expiration = "5000" };
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly string _exchange;
    private readonly SemaphoreSlim _publishGate = new(1, 1);

    private RabbitMqHeartbeatBus(IConnection connection, IChannel channel, string exchange)
    {
        _connection = connection;
        _channel = channel;
        _exchange = exchange;
    }

    public static async Task<RabbitMqHeartbeatBus> CreateAsync(RabbitMqTransport transport, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        string exchange = transport.Options.HeartbeatExchange;
        IChannel channel = await transport.Connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: false, autoDelete: false, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return new RabbitMqHeartbeatBus(transport.Connection, channel, exchange);
    }

    public async Task PublishAsync(Heartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        byte[] body = HeartbeatSerializer.Encode(heartbeat);
        await _publishGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _channel.BasicPublishAsync(_exchange, string.Empty, mandatory: false, s_properties, body, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (AlreadyClosedException error)
        {
            throw new TransportException($"cannot send heartbeat: the broker connection is closed ({error.Message})", error);
        }
        finally
        {
            _publishGate.Release();
        }
    }

    public async Task<IAsyncDisposable> SubscribeAsync(Func<Heartbeat, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        IChannel channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        QueueDeclareOk queue = await channel.QueueDeclareAsync(
            string.Empty, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(queue.QueueName, _exchange, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, received) =>
        {
            if (HeartbeatSerializer.TryDecode(received.Body.Span) is { } heartbeat)
            {
                await handler(heartbeat).ConfigureAwait(false);
            }
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken).ConfigureAwait(false);
        return new ChannelCloser(channel);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _channel.CloseAsync().ConfigureAwait(false);
        }
        catch (AlreadyClosedException)
        {
            // Connection already closed.
        }

        _channel.Dispose();
        _publishGate.Dispose();
    }

    private sealed class ChannelCloser(IChannel channel) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await channel.CloseAsync().ConfigureAwait(false);
            }
            catch (AlreadyClosedException)
            {
                // Connection already closed; the exclusive queue is gone with it.
            }

            channel.Dispose();
        }
    }
}
