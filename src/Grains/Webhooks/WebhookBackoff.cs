namespace CareGrid.Grains.Webhooks;

/// <summary>
/// When a failed delivery is tried again (docs/webhooks.md "Retries"): exponential back-off from <see cref="First"/>, doubling
/// per failed attempt up to <see cref="Cap"/>, each delay shortened by up to <see cref="JitterShare"/> at random so that many
/// endpoints recovering at once are not hit in step; after <see cref="Horizon"/> since the event was queued it is given up
/// (dead letter, kept for replay). Schedule without jitter: 5 s, 10 s, 20 s, 40 s, 80 s, 160 s, … 1 h, 1 h, … for 24 h.
/// </summary>
public static class WebhookBackoff
{
    /// <summary>The delay after the first failed attempt.</summary>
    public static readonly TimeSpan First = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between two attempts.</summary>
    public static readonly TimeSpan Cap = TimeSpan.FromHours(1);

    /// <summary>How long after queuing an event is given up.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(24);

    /// <summary>The share of a delay that jitter may take off (0.2: a delay lies in [0.8 d, d]).</summary>
    public const double JitterShare = 0.2;

    /// <summary>
    /// The delay after failed attempt number <paramref name="attempts"/> (from 1). <paramref name="jitter"/> in [0, 1) chooses
    /// where in [(1 − <see cref="JitterShare"/>)·d, d] the delay lies (0: the full delay).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="attempts"/> &lt; 1 or <paramref name="jitter"/> is outside [0, 1).</exception>
    public static TimeSpan Delay(int attempts, double jitter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        if (jitter is < 0 or >= 1 || double.IsNaN(jitter))
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "Jitter lies in [0, 1).");
        }

        var doublings = Math.Min(attempts - 1, 30);
        var full = Math.Min(First.TotalSeconds * Math.Pow(2, doublings), Cap.TotalSeconds);
        return TimeSpan.FromSeconds(full * (1 - (JitterShare * jitter)));
    }

    /// <summary>True when an event queued at <paramref name="queuedAt"/> that just failed at <paramref name="now"/> is given up.</summary>
    public static bool GivesUp(DateTimeOffset queuedAt, DateTimeOffset now) => now - queuedAt >= Horizon;
}
