using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.People;
using static CareGrid.Tests.Domain.CaseWorkFixtures;

namespace CareGrid.Tests.Domain;

/// <summary>Contacts and follow-ups of a case and their consent guard, on a plain <see cref="CaseState"/>.</summary>
[Trait("tier", "domain")]
public class CaseContactsShould
{
    private static CaseContacts Contacts(CaseState s) => new(At(s));

    [Fact]
    public void Log_a_home_visit_and_ask_for_the_visit_tasks_to_complete()
    {
        var s = Case();
        var completes = Contacts(s).Log(ContactChannel.HomeVisit, 45, "  met the parents ", Homeroom, Pending, null);
        Assert.Equal(new ContactLog(Now, "homeroom-1", ContactChannel.HomeVisit, 45, "met the parents", "school-1"), Assert.Single(s.Contacts));
        Assert.Equal(("LogContact", "HomeVisit, 45 min"), (s.Timeline[^1].Action, s.Timeline[^1].Reason));
        Assert.Equal([CaseTaskKind.FollowUpVisit, CaseTaskKind.RaiseVisitFrequency], completes.Select(c => c.Kind));
    }

    [Fact]
    public void Ask_for_the_family_notice_to_complete_when_the_contact_told_the_family()
    {
        // Round-29 new-user trial: a call to the father completed the visit task and left the family notice open.
        var s = Case();
        var completes = Contacts(s).Log(ContactChannel.Phone, 10, "called the father", Homeroom, Pending, null, familyNotified: true);
        // Round-33 trial: that call was with the family, not a visit to the pupil, so the raised visits stay open.
        Assert.Equal([CaseTaskKind.FollowUpVisit, CaseTaskKind.NotifyFamilyEmergencyContact], completes.Select(c => c.Kind));
        Assert.Equal([CaseTaskKind.FollowUpVisit, CaseTaskKind.NotifyFamilyEmergencyContact],
            Contacts(Case()).Log(ContactChannel.InPerson, 20, "met the mother at school", Homeroom, Pending, null, familyNotified: true).Select(c => c.Kind));
        Assert.Equal([CaseTaskKind.FollowUpVisit, CaseTaskKind.RaiseVisitFrequency, CaseTaskKind.NotifyFamilyEmergencyContact],
            Contacts(Case()).Log(ContactChannel.HomeVisit, 40, "visited the pupil at home, told the parents", Homeroom, Pending, null, familyNotified: true).Select(c => c.Kind));

        // A volunteer is no member of the warning chain of a High case: refused, nothing logged.
        var contacts = s.Contacts.Count;
        var refused = Assert.Throws<CareGrid.Grains.Errors.CareGridException>(() =>
            Contacts(s).Log(ContactChannel.Phone, 10, "called the father", Volunteer, Pending, null, familyNotified: true));
        Assert.Equal(CareGrid.Grains.Errors.ErrorCodes.Forbidden, refused.Code);
        Assert.Equal(contacts, s.Contacts.Count);
    }

    [Theory]
    [InlineData(new[] { "emergency-volunteers" }, "emergency-volunteers")]
    [InlineData(new[] { "harbour-hotel-site", "counselling-centre" }, "counselling-centre")]
    [InlineData(new[] { "emergency-volunteers", "school-1" }, "school-1")]
    [InlineData(new string[0], "school-1")]
    public void Keep_the_unit_that_delivered_the_contact_on_it(string[] actorUnits, string provider)
    {
        // a quarantine site's or volunteer team's counselling is logged on the case with the team that gave it,
        // the unit the service volume credits: the member's unit, the case's own when the member belongs to it.
        var s = Case();
        Contacts(s).Log(ContactChannel.InPerson, 30, null, Volunteer, Pending, null, actorUnits);
        Assert.Equal(provider, Assert.Single(s.Contacts).ProviderUnitId);
    }

    [Fact]
    public void Complete_only_the_follow_up_visit_for_an_online_contact()
    {
        var completes = Contacts(Case()).Log(ContactChannel.Online, 10, null, Volunteer, Pending, null);
        Assert.Equal(new TaskCompletion(CaseTaskKind.FollowUpVisit, "Online contact logged", "logContact"), Assert.Single(completes));
    }

    [Theory]
    [InlineData(-1, "durationMinutes")]
    [InlineData(1441, "durationMinutes")]
    [InlineData(99, "channel")]
    public void Refuse_bad_input_and_change_nothing(int value, string field)
    {
        var s = Case();
        var channel = field == "channel" ? (ContactChannel)value : ContactChannel.Phone;
        var minutes = field == "channel" ? 10 : value;
        var error = Refused(() => Contacts(s).Log(channel, minutes, null, Homeroom, Granted, null));
        Assert.Equal(("VALIDATION_FAILED", field), (error.Code, error.Details["field"]));
        Assert.Empty(s.Contacts);
        Assert.Empty(s.Timeline);
    }

    [Fact]
    public void Refuse_contacts_on_a_closed_case_and_from_reporters()
    {
        Assert.Equal("INVALID_TRANSITION", Refused(() => Contacts(Case(CaseStatus.Closed)).Log(ContactChannel.Phone, 5, null, Homeroom, Granted, null)).Code);
        Assert.Equal("FORBIDDEN", Refused(() => Contacts(Case()).Log(ContactChannel.Phone, 5, null, Reporter, Granted, null)).Code);
    }

    [Theory]
    [InlineData(ConsentStatus.Withdrawn)]
    [InlineData(ConsentStatus.Refused)]
    public void Never_block_front_line_roles_on_consent(ConsentStatus status)
    {
        var s = Case(risk: RiskLevel.High);
        var consent = new ConsentSnapshot(status, status);
        foreach (var actor in new[] { Homeroom, Volunteer, Coordinator })
        {
            Contacts(s).Log(ContactChannel.Phone, 5, null, actor, consent, null);
            Contacts(s).ScheduleFollowUp(null, actor, consent, null);
        }

        Assert.Equal(3, s.Contacts.Count);
        Assert.DoesNotContain(s.Timeline, e => e.Action == "DutyOfCareOverride");
    }

    [Theory]
    [InlineData(ConsentStatus.Withdrawn, "WITHDRAWN")]
    [InlineData(ConsentStatus.Refused, "REFUSED")]
    public void Block_professionals_once_the_person_said_no(ConsentStatus status, string schemaStatus)
    {
        var s = Case(risk: RiskLevel.Moderate); // below HIGH a written duty-of-care reason does not count (ConsentGate.OverrideFrom)
        var consent = new ConsentSnapshot(status, ConsentStatus.Granted);
        foreach (var actor in new[] { Counsellor, Clinician })
        {
            var logged = Refused(() => Contacts(s).Log(ContactChannel.Phone, 5, null, actor, consent, DutyOfCare));
            Assert.Equal(("CONSENT_REQUIRED", "PROFESSIONAL_INTERVENTION", schemaStatus), (logged.Code, logged.Details["purpose"], logged.Details["status"]));
            Assert.Equal("CONSENT_REQUIRED", Refused(() => Contacts(s).ScheduleFollowUp(null, actor, consent, null)).Code);
        }

        Assert.Empty(s.Contacts);
        Assert.Empty(s.Timeline);
    }

    [Fact]
    public void Let_professionals_reach_the_person_while_consent_is_pending()
    {
        var s = Case();
        Contacts(s).Log(ContactChannel.Phone, 20, null, Counsellor, Pending, null);
        Assert.Single(s.Contacts);
    }

    [Fact]
    public void Let_a_professional_act_under_the_written_override_at_Imminent_risk_and_record_it()
    {
        var s = Case(risk: RiskLevel.Imminent);
        Contacts(s).Log(ContactChannel.InPerson, 30, null, Clinician, Withdrawn, DutyOfCare);
        Assert.Equal(["DutyOfCareOverride", "LogContact"], s.Timeline.Select(e => e.Action));
        Assert.StartsWith("logContact without PROFESSIONAL_INTERVENTION consent (WITHDRAWN)", s.Timeline[0].Reason);
    }

    [Fact]
    public void Schedule_a_follow_up_at_the_visit_interval_for_the_owner()
    {
        var s = Case();
        s.VisitEveryHours = 24;
        Assert.Equal(new FollowUpTask(Now.AddHours(24), CaseQueues.Level1), Contacts(s).ScheduleFollowUp(null, Homeroom, Pending, null));
        s.AssigneeId = "counsellor-1";
        var due = new DateTimeOffset(2026, 3, 3, 16, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new FollowUpTask(due.ToUniversalTime(), "counsellor-1"), Contacts(s).ScheduleFollowUp(due, Counsellor, Granted, null));
        Assert.Empty(s.Timeline);
    }

    [Fact]
    public void Refuse_a_follow_up_in_the_past_past_a_year_or_past_the_open_task_limit()
    {
        var s = Case();
        Assert.Equal("dueAt", Refused(() => Contacts(s).ScheduleFollowUp(Now, Homeroom, Granted, null)).Details["field"]);
        Assert.Equal("dueAt", Refused(() => Contacts(s).ScheduleFollowUp(Now.AddDays(367), Homeroom, Granted, null)).Details["field"]);
        for (var i = 0; i < CaseContacts.MaxOpenTasks; i++)
        {
            s.Tasks.Add(new CaseTask($"t{i}", CaseTaskKind.FollowUpVisit, CaseQueues.Level1, CaseTaskStatus.Open, Now, Now.AddDays(1), 0, null, null, null, null, null));
        }

        Assert.Contains("at most 50 open tasks", Refused(() => Contacts(s).ScheduleFollowUp(null, Homeroom, Granted, null)).Message);
    }
}
