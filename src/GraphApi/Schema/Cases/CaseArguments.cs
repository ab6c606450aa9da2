using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using GraphQL;

namespace CareGrid.GraphApi.Schema;

/// <summary>The arguments every mutation of one case shares: <c>id</c> and the duty-of-care <c>consentOverrideReason</c>.</summary>
internal static class CaseArguments
{
    /// <summary>The case's local id from <c>id</c>; NOT_FOUND (entity Case, "(malformed id)") when it is not a well-formed local id.</summary>
    public static string CaseId(IResolveFieldContext ctx) =>
        LocalIds.IsWellFormed(ctx.GetArgument<string>("id")) ? ctx.GetArgument<string>("id") : throw CareGridException.NotFound("Case", "(malformed id)");

    /// <summary>The grain of the case named by <c>id</c> in the caller's tenant, and the caller (access already checked by the field's declaration).</summary>
    public static (ICaseGrain Grain, Actor Actor) CaseFor(IResolveFieldContext ctx, IGrainFactory grains)
    {
        var (tenant, actor) = ctx.TenantCaller();
        return (grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, CaseId(ctx))), actor);
    }

    /// <summary>The optional duty-of-care <c>consentOverrideReason</c> argument (accepted only at IMMINENT risk, R-1.7; see ConsentGate).</summary>
    public static string? Override(IResolveFieldContext ctx) => ctx.GetArgument<string?>("consentOverrideReason");
}
