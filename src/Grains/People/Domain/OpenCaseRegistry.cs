using CareGrid.Grains.Errors;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.People.Domain;

/// <summary>
/// The person's open-case registry as a plain class (docs/idempotency.md, R-1.5): one open case per person, so a new concern
/// joins it unless the reporter asks for a separate case; a keyed claim sent again names the same case. Takes the
/// <see cref="PersonState"/> and <c>now</c>; the grain serves one claim at a time, saves when told and looks up the read side.
/// </summary>
/// <param name="state">The person's state (changed in place).</param>
/// <param name="now">The domain clock's time (UTC): when a keyed route is remembered.</param>
public sealed class OpenCaseRegistry(PersonState state, DateTimeOffset now)
{
    /// <summary>How many open cases reported before the registry existed are learnt from the read side, once per person.</summary>
    public const int LearnedAtMost = 20;

    /// <summary>
    /// Most open cases a person holds before a separate case is refused (round-34 re-check: 50 separate cases under aliases
    /// on one person, each id kept in the person's state, with no bound but the rate limit). A concern without
    /// <c>separateCase</c> still joins the open case, so no concern is lost.
    /// </summary>
    public const int MaxOpenCases = 20;

    /// <summary>True until the open cases reported before the registry existed were learnt (<see cref="Claim"/>'s <c>learnt</c>).</summary>
    public bool NeedsLearning => !state.OpenCasesKnown;

    /// <summary>
    /// Names the case a concern goes to: the person's first open case, or (none open, or <see cref="ConcernClaim.Separate"/>)
    /// the proposed new case, recorded as open. A claim's <see cref="ConcernClaim.StaleCaseId"/> (closed meanwhile) is forgotten
    /// first. A keyed claim sent again answers the remembered case (<c>Save</c> false); the key on another request is
    /// <c>IDEMPOTENCY_KEY_REUSED</c>; a separate case for a person with <see cref="MaxOpenCases"/> open ones is
    /// <c>VALIDATION_FAILED</c> (<c>separateCase</c>), nothing changed.
    /// </summary>
    /// <param name="claim">The claim.</param>
    /// <param name="learnt">When <see cref="NeedsLearning"/>: the person's open cases on the read side (at most <see cref="LearnedAtMost"/>), else null.</param>
    /// <returns>The target, and whether the state changed and must be saved.</returns>
    public (ConcernTarget Target, bool Save) Claim(ConcernClaim claim, IReadOnlyList<CaseRow>? learnt)
    {
        var stillOpen = (state.OpenCaseIds?.Count ?? 0) - (claim.StaleCaseId is { } gone && state.OpenCaseIds?.Contains(gone) == true ? 1 : 0);
        if (claim.Separate && stillOpen >= MaxOpenCases)
        {
            // Refused before anything changes: the grain keeps its state in memory.
            throw CareGridException.Validation("separateCase",
                $"This person already has {MaxOpenCases} open cases, the most a person holds; a separate case is refused. Send the concern without "
                + $"separateCase to add it to their open case, or close finished cases first. 此人已有 {MaxOpenCases} 个未结束的个案（上限），"
                + "不能再另开个案：请不勾选“另开个案”以并入其未结束的个案，或先结束已完成的个案。");
        }

        var open = state.OpenCaseIds ??= [];
        var changed = Learn(open, learnt);
        if (claim.StaleCaseId is { } stale)
        {
            changed |= open.Remove(stale);
            changed |= state.ConcernRoutes?.RemoveAll(r => RouteCase(r) == stale) > 0;
        }

        if (claim.Key is { } key)
        {
            var (match, route) = RememberedWrites.Find(state.ConcernRoutes, claim.Subject, key, claim.Fingerprint!);
            if (match == KeyMatch.Reused)
            {
                throw IdempotencyKey.Reused("reportConcern");
            }

            if (match == KeyMatch.Replay)
            {
                return (ToTarget(route!, claim.ProposedCaseId), false);
            }
        }

        ConcernTarget target;
        if (open.Count > 0 && !claim.Separate)
        {
            target = new ConcernTarget(open[0], false, null);
        }
        else
        {
            target = new ConcernTarget(claim.ProposedCaseId, true, claim.Separate ? open.FirstOrDefault() : null, state.StoppedDeadlines);
            open.Add(claim.ProposedCaseId);
            changed = true;
        }

        if (claim.Key is { } newKey)
        {
            var result = target.CaseId + "\n" + target.SeparatedFrom;
            state.ConcernRoutes = RememberedWrites.Add(state.ConcernRoutes, new RememberedWrite(claim.Subject, newKey, claim.Fingerprint!, now, result), now);
            changed = true;
        }

        return (target, changed);
    }

    /// <summary>
    /// Forgets <paramref name="caseId"/> as open (the case closed) and keeps <paramref name="stopped"/>, the deadlines its
    /// closing stopped, in place of any kept before (<see cref="PersonState.StoppedDeadlines"/>). True when the state changed.
    /// </summary>
    public bool Release(string caseId, IReadOnlyList<StoppedDeadline>? stopped = null)
    {
        var released = state.OpenCaseIds?.Remove(caseId) == true;
        List<StoppedDeadline>? kept = stopped is { Count: > 0 } ? [.. stopped] : null;
        if (!state.Exists || (kept ?? []).SequenceEqual(state.StoppedDeadlines ?? []))
        {
            return released;
        }

        state.StoppedDeadlines = kept;
        return true;
    }

    /// <summary>Records <paramref name="caseId"/> as open (the case reopened) for a registered person. True when the state changed.</summary>
    public bool Track(string caseId)
    {
        var open = state.OpenCaseIds ??= [];
        if (!state.Exists || open.Contains(caseId))
        {
            return false;
        }

        open.Add(caseId);
        return true;
    }

    /// <summary>Once per person: adds the open cases reported before this registry existed, oldest first. True when the state changed.</summary>
    private bool Learn(List<string> open, IReadOnlyList<CaseRow>? learnt)
    {
        if (state.OpenCasesKnown)
        {
            return false;
        }

        foreach (var row in (learnt ?? []).OrderBy(r => r.ReportedAt))
        {
            if (!open.Contains(row.Id))
            {
                open.Add(row.Id);
            }
        }

        state.OpenCasesKnown = true;
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
