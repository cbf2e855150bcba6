namespace EdgeCascade.Runtime.Shaping;

/// <summary>
/// Bandwidth limiter for one link: tokens are bytes, refilled at <see cref="BitsPerSecond"/>/8 per second up to
/// <see cref="BurstBytes"/>.
/// </summary>
/// <remarks>
/// Reservation style: <see cref="Reserve"/> always takes the bytes, letting the balance go negative, and returns how
/// long the caller must wait before sending. Messages larger than the burst are therefore allowed, concurrent
/// senders queue in reservation order, and the long-run rate is exact however coarse the timer is (each wait is
/// computed from the debt, not from how long the previous sleep really took).
/// The core (<see cref="Reserve"/>, <see cref="TryConsume"/>) takes "now" as an argument and never reads a clock;
/// <see cref="WaitAsync"/> reads the injected <see cref="TimeProvider"/>.
/// </remarks>
public sealed class TokenBucket
{
    private readonly TimeProvider _timeProvider;
    private readonly long _origin;
    private readonly Lock _gate = new();
    private readonly double _bytesPerSecond;
    private double _tokens;
    private TimeSpan _lastRefill;

    /// <param name="bitsPerSecond">Link rate in bit/s (positive, finite).</param>
    /// <param name="burstBytes">Bucket size: bytes that may go out back-to-back after an idle period.</param>
    /// <param name="timeProvider">Clock for <see cref="WaitAsync"/>; the system clock when null.</param>
    public TokenBucket(double bitsPerSecond, long burstBytes, TimeProvider? timeProvider = null)
    {
        if (!double.IsFinite(bitsPerSecond) || bitsPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bitsPerSecond), bitsPerSecond, "rate must be a positive number of bit/s");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(burstBytes, 1);
        BitsPerSecond = bitsPerSecond;
        BurstBytes = burstBytes;
        _bytesPerSecond = bitsPerSecond / 8.0;
        _tokens = burstBytes;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _origin = _timeProvider.GetTimestamp();
    }

    public double BitsPerSecond { get; }

    public long BurstBytes { get; }

    /// <summary>Time since this bucket was created, on its clock: the "now" <see cref="WaitAsync"/> uses.</summary>
    public TimeSpan Now => _timeProvider.GetElapsedTime(_origin);

    /// <summary>Bytes available at <paramref name="now"/> (negative while earlier reservations are still being paid off).</summary>
    public double AvailableBytes(TimeSpan now)
    {
        lock (_gate)
        {
            Refill(now);
            return _tokens;
        }
    }

    /// <summary>Takes <paramref name="bytes"/> only if they are available now; never waits, never goes negative.</summary>
    public bool TryConsume(long bytes, TimeSpan now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (_gate)
        {
            Refill(now);
            if (_tokens < bytes)
            {
                return false;
            }

            _tokens -= bytes;
            return true;
        }
    }

    /// <summary>Takes <paramref name="bytes"/> and returns how long after <paramref name="now"/> they may be sent.</summary>
    public TimeSpan Reserve(long bytes, TimeSpan now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        lock (_gate)
        {
            Refill(now);
            _tokens -= bytes;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _bytesPerSecond);
        }
    }

    /// <summary>Gives back a reservation that was not used (its send was cancelled).</summary>
    public void Refund(long bytes, TimeSpan now)
    {
        lock (_gate)
        {
            Refill(now);
            _tokens = Math.Min(BurstBytes, _tokens + bytes);
        }
    }

    /// <summary>Waits until <paramref name="bytes"/> may be sent at the configured rate, then returns.</summary>
    public async ValueTask WaitAsync(long bytes, CancellationToken cancellationToken = default)
    {
        TimeSpan delay = Reserve(bytes, Now);
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Refund(bytes, Now);
            throw;
        }
    }

    private void Refill(TimeSpan now)
    {
        if (now > _lastRefill)
        {
            _tokens = Math.Min(BurstBytes, _tokens + ((now - _lastRefill).TotalSeconds * _bytesPerSecond));
            _lastRefill = now;
        }
    }
}
