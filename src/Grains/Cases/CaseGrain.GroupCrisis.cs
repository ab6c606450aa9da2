using CareGrid.Grains.GroupCrisis;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>The group-crisis warning's feed from cases (R-4.5, docs/group-crisis.md), and what else follows a report in other grains.</summary>
public sealed partial class CaseGrain
{
    /// <summary>
    /// The signal of the concern this case just stored (a new case, or a concern that joined it) for the group-crisis
    /// counter of the case's unit: the person counted once per window, no content. A keyed retry does not come here (it
    /// stores nothing). <see cref="Report"/> sends it itself once the case is stored; for a report from <see cref="ConcernIntake"/>
    /// the case sends it with the receipt, together with its own state write (<see cref="IntakeFollowUps"/>,
    /// <see cref="GroupCrisisFeed.SignalAsync"/>, best effort).
    /// </summary>
    private GroupCrisisSignal ConcernSignal() => new(S.OrganizationId ?? "", S.PersonId, GroupCrisisSources.Concern, clock.GetUtcNow());

    /// <summary>
    /// For a report that came through <see cref="ConcernIntake"/> (<see cref="ReportConcern.ReceiptId"/> set), the writes that
    /// follow it in other grains, to start together with this case's own state write (#18: at most two storage round trips on
    /// the critical path, the person's claim and then these together; docs/storage-requests.md): the earlier case's note of a
    /// separate case (R-1.5; only when <paramref name="outcome"/> is <see cref="ReportOutcome.OpenedNewCase"/>), the reporter's
    /// receipt (docs/access.md "Receipts for reporters"; under the receipt's own id when <paramref name="receipt"/>) and the
    /// group-crisis signal (R-4.5, best effort). Errors surface in that order (<see cref="ConcernIntake.AwaitInOrderAsync"/>).
    /// Each stays true, or becomes true, should the state write fail: the receipt names this case's id, and <c>myReports</c>
    /// lists a receipt only while its case exists; a retry with the same key stores the case under the same id and adds
    /// neither the receipt nor the note twice; the signal counts the person once per window, whichever report stores the
    /// concern. Null for a report that did not come through the intake.
    /// </summary>
    private Func<Task>? IntakeFollowUps(ReportConcern input, Actor actor, bool receipt, ReportOutcome outcome)
    {
        if (input.ReceiptId is not { } receiptId)
        {
            return null;
        }

        var caseId = LocalId;
        var signal = ConcernSignal();
        return () => ConcernIntake.SendFollowUpsAsync(GrainFactory, TenantId, actor, caseId, outcome == ReportOutcome.OpenedNewCase ? input.SeparatedFrom : null,
            input.SeparateCaseReason, receipt ? ReportOutcome.Received : outcome, input.IdempotencyKey, receipt ? receiptId : null, signal);
    }
}
