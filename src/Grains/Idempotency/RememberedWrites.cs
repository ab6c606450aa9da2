namespace CareGrid.Grains.Idempotency;

/// <summary>
/// One keyed write a grain remembers, stored in the same state (and so the same atomic storage write) as the write's
/// effect (docs/idempotency.md).
/// </summary>
/// <param name="Scope">Who sent it: the caller's token subject (keys are per caller).</param>
/// <param name="Key">The client's idempotency key.</param>
/// <param name="Fingerprint">The request's <see cref="IdempotencyKey.Fingerprint"/>.</param>
/// <param name="At">When the write was stored (UTC, domain clock).</param>
/// <param name="Result">What the write produced, when a replay must say it (e.g. <c>JoinedOpenCase</c>), else null.</param>
[GenerateSerializer, Alias("CareGrid.RememberedWrite"), Immutable]
public sealed record RememberedWrite(
    [property: Id(0)] string Scope,
    [property: Id(1)] string Key,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? Result = null)
{
    /// <summary>
    /// How a request with <paramref name="scope"/>, <paramref name="key"/> and <paramref name="fingerprint"/> relates to
    /// this write: <see cref="KeyMatch.Replay"/>, <see cref="KeyMatch.Reused"/> or <see cref="KeyMatch.None"/>.
    /// </summary>
    public KeyMatch Match(string scope, string key, string fingerprint) =>
        Scope != scope || Key != key ? KeyMatch.None
        : Fingerprint == fingerprint ? KeyMatch.Replay
        : KeyMatch.Reused;
}

/// <summary>How a keyed request relates to a remembered write.</summary>
[GenerateSerializer, Alias("CareGrid.KeyMatch")]
public enum KeyMatch
{
    /// <summary>Another key (or another caller): the request is new.</summary>
    None,
    /// <summary>The same key and the same request: a retry; answer the first result, write nothing.</summary>
    Replay,
    /// <summary>The same key with a different request: refuse with <c>IDEMPOTENCY_KEY_REUSED</c>.</summary>
    Reused,
}

/// <summary>
/// The bounded set of keyed writes a grain remembers (docs/idempotency.md): writes of the last <see cref="Window"/>
/// (24 h), at most <see cref="MaxCount"/> (the newest). A retry sent later than that, or after more than
/// <see cref="MaxCount"/> later keyed writes to the same grain, is no longer recognised and is applied as new.
/// </summary>
public static class RememberedWrites
{
    /// <summary>How long a key is remembered: 24 hours.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>Most keys one grain remembers: 64.</summary>
    public const int MaxCount = 64;

    /// <summary>The first remembered write that <paramref name="key"/> of <paramref name="scope"/> matches, with how.</summary>
    public static (KeyMatch Match, RememberedWrite? Write) Find(IReadOnlyList<RememberedWrite>? writes, string scope, string key, string fingerprint)
    {
        foreach (var write in writes ?? [])
        {
            var match = write.Match(scope, key, fingerprint);
            if (match != KeyMatch.None)
            {
                return (match, write);
            }
        }

        return (KeyMatch.None, null);
    }

    /// <summary>
    /// For a create under an id derived from the key (<see cref="IdempotencyKey.DeriveId"/>) that found its record
    /// existing: true when <paramref name="createdBy"/> is this same keyed request (answer the record, write nothing);
    /// <c>IDEMPOTENCY_KEY_REUSED</c> when the key came with another request; false when the record was not created by
    /// this caller's key (the caller answers <c>ALREADY_EXISTS</c>).
    /// </summary>
    public static bool Replays(RememberedWrite? createdBy, string scope, string? key, string fingerprint, string operation)
    {
        if (key is null || createdBy is null)
        {
            return false;
        }

        return createdBy.Match(scope, key, fingerprint) switch
        {
            KeyMatch.Replay => true,
            KeyMatch.Reused => throw IdempotencyKey.Reused(operation),
            _ => false,
        };
    }

    /// <summary>
    /// Adds <paramref name="write"/> and drops what fell out of the window at <paramref name="now"/>: writes older than
    /// <see cref="Window"/>, then the oldest beyond <see cref="MaxCount"/>. Returns the list (created when null).
    /// </summary>
    public static List<RememberedWrite> Add(List<RememberedWrite>? writes, RememberedWrite write, DateTimeOffset now)
    {
        writes ??= [];
        writes.RemoveAll(w => w.Scope == write.Scope && w.Key == write.Key);
        writes.Add(write);
        writes.RemoveAll(w => now - w.At > Window);
        if (writes.Count > MaxCount)
        {
            writes.RemoveRange(0, writes.Count - MaxCount);
        }

        return writes;
    }
}
