using System.Threading.RateLimiting;
using CareGrid.Grains.Errors;
using CareGrid.GraphApi.Hardening;
using CareGrid.GraphApi.Http;

namespace CareGrid.GraphApi.Mailbox;

/// <summary>
/// The per-tenant budgets of the public worry-mailbox route (R-5.2, docs/mailbox.md "Rate limits"), in memory only: one for
/// <c>post</c> (<see cref="RateLimitOptions.WorryMailboxPostsPerTenant"/>) and one for <c>read</c> and <c>reply</c> together
/// (<see cref="RateLimitOptions.WorryMailboxPerTenant"/>), each a fixed window of
/// <see cref="RateLimitOptions.WorryMailboxWindowSeconds"/>. Drawn by the endpoint only after the body was read and a claim
/// code has the right shape, so malformed requests never use up a tenant's budget and a flood of reads never blocks a post.
/// </summary>
public sealed class WorryMailboxTenantBudget(RateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, k.StartsWith("post:", StringComparison.Ordinal) ? options.WorryMailboxPostsPerTenant : options.WorryMailboxPerTenant),
            Window = TimeSpan.FromSeconds(Math.Clamp(options.WorryMailboxWindowSeconds, 1, 86400)),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>
    /// Takes one permit of <paramref name="tenantId"/>'s budget for <paramref name="action"/>, or throws
    /// <c>RATE_LIMITED</c> (HTTP 429; for a post the message tells the writer what to do in danger now, in English and
    /// Chinese, see <see cref="WorryMailboxAnswers.RateLimitedMessage"/>). Always a no-op when limits are off.
    /// </summary>
    public void Take(string tenantId, string action)
    {
        if (!options.Enabled)
        {
            return;
        }

        using var lease = _limiter.AttemptAcquire((action == "post" ? "post:" : "other:") + tenantId);
        if (!lease.IsAcquired)
        {
            throw WorryMailboxAnswers.RateLimited(action);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
