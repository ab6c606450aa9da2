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
    /// A contact was logged by <paramref name="actor"/> (<see cref="CaseContacts.Log"/>): it counts for the provider unit
    /// (<see cref="ProviderUnit"/>, R-1.12), and is the first professional contact when the actor is a level-3 professional.
    /// </summary>
    /// <param name="actor">Who logged the contact.</param>
    /// <param name="durationMinutes">The contact's length in minutes.</param>
    /// <param name="actorUnits">The units the actor is a member of (local ids; empty when unknown or none).</param>
    internal void NoteContact(Actor actor, int durationMinutes, IReadOnlyList<string> actorUnits)
    {
        var professional = actor.HasAny(Roles.Level3);
        var provider = ProviderUnit(State.OrganizationId, actorUnits);
        KeepFacts(f => (professional ? f.ProfessionalContact(Now) : f).Contact(provider, Now, durationMinutes));
    }

    /// <summary>
    /// The unit a contact's service volume is credited to (R-1.12, funding follows the provider; docs/statistics.md
    /// "Timeliness"): the unit of the staff member who logs it. Of several units, the case's own unit when the actor is a
    /// member of it, else the first by ordinal id; when the actor is a member of none, the case's unit.
    /// </summary>
    /// <param name="caseUnit">The case's responsible unit now (null: none).</param>
    /// <param name="actorUnits">The actor's units (local ids, any order).</param>
    internal static string? ProviderUnit(string? caseUnit, IReadOnlyList<string> actorUnits)
    {
        if (actorUnits.Count == 0 || (caseUnit is not null && actorUnits.Contains(caseUnit, StringComparer.Ordinal)))
        {
            return caseUnit;
        }

        return actorUnits.Order(StringComparer.Ordinal).First();
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
