using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Events;

/// <summary>
/// What the case grain last saved (or read) of the facts events are raised from: status, risk, escalation level, assignee,
/// unit and the tasks. <see cref="CaseEventRecorder.Record"/> compares the state about to be saved with it (docs/events.md).
/// Held in the activation's memory only; tasks are immutable records, so the copied list is a snapshot.
/// </summary>
/// <param name="Status">The case's status.</param>
/// <param name="RiskLevel">The case's risk level.</param>
/// <param name="EscalationLevel">The case's escalation level (1–3, R-4.3).</param>
/// <param name="AssigneeId">The case's owner (a staff sub or a queue), or null.</param>
/// <param name="Tasks">The case's hot tasks.</param>
public sealed record CaseEventBaseline(CaseStatus Status, RiskLevel RiskLevel, int EscalationLevel, string? AssigneeId, IReadOnlyList<CaseTask> Tasks)
{
    /// <summary>True while the case was not yet graded (<see cref="CaseState.RiskUngraded"/>); a grading that keeps the level still
    /// changes the risk an integrator should read (docs/events.md).</summary>
    public bool RiskUngraded { get; init; }

    /// <summary>The case's unit (local id), or null (a case not stored yet); a change raises <see cref="CareEventKind.CaseUnitChanged"/>.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>A case that does not exist yet: what a new case's first save is compared with (Reported, Low, level 1, no owner, no tasks).</summary>
    public static CaseEventBaseline Empty { get; } = new(CaseStatus.Reported, RiskLevel.Low, 1, null, []);

    /// <summary>The baseline of <paramref name="state"/> as it stands (<see cref="Empty"/> when the case does not exist).</summary>
    public static CaseEventBaseline Of(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Exists ? new(state.Status, state.RiskLevel, state.EscalationLevel, state.AssigneeId, [.. state.Tasks]) { RiskUngraded = state.RiskUngraded, OrganizationId = state.OrganizationId } : Empty;
    }
}
