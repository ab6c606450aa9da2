using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// The contact log and follow-up visits of a case (R-3.6: close follow-up visits: a logged home visit, regular
/// contact with parents: visits become more frequent at high risk). Case staff and volunteers log contacts and
/// schedule follow-ups on an open case; for a level-3 professional both pass the consent gate (R-1.7, refused once the
/// person said no), for front-line roles never. Applies one command to the case of <paramref name="c"/> at its
/// <see cref="CaseAggregate.Now"/>, with the aggregate's lifecycle, role, text and timeline rules; a refused command throws
/// and changes nothing.
/// </summary>
/// <param name="c">The case (its state is changed in place).</param>
public sealed class CaseContacts(CaseAggregate c)
{
    /// <summary>Roles that log contacts and schedule follow-ups: case staff and volunteers .</summary>
    public static readonly IReadOnlyList<string> Roles = [.. Security.Roles.CaseStaff, Security.Roles.Volunteer];

    /// <summary>Longest contact, minutes (one day).</summary>
    public const int MaxDurationMinutes = 1440;

    /// <summary>Most open tasks a case holds; <c>scheduleFollowUp</c> past it answers <c>VALIDATION_FAILED</c> (protocol tasks are never refused).</summary>
    public const int MaxOpenTasks = 50;

    /// <summary>Latest a follow-up may be scheduled, days ahead.</summary>
    public const int MaxFollowUpDays = 366;

    /// <summary>
    /// The checks of <see cref="Log"/> before consent: an open case (<c>INVALID_TRANSITION</c>), the role (<c>FORBIDDEN</c>),
    /// a known channel, 0–<see cref="MaxDurationMinutes"/> minutes, the notes' text and the override reason's form
    /// (<c>VALIDATION_FAILED</c> on <c>channel</c>, <c>durationMinutes</c>, <c>notes</c>, <c>consentOverrideReason</c>); with
    /// <paramref name="familyNotified"/>, the roles that complete the family notice (case staff, not volunteers: <c>FORBIDDEN</c>,
    /// <see cref="CaseAggregate.CompleteTaskRolesFor"/>). Returns the trimmed notes.
    /// </summary>
    public string? CheckLog(ContactChannel channel, int durationMinutes, string? notes, Actor actor, string? consentOverrideReason, bool familyNotified = false)
    {
        c.EnsureOpen("logContact");
        CaseAggregate.RequireAny(actor, Roles, "log a contact");
        if (familyNotified)
        {
            CaseAggregate.RequireAny(actor, CaseAggregate.CompleteTaskRolesFor(CaseTaskKind.NotifyFamilyEmergencyContact), "log a contact that told the family");
        }

        if (!Enum.IsDefined(channel))
        {
            throw CareGridException.Validation("channel", "Unknown contact channel.");
        }

        if (durationMinutes is < 0 or > MaxDurationMinutes)
        {
            throw CareGridException.Validation("durationMinutes", "A contact lasts 0–1440 minutes.");
        }

        var text = CaseAggregate.OptionalText(notes, "notes");
        CaseConsent.OverrideReason(consentOverrideReason);
        return text;
    }

    /// <summary>
    /// Logs a contact (<see cref="CheckLog"/>, then the consent gate) and puts <c>LogContact</c> on the timeline. Asks the
    /// task rules to complete the open follow-up visit, for a visit or call (home visit, in person, phone) the open
    /// raise-visit-frequency task of the high-risk protocol, and with <paramref name="familyNotified"/> (the
    /// contact told the family and gave them the emergency number) the open family-notice task (R-1.10; round-29 new-user
    /// trial: a call to the father completed the visit task and left the family notice open). A phone call or meeting that
    /// told the family completes the family notice only, not the raised visits: it was with the family, not a visit to the
    /// person (round-33 trial); a home visit that told the family completes both.
    /// </summary>
    /// <remarks><paramref name="actorUnits"/>: the actor's units, for the provider unit of the service volume; null or empty: the case's unit.</remarks>
    public IReadOnlyList<TaskCompletion> Log(ContactChannel channel, int durationMinutes, string? notes, Actor actor, ConsentSnapshot consent, string? consentOverrideReason,
        IReadOnlyList<string>? actorUnits = null, bool familyNotified = false)
    {
        var text = CheckLog(channel, durationMinutes, notes, actor, consentOverrideReason, familyNotified);
        CaseConsent.Gate(c, GatedAction.LogContact, actor, consent, consentOverrideReason);
        // The provider unit is kept on the contact itself, so the case shows which team counselled.
        c.State.Contacts.Add(new ContactLog(c.Now, actor.Subject, channel, durationMinutes, text, CaseAggregate.ProviderUnit(c.State.OrganizationId, actorUnits ?? [])));
        c.NoteContact(actor, durationMinutes, actorUnits ?? []);
        c.Record(actor.Subject, "LogContact", $"{channel}, {durationMinutes} min");
        List<TaskCompletion> completes = [new(CaseTaskKind.FollowUpVisit, $"{channel} contact logged", "logContact")];
        // A call or meeting that told the family was with the family, not a visit to the person: it leaves the raised visits
        // open (round-33 trial: one call to the father closed both tasks). A home visit that told the family did both.
        if (channel is ContactChannel.HomeVisit || (channel is ContactChannel.InPerson or ContactChannel.Phone && !familyNotified))
        {
            completes.Add(new(CaseTaskKind.RaiseVisitFrequency, "visits under way at the raised frequency", "logContact"));
        }

        if (familyNotified)
        {
            completes.Add(new(CaseTaskKind.NotifyFamilyEmergencyContact, $"family told by this {channel} contact", "logContact"));
        }

        return completes;
    }

    /// <summary>
    /// The checks of <see cref="ScheduleFollowUp"/> before consent: an open case, the role, room for another open task
    /// (<see cref="MaxOpenTasks"/>), a due time in the future within <see cref="MaxFollowUpDays"/> days (default: now plus
    /// the case's visit interval, R-1.10), the override reason's form. Returns the due time (UTC).
    /// </summary>
    public DateTimeOffset CheckFollowUp(DateTimeOffset? dueAt, Actor actor, string? consentOverrideReason)
    {
        c.EnsureOpen("scheduleFollowUp");
        CaseAggregate.RequireAny(actor, Roles, "schedule a follow-up");
        if (c.State.Tasks.Count(t => t.Status == CaseTaskStatus.Open) >= MaxOpenTasks)
        {
            throw CareGridException.Validation("dueAt", $"A case holds at most {MaxOpenTasks} open tasks; complete or cancel some first.");
        }

        var due = dueAt ?? c.Now.AddHours(c.State.VisitEveryHours);
        if (due <= c.Now || due > c.Now.AddDays(MaxFollowUpDays))
        {
            throw CareGridException.Validation("dueAt", "A follow-up is due in the future, within a year.");
        }

        CaseConsent.OverrideReason(consentOverrideReason);
        return due.ToUniversalTime();
    }

    /// <summary>
    /// Schedules a follow-up visit (<see cref="CheckFollowUp"/>, then the consent gate): the task the task rules are to
    /// create, owned by the case's assignee or else the queue of its escalation level.
    /// </summary>
    public FollowUpTask ScheduleFollowUp(DateTimeOffset? dueAt, Actor actor, ConsentSnapshot consent, string? consentOverrideReason)
    {
        var due = CheckFollowUp(dueAt, actor, consentOverrideReason);
        CaseConsent.Gate(c, GatedAction.ScheduleFollowUp, actor, consent, consentOverrideReason);
        return new FollowUpTask(due, c.State.AssigneeId ?? CaseQueues.ForLevel(c.State.EscalationLevel));
    }
}
