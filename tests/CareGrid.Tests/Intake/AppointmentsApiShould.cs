using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Intake;

/// <summary>
/// Appointment requests to the counselling centre through GraphQL over HTTP (R-5.1; docs/intake.md): a homeroom teacher
/// requests, the psychology teacher sees it in the list, schedules it, and records it held once its time has come; the
/// lifecycle refuses in the schema's names; only the requester and level-3 staff covering the person read it.
/// </summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class AppointmentsApiShould(CareGridApiFactory factory)
{
    private const string Path = "/t/demo-school/graphql";
    private const string Fields = "id personId status scheduledAt counsellorSubject history { status by }";
    private readonly GraphQLClient _client = factory.GraphQL();

    private async Task<string> PsychologyTeacherAsync()
    {
        await StaffMembers.AddAsync(factory, _client, "demo-school", "psych-appts@demo-school", "counselling-centre", "PsychologyTeacher",
            "RelevantDegree", "CounsellingCertificate");
        return factory.TokenFor("psych-appts@demo-school", "demo-school", Roles.Counsellor);
    }

    private async Task<JsonNode> CallAsync(string token, string mutation, string name)
    {
        var answer = await _client.PostAsync(Path, $"mutation {{ {mutation} {{ {Fields} }} }}", token: token);
        return answer.EnsureNoErrors().Data![name]!;
    }

    /// <summary>A Caseworker who is a member of class 8-1's unit (need-to-know, docs/access.md).</summary>
    private async Task<string> HomeroomTeacherAsync()
    {
        var subject = $"homeroom-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", subject, "class-8-1", "HomeroomTeacher");
        return factory.TokenFor(subject, "demo-school", Roles.Caseworker);
    }

    [Fact]
    public async Task Walk_a_request_to_scheduled_and_held_with_the_psychology_teacher()
    {
        var psych = await PsychologyTeacherAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var teacher = await HomeroomTeacherAsync();
        var requested = await CallAsync(teacher,
            $"requestAppointment(input: {{ personId: \"{student}\", reason: \"Cannot sleep before exams\", preferredTimes: \"after 16:00\" }})", "requestAppointment");
        Assert.Equal("REQUESTED", requested["status"]!.GetValue<string>());
        var id = requested["id"]!.GetValue<string>();

        var list = await _client.PostAsync(Path, "{ appointments(status: REQUESTED, first: 100) { nodes { id personId } } }", token: psych);
        Assert.Contains(id, list.EnsureNoErrors().Data!["appointments"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));

        var at = factory.Clock.GetUtcNow().AddHours(20);
        var scheduled = await CallAsync(psych, $"scheduleAppointment(id: \"{id}\", at: \"{at:O}\", note: \"room 204\")", "scheduleAppointment");
        Assert.Equal(("SCHEDULED", "psych-appts@demo-school"), (scheduled["status"]!.GetValue<string>(), scheduled["counsellorSubject"]!.GetValue<string>()));

        var early = await _client.PostAsync(Path, $"mutation {{ recordAppointmentOutcome(id: \"{id}\", outcome: HELD) {{ status }} }}", token: psych);
        Assert.Equal("VALIDATION_FAILED", early.FirstCode);
        Assert.Equal("outcome", early.Errors![0]!["extensions"]!["field"]!.GetValue<string>());

        factory.Clock.Advance(TimeSpan.FromDays(1));
        var held = await CallAsync(psych, $"recordAppointmentOutcome(id: \"{id}\", outcome: HELD, note: \"talked for 40 minutes\")", "recordAppointmentOutcome");
        Assert.Equal("HELD", held["status"]!.GetValue<string>());
        Assert.Equal(["REQUESTED", "SCHEDULED", "HELD"], held["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));

        var late = await _client.PostAsync(Path, $"mutation {{ cancelAppointment(id: \"{id}\", reason: \"too late\") {{ status }} }}", token: teacher);
        Assert.Equal("INVALID_TRANSITION", late.FirstCode);
        Assert.Equal("HELD", late.Errors![0]!["extensions"]!["state"]!.GetValue<string>());
        var mine = await _client.PostAsync(Path, "{ appointments { nodes { id status } } }", token: teacher);
        var row = Assert.Single(mine.EnsureNoErrors().Data!["appointments"]!["nodes"]!.AsArray());
        Assert.Equal((id, "HELD"), (row!["id"]!.GetValue<string>(), row["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Keep_the_counsellors_session_note_from_the_requester_and_close_the_request_to_them_once_they_leave_the_class()
    {
        // round 26 red team: the homeroom teacher who asked read the psychology teacher's session note, and still did after
        // being taken off the class, while the pupil's case was already closed to them.
        var psych = await PsychologyTeacherAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var subject = $"homeroom-{Guid.NewGuid():N}@demo-school";
        var staffPerson = await StaffMembers.AddAsync(factory, _client, "demo-school", subject, "class-8-1", "HomeroomTeacher");
        var teacher = factory.TokenFor(subject, "demo-school", Roles.Caseworker);
        var id = (await CallAsync(teacher, $"requestAppointment(input: {{ personId: \"{student}\", reason: \"上课走神，想找心理老师聊聊\" }})", "requestAppointment"))["id"]!.GetValue<string>();
        // the request's audit record names the appointment written, not the tenant (round-26 red team)
        var audited = (await _client.PostAsync(Path, "query($id: String) { auditLog(filter: { entityId: $id }, first: 10) { nodes { action entityType purpose } } }",
            new { id }, factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor))).EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray();
        Assert.Contains(audited, r => r!["action"]!.GetValue<string>() == "WRITE" && r["entityType"]!.GetValue<string>() == "Appointment"
            && r["purpose"]!.GetValue<string>() == "requestAppointment");
        await CallAsync(psych, $"scheduleAppointment(id: \"{id}\", at: \"{factory.Clock.GetUtcNow().AddHours(2):O}\", note: \"204 室\")", "scheduleAppointment");
        factory.Clock.Advance(TimeSpan.FromHours(3));
        await CallAsync(psych, $"recordAppointmentOutcome(id: \"{id}\", outcome: HELD, note: \"谈话记录：家中有矛盾，需跟进\")", "recordAppointmentOutcome");
        const string Read = "query($id: ID!) { appointment(id: $id) { status history { status by note } } }";

        var asked = (await _client.PostAsync(Path, Read, new { id }, teacher)).EnsureNoErrors().Data!["appointment"]!;
        var whole = (await _client.PostAsync(Path, Read, new { id }, psych)).EnsureNoErrors().Data!["appointment"]!;

        Assert.Equal("HELD", asked["status"]!.GetValue<string>());
        Assert.All(asked["history"]!.AsArray(), step => Assert.Null(step!["note"]));
        Assert.Equal("谈话记录：家中有矛盾，需跟进", whole["history"]![2]!["note"]!.GetValue<string>());

        var admin = factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin);
        (await _client.PostAsync(Path, "mutation($p: ID!) { removeOrganizationMember(organizationId: \"class-8-1\", personId: $p, role: \"HomeroomTeacher\") { id } }",
            new { p = staffPerson }, admin)).EnsureNoErrors();
        var gone = await _client.PostAsync(Path, Read, new { id }, teacher);
        Assert.Equal(("FORBIDDEN", "need-to-know"), (gone.FirstCode, gone.Errors![0]!["extensions"]!["rule"]!.GetValue<string>()));
        // nor is it in their list any more (round-27 red team)
        var listed = (await _client.PostAsync(Path, "{ appointments(first: 100) { nodes { id } } }", token: teacher)).EnsureNoErrors().Data!["appointments"]!["nodes"]!.AsArray();
        Assert.DoesNotContain(listed, n => n!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Refuse_scheduling_and_holding_a_session_once_consent_to_professional_intervention_is_withdrawn()
    {
        // round 26 red team: logContact was refused after the withdrawal, scheduleAppointment and recordAppointmentOutcome(HELD) were not
        var psych = await PsychologyTeacherAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var teacher = await HomeroomTeacherAsync();
        var first = (await CallAsync(teacher, $"requestAppointment(input: {{ personId: \"{student}\", reason: \"想找心理老师聊聊\" }})", "requestAppointment"))["id"]!.GetValue<string>();
        var second = (await CallAsync(teacher, $"requestAppointment(input: {{ personId: \"{student}\", reason: \"再约一次\" }})", "requestAppointment"))["id"]!.GetValue<string>();
        await CallAsync(psych, $"scheduleAppointment(id: \"{first}\", at: \"{factory.Clock.GetUtcNow().AddHours(2):O}\")", "scheduleAppointment");
        (await _client.PostAsync(Path, $"mutation {{ breakTheGlass(entity: PERSON, id: \"{student}\", reason: \"登记监护人撤回同意\") {{ until }} }}", token: psych)).EnsureNoErrors();
        (await _client.PostAsync(Path, $"mutation {{ setPersonContacts(personId: \"{student}\", contacts: [{{ kind: GUARDIAN, name: \"母亲\" }}]) {{ id }} }}", token: psych)).EnsureNoErrors();
        // no birth data on the student: the guardian decides (docs/consent.md "Who decides")
        (await _client.PostAsync(Path, $"mutation {{ recordConsent(personId: \"{student}\", purpose: PROFESSIONAL_INTERVENTION, decision: REFUSED, givenBy: GUARDIAN) {{ id }} }}", token: psych))
            .EnsureNoErrors();
        factory.Clock.Advance(TimeSpan.FromHours(3));
        var schedule = await _client.PostAsync(Path, $"mutation {{ scheduleAppointment(id: \"{second}\", at: \"{factory.Clock.GetUtcNow().AddHours(2):O}\") {{ status }} }}", token: psych);
        var held = await _client.PostAsync(Path, $"mutation {{ recordAppointmentOutcome(id: \"{first}\", outcome: HELD, note: \"谈了半小时\") {{ status }} }}", token: psych);
        var missed = await CallAsync(psych, $"recordAppointmentOutcome(id: \"{first}\", outcome: MISSED)", "recordAppointmentOutcome");

        Assert.All([schedule, held], r => Assert.Equal(("CONSENT_REQUIRED", "PROFESSIONAL_INTERVENTION"), (r.FirstCode, r.Errors![0]!["extensions"]!["purpose"]!.GetValue<string>())));
        Assert.Equal("MISSED", missed["status"]!.GetValue<string>()); // a session that did not take place is recorded whatever the consent
        var unchanged = (await _client.PostAsync(Path, "query($id: ID!) { appointment(id: $id) { status } }", new { id = second }, psych)).EnsureNoErrors().Data!["appointment"]!;
        Assert.Equal("REQUESTED", unchanged["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Let_the_requester_cancel_and_keep_scheduling_to_level_3_staff_and_reading_to_need_to_know()
    {
        var psych = await PsychologyTeacherAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var teacher = await HomeroomTeacherAsync();
        var id = (await CallAsync(teacher, $"requestAppointment(input: {{ personId: \"{student}\", reason: \"Withdrawn since the holidays\" }})", "requestAppointment"))["id"]!.GetValue<string>();

        var byTeacher = await _client.PostAsync(Path, $"mutation {{ scheduleAppointment(id: \"{id}\", at: \"{factory.Clock.GetUtcNow().AddDays(2):O}\") {{ status }} }}", token: teacher);
        Assert.Equal("FORBIDDEN", byTeacher.FirstCode);
        var other = await HomeroomTeacherAsync();
        var read = await _client.PostAsync(Path, $"{{ appointment(id: \"{id}\") {{ reason }} }}", token: other);
        Assert.Equal("FORBIDDEN", read.FirstCode);
        Assert.Equal("need-to-know", read.Errors![0]!["extensions"]!["rule"]!.GetValue<string>());

        var cancelled = await CallAsync(teacher, $"cancelAppointment(id: \"{id}\", reason: \"the student talked to the school doctor instead\")", "cancelAppointment");
        Assert.Equal("CANCELLED", cancelled["status"]!.GetValue<string>());
        var noTime = await _client.PostAsync(Path, $"mutation {{ scheduleAppointment(id: \"{id}\", at: \"{factory.Clock.GetUtcNow().AddDays(2):O}\") {{ status }} }}", token: psych);
        Assert.Equal("INVALID_TRANSITION", noTime.FirstCode);
        Assert.Equal("", noTime.Errors![0]!["extensions"]!["permittedTriggers"]!.GetValue<string>());
    }
    [Fact]
    public async Task Refuse_a_counsellor_who_is_no_staff_member_covering_the_person_and_leave_the_request_unchanged_and_audited()
    {
        var psych = await PsychologyTeacherAsync();
        var student = await DemoStudents.NewAsync(_client, psych);
        var teacher = await HomeroomTeacherAsync();
        var id = (await CallAsync(teacher, $"requestAppointment(input: {{ personId: \"{student}\", reason: \"Panics before class\" }})", "requestAppointment"))["id"]!.GetValue<string>();
        var otherClass = $"homeroom-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", otherClass, "class-8-2", "HomeroomTeacher");
        var at = factory.Clock.GetUtcNow().AddDays(2);

        // A typo, another tenant's login, and a member whose unit (class 8-2) does not cover the student's (class 8-1).
        foreach (var counsellor in new[] { "psych-apts@demo-school", "psych-appts@demo-town", otherClass })
        {
            var refused = await _client.PostAsync(Path, $"mutation {{ scheduleAppointment(id: \"{id}\", at: \"{at:O}\", counsellorSubject: \"{counsellor}\") {{ status }} }}", token: psych);
            Assert.Equal("VALIDATION_FAILED", refused.FirstCode);
            var extensions = refused.Errors![0]!["extensions"]!;
            Assert.Equal(("counsellorSubject", "staff-member", counsellor),
                (extensions["field"]!.GetValue<string>(), extensions["rule"]!.GetValue<string>(), extensions["subject"]!.GetValue<string>()));
            Assert.Contains(" / ", refused.Errors[0]!["message"]!.GetValue<string>());
            Assert.Contains("未作任何更改", refused.Errors[0]!["message"]!.GetValue<string>());
        }

        var unchanged = await _client.PostAsync(Path, $"{{ appointment(id: \"{id}\") {{ {Fields} }} }}", token: psych);
        var appointment = unchanged.EnsureNoErrors().Data!["appointment"]!;
        Assert.Equal("REQUESTED", appointment["status"]!.GetValue<string>());
        Assert.Null(appointment["counsellorSubject"]);
        var auditor = factory.TokenFor("auditor@demo-school", "demo-school", Roles.Auditor);
        var denied = await _client.PostAsync(Path, $"{{ auditLog(filter: {{ actor: \"psych-appts@demo-school\", action: \"DENIED\", entityId: \"{id}\" }}, first: 10) {{ nodes {{ refusal {{ code }} }} }} }}", token: auditor);
        Assert.Equal(3, denied.EnsureNoErrors().Data!["auditLog"]!["nodes"]!.AsArray().Count(n => n!["refusal"]!["code"]!.GetValue<string>() == "VALIDATION_FAILED"));

        var colleague = $"psych-{Guid.NewGuid():N}@demo-school";
        await StaffMembers.AddAsync(factory, _client, "demo-school", colleague, "counselling-centre", "PsychologyTeacher", "RelevantDegree", "CounsellingCertificate");
        var scheduled = await CallAsync(psych, $"scheduleAppointment(id: \"{id}\", at: \"{at:O}\", counsellorSubject: \"{colleague}\")", "scheduleAppointment");
        Assert.Equal(("SCHEDULED", colleague), (scheduled["status"]!.GetValue<string>(), scheduled["counsellorSubject"]!.GetValue<string>()));
    }
}
