using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Checks <see cref="RateLimitOptions"/> (section <c>RateLimits</c>): <c>PerUserPerMinute</c> and <c>PerTenantPerMinute</c>
/// at least 1 (a window of 0 permits would refuse every request; turn the limits off with <c>RateLimits:Enabled=false</c>).
/// </summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(RateLimitOptions.Section)
            .AtLeast(nameof(options.PerUserPerMinute), options.PerUserPerMinute, 1)
            .AtLeast(nameof(options.PerTenantPerMinute), options.PerTenantPerMinute, 1)
            .AtLeast(nameof(options.WorryMailboxPerAddress), options.WorryMailboxPerAddress, 1)
            .AtLeast(nameof(options.WorryMailboxPerTenant), options.WorryMailboxPerTenant, 1)
            .AtLeast(nameof(options.WorryMailboxPostsPerTenant), options.WorryMailboxPostsPerTenant, 1)
            .AtLeast(nameof(options.WorryMailboxWindowSeconds), options.WorryMailboxWindowSeconds, 1)
            .Result();
    }
}
