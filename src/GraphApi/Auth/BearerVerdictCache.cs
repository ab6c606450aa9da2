using System.Collections.Concurrent;
using System.Security.Claims;

namespace CareGrid.GraphApi.Auth;

/// <summary>
/// The successful bearer authentications of recent tokens, keyed by the exact token text (ordinal), for
/// <see cref="CachingJwtBearerHandler"/>: a client sends the same token on every request, and validating it (parsing,
/// signature, lifetime, audience, issuer, then the claim mapping of an authority's token) dominates the cost of
/// authentication. Only successes are kept, each until the token expires plus the clock skew, but never longer than
/// <see cref="MaxAge"/>, so a change of signing keys (or of an authority's keys) is seen within that time. The kept
/// principal is a private copy that no request ever receives: every hit gets its own copy of its identities and claims
/// (<see cref="Lookup"/>). Bounded: past <see cref="MaxEntries"/> tokens the cache starts over. One per process (a
/// singleton service).
/// </summary>
public sealed class BearerVerdictCache
{
    /// <summary>The longest a verdict is reused: 5 minutes (the rule of the former token-level cache, kept).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    /// <summary>Most tokens kept at once.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Verdict> _valid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Verdict>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>An empty cache.</summary>
    public BearerVerdictCache() => _bySpan = _valid.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many verdicts are kept now.</summary>
    public int Count => _valid.Count;

    /// <summary>
    /// A fresh copy of the principal kept for <paramref name="token"/> with the token's issue and expiry times (UTC, null
    /// when the token has none), or null when no verdict is kept or it is no longer valid at <paramref name="now"/> (an
    /// expired verdict is dropped). The copy shares no <see cref="ClaimsIdentity"/> or <see cref="Claim"/> with the kept
    /// principal or with any other hit, so a request that changes its claims changes nobody else's.
    /// </summary>
    public ClaimsPrincipal? Lookup(ReadOnlySpan<char> token, DateTimeOffset now, out DateTimeOffset? issuedUtc, out DateTimeOffset? expiresUtc)
    {
        issuedUtc = expiresUtc = null;
        if (!_bySpan.TryGetValue(token, out var key, out var verdict))
        {
            return null;
        }

        if (verdict.Until <= now)
        {
            _valid.TryRemove(new KeyValuePair<string, Verdict>(key, verdict));
            return null;
        }

        issuedUtc = verdict.IssuedUtc;
        expiresUtc = verdict.ExpiresUtc;
        return Copy(verdict.Principal);
    }

    /// <summary>
    /// Keeps a copy of <paramref name="principal"/>, which the handler has just authenticated from <paramref name="token"/>
    /// at <paramref name="now"/>, until <paramref name="expiresUtc"/> + <paramref name="clockSkew"/> (the last instant the
    /// token validation itself would accept it) or <paramref name="now"/> + <see cref="MaxAge"/>, whichever is first.
    /// The caller keeps using its own <paramref name="principal"/>: the cache never hands it out.
    /// </summary>
    public void Add(string token, ClaimsPrincipal principal, DateTimeOffset now, DateTimeOffset? issuedUtc, DateTimeOffset? expiresUtc, TimeSpan clockSkew)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(principal);
        var until = now + MaxAge;
        if (expiresUtc is { } expires && expires + clockSkew < until)
        {
            until = expires + clockSkew;
        }

        if (until <= now)
        {
            return;
        }

        if (_valid.Count >= MaxEntries)
        {
            _valid.Clear();
        }

        _valid[token] = new Verdict(Copy(principal), until, issuedUtc, expiresUtc);
    }

    /// <summary>Forgets every verdict (tests; a key change is otherwise seen within <see cref="MaxAge"/>).</summary>
    public void Clear() => _valid.Clear();

    /// <summary>A principal with a deep copy of each identity (<see cref="ClaimsIdentity.Clone"/> copies every claim).</summary>
    private static ClaimsPrincipal Copy(ClaimsPrincipal principal)
    {
        var identities = principal.Identities as IList<ClaimsIdentity> ?? principal.Identities.ToList();
        if (identities.Count == 1)
        {
            return new ClaimsPrincipal(identities[0].Clone());
        }

        var copies = new ClaimsIdentity[identities.Count];
        for (var i = 0; i < copies.Length; i++)
        {
            copies[i] = identities[i].Clone();
        }

        return new ClaimsPrincipal(copies);
    }

    private sealed record Verdict(ClaimsPrincipal Principal, DateTimeOffset Until, DateTimeOffset? IssuedUtc, DateTimeOffset? ExpiresUtc);
}
