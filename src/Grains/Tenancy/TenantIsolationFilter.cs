using CareGrid.Grains.Errors;
using Microsoft.Extensions.Logging;

namespace CareGrid.Grains.Tenancy;

/// <summary>
/// Incoming grain call filter: the second line of tenant isolation (docs/architecture.md "Tenancy"). A call to an
/// <see cref="ITenantScopedGrain"/> that carries a tenant (<see cref="TenantContext"/>) different from
/// the tenant prefix of the grain's key is refused with <see cref="ErrorCodes.Forbidden"/> before the
/// grain method runs. Calls carrying no tenant are internal (reminders, activation, silo services) and
/// pass; the API always stamps a tenant.
/// </summary>
public sealed class TenantIsolationFilter(ILogger<TenantIsolationFilter> logger) : IIncomingGrainCallFilter
{
    /// <inheritdoc />
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.TargetContext?.GrainInstance is ITenantScopedGrain
            && TenantContext.Current is { } carried)
        {
            var key = context.TargetId.Key.ToString() ?? string.Empty;
            var owner = TenantIds.TenantOf(key);
            if (!string.Equals(owner, carried, StringComparison.Ordinal))
            {
                logger.LogWarning("Refused cross-tenant grain call {Method} on {Grain} carrying tenant {Carried}",
                    context.ImplementationMethod?.Name, context.TargetId, carried);
                throw new CareGridException(ErrorCodes.Forbidden, "This record belongs to another tenant.");
            }
        }

        return context.Invoke();
    }
}
