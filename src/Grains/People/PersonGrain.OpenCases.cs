using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.People;

/// <summary>The person's open-case registry: one open case per person (docs/idempotency.md, R-1.5; rules: <see cref="OpenCaseRegistry"/>).</summary>
public sealed partial class PersonGrain
{
    /// <inheritdoc />
    public async Task<ConcernTarget> ClaimCaseForConcern(ConcernClaim claim)
    {
        EnsureExists();
        var registry = new OpenCaseRegistry(state.State, clock.GetUtcNow());
        var learnt = registry.NeedsLearning
            ? (await readModel.QueryCasesAsync(TenantId, new CaseQuery(PersonId: LocalId, OpenOnly: true), OpenCaseRegistry.LearnedAtMost, null)).Items
            : null;
        var (target, save) = registry.Claim(claim, learnt);
        if (save)
        {
            await state.CommitAsync();
        }

        return target;
    }

    /// <inheritdoc />
    public async Task ReleaseOpenCase(string caseId, IReadOnlyList<StoppedDeadline>? stopped)
    {
        if (new OpenCaseRegistry(state.State, clock.GetUtcNow()).Release(caseId, stopped))
        {
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task TrackOpenCase(string caseId)
    {
        if (new OpenCaseRegistry(state.State, clock.GetUtcNow()).Track(caseId))
        {
            await state.CommitAsync();
        }
    }
}
