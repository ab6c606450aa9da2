using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.People;

/// <summary>The person's open-case registry: one open case per person (docs/idempotency.md, R-1.5).</summary>
public sealed partial class PersonGrain
{
    /// <inheritdoc />
    public async Task<ConcernTarget> ClaimCaseForConcern(ConcernClaim claim)
    {
        var s = state.State;
        if (!s.Exists)
        {
            throw CareGridException.NotFound("Person", LocalId);
        }

        var open = s.OpenCaseIds ??= [];
        var changed = await LearnOpenCasesAsync(open);
        if (claim.StaleCaseId is { } stale)
        {
            changed |= open.Remove(stale);
            changed |= s.ConcernRoutes?.RemoveAll(r => RouteCase(r) == stale) > 0;
        }

        if (claim.Key is { } key)
        {
            var (match, route) = RememberedWrites.Find(s.ConcernRoutes, claim.Subject, key, claim.Fingerprint!);
            if (match == KeyMatch.Reused)
            {
                throw IdempotencyKey.Reused("reportConcern");
            }

            if (match == KeyMatch.Replay)
            {
                return ToTarget(route!, claim.ProposedCaseId);
            }
        }

        ConcernTarget target;
        if (open.Count > 0 && !claim.Separate)
        {
            target = new ConcernTarget(open[0], false, null);
        }
        else
        {
            target = new ConcernTarget(claim.ProposedCaseId, true, claim.Separate ? open.FirstOrDefault() : null);
            open.Add(claim.ProposedCaseId);
            changed = true;
        }

        if (claim.Key is { } newKey)
        {
            var now = clock.GetUtcNow();
            var result = target.CaseId + "\n" + target.SeparatedFrom;
            s.ConcernRoutes = RememberedWrites.Add(s.ConcernRoutes, new RememberedWrite(claim.Subject, newKey, claim.Fingerprint!, now, result), now);
            changed = true;
        }

        if (changed)
        {
            await state.CommitAsync();
        }

        return target;
    }

    /// <inheritdoc />
    public async Task ReleaseOpenCase(string caseId)
    {
        if (state.State.OpenCaseIds?.Remove(caseId) == true)
        {
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task TrackOpenCase(string caseId)
    {
        var open = state.State.OpenCaseIds ??= [];
        if (state.State.Exists && !open.Contains(caseId))
        {
            open.Add(caseId);
            await state.CommitAsync();
        }
    }

    /// <summary>
    /// Once per person: adds the open cases reported before this registry existed, from the read side (oldest first).
    /// Returns true when the state changed.
    /// </summary>
    private async Task<bool> LearnOpenCasesAsync(List<string> open)
    {
        if (state.State.OpenCasesKnown)
        {
            return false;
        }

        var page = await readModel.QueryCasesAsync(TenantId, new CaseQuery(PersonId: LocalId, OpenOnly: true), 20, null);
        foreach (var row in page.Items.OrderBy(r => r.ReportedAt))
        {
            if (!open.Contains(row.Id))
            {
                open.Add(row.Id);
            }
        }

        state.State.OpenCasesKnown = true;
        return true;
    }

    private static string RouteCase(RememberedWrite route) => route.Result!.Split('\n')[0];

    private static ConcernTarget ToTarget(RememberedWrite route, string proposed)
    {
        var parts = route.Result!.Split('\n');
        var caseId = parts[0];
        return new ConcernTarget(caseId, caseId == proposed, parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null);
    }
}
