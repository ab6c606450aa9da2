using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>Need-to-know on a case (docs/architecture.md "Security and privacy", docs/access.md): the facts, the decision and the refusal.</summary>
public sealed partial class CaseGrain
{
    /// <summary>The decision of <see cref="NeedToKnowAsync"/> and the viewer's scope when it was looked up (for the refusal's hint).</summary>
    private async Task<(bool Open, StaffScope? Scope)> DecideNeedToKnowAsync(Actor viewer)
    {
        var (open, scope, _) = await DecideAsync(viewer, NeedToKnowPolicy.ForCase);
        return (open, scope);
    }

    /// <summary><see cref="DecideAsync"/> without whether only the grant opened it.</summary>
    private async Task<(bool Open, StaffScope? Scope)> DecideNeedToKnowAsync(Actor viewer, Func<Actor, CaseAccessFacts, NeedToKnowPath> rule)
    {
        var (open, scope, _) = await DecideAsync(viewer, rule);
        return (open, scope);
    }

    /// <summary>
    /// True when <paramref name="viewer"/> may act on what <paramref name="rule"/> opens, not only read it: a path other than a
    /// break-the-glass grant opens it, or the grant does and the viewer's units cover the case's unit
    /// (<see cref="NeedToKnowPolicy.GrantMayChangeCase"/>). False when it does not open at all.
    /// </summary>
    private async Task<(bool Open, bool MayChange, StaffScope? Scope)> DecideChangeAsync(Actor viewer, Func<Actor, CaseAccessFacts, NeedToKnowPath> rule)
    {
        var (open, scope, grantOnly) = await DecideAsync(viewer, rule);
        if (!open || !grantOnly)
        {
            return (open, open, scope);
        }

        scope ??= await lookups.ScopeAsync(GrainFactory, TenantId, viewer);
        return (true, NeedToKnowPolicy.GrantMayChangeCase(scope, S.OrganizationId), scope);
    }

    /// <summary>
    /// Need-to-know for a read of the case (<see cref="EnsureNeedToKnowAsync"/>: refused when it does not open), answering true
    /// when the viewer may read it but not act on it — only a break-the-glass grant opens it and their units do not cover its
    /// unit (<see cref="EnsureMayActAsync"/>'s rule). The view then offers no action (round-29 new-user trial: a teacher given
    /// glass filled in a form that was then refused).
    /// </summary>
    private async Task<bool> EnsureVisibleReadOnlyAsync(Actor viewer)
    {
        var (open, mayChange, scope) = await DecideChangeAsync(viewer, NeedToKnowPolicy.ForCase);
        return open ? !mayChange : throw NeedToKnowPolicy.CaseRefused(LocalId, scope);
    }

    /// <summary>
    /// <paramref name="next"/> as a viewer who may only read the case gets them: each refused with what the mutation answers
    /// first (<c>FORBIDDEN</c>, rule <c>break-the-glass-read-only</c>, <see cref="NeedToKnowPolicy.CaseChangeRefused"/>).
    /// </summary>
    private IReadOnlyList<Domain.NextAction> ReadOnlyActions(IReadOnlyList<Domain.NextAction> next)
    {
        var refusal = NeedToKnowPolicy.CaseChangeRefused(LocalId);
        return [.. next.Select(a => a with
        {
            Allowed = false, AllowedWithConsentOverride = false, Code = refusal.Code, Reason = refusal.Message, Purpose = null,
            RequiredRoles = null, Rule = refusal.Details["rule"],
        })];
    }

    /// <summary>
    /// The case exists and <paramref name="actor"/> may act on it (every case command): as <see cref="EnsureVisibleAsync"/>, and a
    /// case that only a break-the-glass grant opens is refused <c>FORBIDDEN</c>, rule <c>break-the-glass-read-only</c>
    /// (<see cref="NeedToKnowPolicy.CaseChangeRefused"/>), unless the actor's units cover its unit (round-26 red team).
    /// </summary>
    private async Task EnsureMayActAsync(Actor actor)
    {
        if (!S.Exists)
        {
            throw await MissingCaseAsync(actor);
        }

        var (open, mayChange, scope) = await DecideChangeAsync(actor, NeedToKnowPolicy.ForCase);
        if (!open)
        {
            throw NeedToKnowPolicy.CaseRefused(LocalId, scope);
        }

        if (!mayChange)
        {
            throw NeedToKnowPolicy.CaseChangeRefused(LocalId);
        }
    }

    /// <summary>
    /// Gathers the facts only as far as <paramref name="rule"/> needs them (<see cref="NeedToKnowPolicy.ForCase"/> or
    /// <see cref="NeedToKnowPolicy.ForPersonThroughCase"/>); <c>GrantOnly</c> is true when nothing but the viewer's
    /// break-the-glass grant on the case opened it.
    /// </summary>
    private async Task<(bool Open, StaffScope? Scope, bool GrantOnly)> DecideAsync(Actor viewer, Func<Actor, CaseAccessFacts, NeedToKnowPath> rule)
    {
        var facts = new CaseAccessFacts(S.ReportedBy, S.AssigneeId, S.EscalationLevel,
            [.. S.Tasks.Where(t => t.Status == CaseTaskStatus.Open).Select(t => t.OwnerId)]) { OrganizationId = S.OrganizationId };
        if (rule(viewer, facts) != NeedToKnowPath.None)
        {
            return (true, null, false);
        }

        // The scope (one grain call) only when a queue or level path would open the case; the grant only when nothing else does.
        if (NeedToKnowPolicy.NeedsScope(viewer, facts))
        {
            facts = facts with { ViewerScope = await lookups.ScopeAsync(GrainFactory, TenantId, viewer) }; // the silo's fresh copy (SiloLookupCache)
            if (rule(viewer, facts) != NeedToKnowPath.None)
            {
                return (true, facts.ViewerScope, false);
            }
        }

        var granted = await GrainFactory.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(TenantId, "Case", LocalId)).IsGranted(viewer.Subject);
        var open = rule(viewer, facts with { HoldsGrant = granted }) != NeedToKnowPath.None;
        return (open, facts.ViewerScope, open);
    }

    /// <summary>
    /// The case exists and opens to <paramref name="actor"/>: a case that does not exist answers a caller outside need-to-know
    /// exactly as a case they may not open (<see cref="MissingCaseAsync"/>), else <c>FORBIDDEN</c> as <see cref="EnsureNeedToKnowAsync"/>.
    /// </summary>
    private async Task EnsureVisibleAsync(Actor actor)
    {
        if (!S.Exists)
        {
            throw await MissingCaseAsync(actor);
        }

        await EnsureNeedToKnowAsync(actor);
    }

    /// <summary>
    /// What a case id that names no case answers <paramref name="viewer"/> (round 16 red team F12): <c>NOT_FOUND</c> only to a
    /// caller whom need-to-know would open any case to (the same rule, on an empty case: the system); to everyone else the
    /// very refusal of a case outside their need-to-know (<see cref="NeedToKnowPolicy.CaseRefused(string, StaffScope?)"/>,
    /// audited as DENIED), so ids cannot be probed for existence.
    /// </summary>
    private async Task<CareGridException> MissingCaseAsync(Actor viewer)
    {
        var (open, scope) = await DecideNeedToKnowAsync(viewer);
        return open ? CareGridException.NotFound("Case", LocalId) : NeedToKnowPolicy.CaseRefused(LocalId, scope);
    }

    private async Task EnsureNeedToKnowAsync(Actor actor)
    {
        var (open, scope) = await DecideNeedToKnowAsync(actor);
        if (!open)
        {
            throw NeedToKnowPolicy.CaseRefused(LocalId, scope);
        }
    }
}
