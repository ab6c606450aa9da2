using System.Threading.RateLimiting;
using CareGrid.GraphApi.Auth;
using CareGrid.GraphApi.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using CareGrid.GraphApi.Configuration;
using CareGrid.GraphApi.Http;
using CareGrid.GraphApi.Mailbox;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Per-tenant and per-user request limits (ASP.NET Core rate limiting), configuration section <c>RateLimits</c>.
/// A refused request gets HTTP 429, a <c>Retry-After</c> header and a GraphQL error with <c>RATE_LIMITED</c>.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "RateLimits";

    /// <summary>Whether limits apply (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per user (token <c>sub</c>, else client IP) per minute (default 1,200; at least 1).</summary>
    public int PerUserPerMinute { get; set; } = 1200;

    /// <summary>Requests per tenant (route, header or claim; "platform" otherwise) per minute (default 20,000; at least 1).</summary>
    public int PerTenantPerMinute { get; set; } = 20000;

    /// <summary>
    /// Requests to the public worry-mailbox route per network address per window (default 10; at least 1): IPv4 by address,
    /// IPv6 by its /64 prefix (R-5.2, docs/mailbox.md "Rate limits"). Kept in memory only.
    /// </summary>
    public int WorryMailboxPerAddress { get; set; } = 10;

    /// <summary>
    /// Requests to one tenant's worry-mailbox route per window, all addresses together (default 600; at least 1). A budget of
    /// its own, so a flood on the public route never uses up <see cref="PerTenantPerMinute"/> of the tenant's staff.
    /// </summary>
    public int WorryMailboxPerTenant { get; set; } = 600;

    /// <summary>
    /// Posts to one tenant's worry mailbox per window, all addresses together (default 600; at least 1): a budget of its own,
    /// apart from <see cref="WorryMailboxPerTenant"/> (read and reply), so a flood of reads never locks out a writer in danger.
    /// </summary>
    public int WorryMailboxPostsPerTenant { get; set; } = 600;

    /// <summary>The worry-mailbox route's fixed window in seconds (default 60: one minute; 1–86,400).</summary>
    public int WorryMailboxWindowSeconds { get; set; } = 60;
}

/// <summary>Registers the limiter.</summary>
public static class RateLimitingExtensions
{
    /// <summary>
    /// Adds a global chained limiter: per tenant, then per user, each a one-minute fixed window, from the validated
    /// <see cref="RateLimitOptions"/> (section <c>RateLimits</c>, checked on start by <see cref="RateLimitOptionsValidator"/>).
    /// </summary>
    public static IServiceCollection AddCareGridRateLimiting(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        services.AddSingleton<WorryMailboxTenantBudget>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, options) => Configure(limiter, options.Value));
        return services;
    }

    private static void Configure(RateLimiterOptions limiter, RateLimitOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        if (!options.Enabled)
        {
            return;
        }

        // The worry-mailbox route is limited here by address only; its tenant budgets are drawn by the endpoint after
        // the body is checked (WorryMailboxTenantBudget), so malformed requests never use them up (docs/mailbox.md).
        limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => WorryMailboxRoute.IsMailbox(context)
                ? RateLimitPartition.GetFixedWindowLimiter("mailbox-address:" + WorryMailboxRoute.AddressPartition(context.Connection.RemoteIpAddress),
                    _ => Window(options.WorryMailboxPerAddress, options.WorryMailboxWindowSeconds))
                : RateLimitPartition.GetFixedWindowLimiter("tenant:" + (TenantResolver.Resolve(context).TenantId ?? "platform"), _ => Window(options.PerTenantPerMinute))),
            PartitionedRateLimiter.Create<HttpContext, string>(context => WorryMailboxRoute.IsMailbox(context)
                ? RateLimitPartition.GetNoLimiter("mailbox")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.User.FindFirst(ClaimNames.Subject)?.Value is { } sub ? "user:" + sub : "ip:" + context.Connection.RemoteIpAddress,
                    _ => Window(options.PerUserPerMinute))));
        limiter.OnRejected = async (rejected, cancellationToken) =>
        {
            var response = rejected.HttpContext.Response;
            if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(WorryMailboxRoute.IsMailbox(rejected.HttpContext) ? WorryMailboxAnswers.RateLimitedBody : RejectionBody, cancellationToken);
        };
    }

    private static readonly string RejectionBody =
        "{\"errors\":[{\"message\":\"Too many requests; retry later.\",\"extensions\":{\"code\":\"" + TransportErrorCodes.RateLimited + "\"}}]}";

    private static FixedWindowRateLimiterOptions Window(int permits, int seconds = 60) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 86400)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
