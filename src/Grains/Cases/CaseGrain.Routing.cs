using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// How a case reaches the professional (docs/protocol.md "How a concern travels"): <c>takeCase</c> and
/// <c>requestProfessionalReview</c>. Each checks need-to-know, applies the aggregate's rule and saves only when it changed
/// something (taking a case one owns, or asking review of a case at level 3, writes nothing).
/// </summary>
public sealed partial class CaseGrain
{
    /// <inheritdoc />
    public async Task<CaseView> TakeCase(Actor actor)
    {
        await EnsureMayActAsync(actor);
        // Taking follows the organization scope of the queue and level paths (docs/access.md): looked up, never assumed.
        var c = Case();
        c.ViewerScope = await StaffScopes.ResolveAsync(GrainFactory, TenantId, actor);
        if (c.Take(actor).Timeline.Count > 0)
        {
            await SaveAsync();
        }

        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> RequestProfessionalReview(string reason, Actor actor)
    {
        await EnsureMayActAsync(actor);
        if (Case().RequestProfessionalReview(reason, actor).Timeline.Count > 0)
        {
            await SaveAsync();
        }

        return ToView(actor);
    }
}
