using CareGrid.Grains.History;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>The case as callers and the read side see it: the view and the list row.</summary>
public sealed partial class CaseGrain
{
    private CaseRow ToRow() => new(TenantId, LocalId, S.PersonId, S.OrganizationId, S.Status,
        S.RiskLevel, S.EscalationLevel, S.AssigneeId, S.ReportedAt, S.UpdatedAt) { Facts = S.Facts, RiskUngraded = S.RiskUngraded };

    /// <summary>
    /// The view of the case. Its lists are the hot windows (complete for a short case; <see cref="CaseView.Counts"/>
    /// tells), or the complete histories in <paramref name="full"/> (see <see cref="GetComplete"/>). When
    /// <paramref name="readOnly"/> (only a break-the-glass grant opens the case to the viewer, and their units do not cover it),
    /// every next action is refused as its mutation would refuse it (<see cref="ReadOnlyActions"/>), so no action is offered.
    /// The next actions are left out (empty), or only the allowed names kept, when the API's caller did not select them
    /// (<see cref="Actor.NextActions"/>).
    /// </summary>
    private CaseView ToView(Actor viewer, IReadOnlyDictionary<CaseHistoryKind, List<object>>? full = null, bool readOnly = false)
    {
        var detail = viewer.NextActions;
        IReadOnlyList<Domain.NextAction> next = detail == NextActionsDetail.None ? [] : readOnly ? ReadOnlyActions(NextActions(viewer)) : NextActions(viewer);
        return new()
        {
            TenantId = TenantId,
            Id = LocalId,
            PersonId = S.PersonId,
            OrganizationId = S.OrganizationId,
            Status = S.Status,
            RiskLevel = S.RiskLevel,
            RiskUngraded = S.RiskUngraded,
            CrisisWords = S.CrisisWords is { } words ? [.. words] : [],
            EscalationLevel = S.EscalationLevel,
            AssigneeId = S.AssigneeId,
            Summary = S.Summary,
            ReportedBy = S.ReportedBy,
            ReportedAt = S.ReportedAt,
            UpdatedAt = S.UpdatedAt,
            Timeline = full is null ? [.. S.Timeline] : [.. full[CaseHistoryKind.Timeline].Cast<TimelineEntry>()],
            AvailableActions = Domain.CaseActions.Allowed(next),
            NextActions = detail == NextActionsDetail.Full ? next : [],
            Tasks = full is null ? [.. S.Tasks] : [.. full[CaseHistoryKind.Tasks].Cast<CaseTask>()],
            Screenings = full is null ? [.. S.Screenings] : [.. full[CaseHistoryKind.Screenings].Cast<ScreeningRecord>()],
            Contacts = full is null ? [.. S.Contacts] : [.. full[CaseHistoryKind.Contacts].Cast<ContactLog>()],
            Referrals = full is null ? [.. S.Referrals] : [.. full[CaseHistoryKind.Referrals].Cast<Referral>()],
            Notifications = full is null ? [.. S.Notifications] : [.. full[CaseHistoryKind.Notifications].Cast<CaseNotification>()],
            VisitEveryHours = S.VisitEveryHours,
            NextVisitDue = (S.Contacts.Count > 0 ? S.Contacts[^1].At : S.ReportedAt).AddHours(S.VisitEveryHours),
            InterventionStartedAt = S.InterventionStartedAt,
            Level3ReassessedAt = S.Level3ReassessedAt,
            Counts = Counts(),
            Discharges = [.. S.Discharges ?? []],
        };
    }
}
