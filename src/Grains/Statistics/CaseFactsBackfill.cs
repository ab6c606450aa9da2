using CareGrid.Grains.Cases;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// Facts for a case stored before cases kept <see cref="CaseFacts"/>: computed once, best effort, from what its hot state
/// still holds (docs/statistics.md "Timeliness"); entries already moved to the case history store are not read, and a
/// contact's actor roles were not recorded, so a contact counts as professional only when logged by the case's current
/// owner recorded as a level-3 professional (<see cref="CaseState.AssigneeRoles"/>). Marked <see cref="CaseFacts.Backfilled"/>.
/// </summary>
public static class CaseFactsBackfill
{
    /// <summary>The facts of <paramref name="state"/> as far as its hot lists tell, with service weeks in <paramref name="timeZoneId"/>.</summary>
    public static CaseFacts From(CaseState state, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(state);
        var facts = CaseFacts.Opened(timeZoneId) with
        {
            Backfilled = true,
            ReopenCount = state.Timeline.Count(e => e.Action == nameof(CaseTrigger.Reopen)),
            ReopenedAt = state.Timeline.LastOrDefault(e => e.Action == nameof(CaseTrigger.Reopen))?.At,
            ClosedAt = state.Status == CaseStatus.Closed
                ? state.Timeline.LastOrDefault(e => e.Action == nameof(CaseTrigger.Close))?.At ?? state.UpdatedAt
                : null,
        };
        if (FirstProfessional(state) is { } first)
        {
            facts = facts.ProfessionalContact(first);
        }

        facts = Protocol(state, facts);
        foreach (var referral in state.Referrals)
        {
            facts = facts.Referral(referral);
        }

        foreach (var task in state.Tasks.Where(t => t.Kind == CaseTaskKind.DischargeHandOver))
        {
            facts = facts.TaskOpened(task with { Status = CaseTaskStatus.Open });
            facts = task.Status == CaseTaskStatus.Open ? facts : facts.TaskClosed(task);
        }

        foreach (var contact in state.Contacts)
        {
            facts = facts.Contact(state.OrganizationId, contact.At, contact.DurationMinutes);
        }

        return facts;
    }

    /// <summary>The earliest of intervention start and the hot contacts logged by the current owner when recorded as level 3.</summary>
    private static DateTimeOffset? FirstProfessional(CaseState state)
    {
        var ownerIsLevel3 = state.AssigneeRoles is { } roles && roles.Any(Roles.Level3.Contains);
        var contact = ownerIsLevel3 ? state.Contacts.FirstOrDefault(c => c.By == state.AssigneeId)?.At : null;
        return (contact, state.InterventionStartedAt) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            (var a, var b) => a ?? b,
        };
    }

    /// <summary>The current episode (<see cref="CaseState.HighRiskSince"/>) and its protocol tasks still in the hot list.</summary>
    private static CaseFacts Protocol(CaseState state, CaseFacts facts)
    {
        if (state.HighRiskSince is not { } since)
        {
            return facts;
        }

        facts = facts.HighRiskBegan(since);
        if (state.InterventionStartedAt is { } started && started >= since)
        {
            facts = facts.CrisisIntervention(started);
        }

        foreach (var task in state.Tasks.Where(t => CaseFacts.IsProtocolKind(t.Kind) && t.CreatedAt >= since))
        {
            facts = facts.TaskOpened(task with { Status = CaseTaskStatus.Open });
            if (task.Status != CaseTaskStatus.Open)
            {
                facts = facts.TaskClosed(task);
            }
        }

        return facts;
    }
}
