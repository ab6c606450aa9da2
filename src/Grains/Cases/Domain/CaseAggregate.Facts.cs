using CareGrid.Grains.Calendar;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>
    /// Gives an existing case stored before cases kept facts its facts from its hot state (<see cref="CaseFactsBackfill"/>),
    /// before any command changes it (so the command's own event is not counted twice). The grain does the same on
    /// activation with the tenant's time zone; this covers a state that reaches the aggregate another way.
    /// </summary>
    private void BackfillFacts()
    {
        if (State.Exists && State.Facts is null)
        {
            State.Facts = CaseFactsBackfill.From(State, _settings?.Calendar.TimeZoneId ?? WorkingCalendar.DefaultTimeZoneId);
        }
    }

    /// <summary>
    /// Applies one event to the case's <see cref="CaseState.Facts"/> (docs/statistics.md "Timeliness"), as the transition
    /// happens, so the facts stay right when old entries leave the hot state (docs/storage.md).
    /// </summary>
    private void KeepFacts(Func<CaseFacts, CaseFacts> change)
    {
        BackfillFacts();
        State.Facts = change(State.Facts!);
    }

    /// <summary>
    /// A contact was logged by <paramref name="actor"/> (<see cref="CaseContacts.Log"/>): it counts for the case's unit now (the
    /// provider unit, R-1.12), and is the first professional contact when the actor is a level-3 professional.
    /// </summary>
    internal void NoteContact(Actor actor, int durationMinutes)
    {
        var professional = actor.HasAny(Roles.Level3);
        KeepFacts(f => (professional ? f.ProfessionalContact(Now) : f).Contact(State.OrganizationId, Now, durationMinutes));
    }

    /// <summary>A referral was proposed or changed (<see cref="CaseReferrals"/>); <paramref name="referral"/> as it is now.</summary>
    internal void NoteReferral(Referral referral) => KeepFacts(f => f.Referral(referral));

    /// <summary>The facts of a fired lifecycle transition: intervention (a professional contact; crisis intervention at High or Imminent), close, reopen.</summary>
    private void NoteTransition(CaseTrigger trigger)
    {
        switch (trigger)
        {
            case CaseTrigger.StartIntervention:
                var high = State.RiskLevel >= RiskLevel.High;
                KeepFacts(f => high ? f.ProfessionalContact(Now).CrisisIntervention(Now) : f.ProfessionalContact(Now));
                break;
            case CaseTrigger.Close:
                KeepFacts(f => f.Closed(Now));
                break;
            case CaseTrigger.Reopen:
                KeepFacts(f => f.Reopened(Now));
                break;
        }
    }
}
