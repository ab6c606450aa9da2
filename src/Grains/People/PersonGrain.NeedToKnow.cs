using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.People;

/// <summary>Need-to-know on the person's record (docs/architecture.md "Security and privacy"), decided by <see cref="NeedToKnowPolicy.ForPerson"/>.</summary>
public sealed partial class PersonGrain
{
    /// <inheritdoc />
    public async Task<PersonInfo?> Get(Actor viewer)
    {
        if (await Get() is not { } person)
        {
            return null;
        }

        await EnsureNeedToKnowAsync(viewer);
        return person;
    }

    /// <inheritdoc />
    public async Task EnsureNeedToKnow(Actor viewer)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(viewer);
    }

    /// <inheritdoc />
    public async Task EnsureMayChange(Actor actor)
    {
        EnsureExists();
        await EnsureMayChangeAsync(actor);
    }

    /// <summary>
    /// <see cref="NeedToKnowPolicy.MayChangePerson"/>: first need-to-know (else the same refusal as a read), then, when only a
    /// break-the-glass grant opened the record, the caller's units must cover the person's unit.
    /// </summary>
    private async Task EnsureMayChangeAsync(Actor actor)
    {
        if (actor.IsSystem)
        {
            return;
        }

        // a case opened to the actor by a break-the-glass grant alone does not count (round-26 red team): ICaseGrain.OpensPersonToChange
        var facts = new PersonAccessFacts(OnAnOpenCase: await OnAnOpenCaseAsync(actor, toChange: true));
        if (facts.OnAnOpenCase)
        {
            return;
        }

        facts = facts with { HoldsGrant = await GrainFactory.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(TenantId, "Person", LocalId)).IsGranted(actor.Subject) };
        if (!facts.HoldsGrant)
        {
            // readable through a case that only a break-the-glass grant opened: the glass reads, it does not rewrite
            throw await OnAnOpenCaseAsync(actor) ? NeedToKnowPolicy.PersonChangeRefused(LocalId) : NeedToKnowPolicy.PersonRefused(LocalId);
        }

        var unit = state.State.OrganizationId;
        var covers = unit is null || (await StaffScopes.ResolveAsync(GrainFactory, TenantId, actor)).Covers(unit);
        if (!NeedToKnowPolicy.MayChangePerson(actor, facts, covers))
        {
            throw NeedToKnowPolicy.PersonChangeRefused(LocalId);
        }
    }

    private async Task EnsureNeedToKnowAsync(Actor viewer)
    {
        if (!await NeedToKnowAsync(viewer))
        {
            throw NeedToKnowPolicy.PersonRefused(LocalId);
        }
    }

    /// <summary>
    /// Gathers the facts for <see cref="NeedToKnowPolicy.ForPerson"/> only as far as needed: the viewer's break-the-glass grant
    /// on the person, then the person's open cases on the read side, each asked whether it opens to the viewer.
    /// </summary>
    private async Task<bool> NeedToKnowAsync(Actor viewer)
    {
        var facts = new PersonAccessFacts();
        if (NeedToKnowPolicy.ForPerson(viewer, facts) != NeedToKnowPath.None)
        {
            return true;
        }

        facts = facts with { HoldsGrant = await GrainFactory.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(TenantId, "Person", LocalId)).IsGranted(viewer.Subject) };
        if (NeedToKnowPolicy.ForPerson(viewer, facts) != NeedToKnowPath.None)
        {
            return true;
        }

        facts = facts with { OnAnOpenCase = await OnAnOpenCaseAsync(viewer) };
        return NeedToKnowPolicy.ForPerson(viewer, facts) != NeedToKnowPath.None;
    }

    /// <summary>
    /// True when one of the person's open cases (read side) opens the person to <paramref name="viewer"/> (<c>ICaseGrain.OpensPersonTo</c>:
    /// not by having reported it); with <paramref name="toChange"/>, opens it for a change (<c>ICaseGrain.OpensPersonToChange</c>).
    /// </summary>
    private async Task<bool> OnAnOpenCaseAsync(Actor viewer, bool toChange = false)
    {
        string? after = null;
        do
        {
            var page = await readModel.QueryCasesAsync(TenantId, new CaseQuery(PersonId: LocalId, OpenOnly: true), 50, after);
            foreach (var row in page.Items)
            {
                var @case = GrainFactory.GetRef<ICaseGrain>(TenantIds.Key(TenantId, row.Id));
                if (toChange ? await @case.OpensPersonToChange(viewer) : await @case.OpensPersonTo(viewer))
                {
                    return true;
                }
            }

            after = page.HasNextPage ? page.Items[^1].Id : null;
        }
        while (after is not null);

        return false;
    }
}
