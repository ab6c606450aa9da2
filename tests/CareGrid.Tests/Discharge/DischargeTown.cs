using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Discharge;

/// <summary>
/// The demo town (plan 2) set up for discharge hand-overs through GraphQL (R-2.4, docs/discharge.md): a New Year holiday of three
/// days (Friday 1 – Sunday 3 January 2027) on its calendar, a county hospital (kind HOSPITAL) and a hospital doctor who is a
/// member of it. The demo's family doctor (<c>clinician@demo-town</c>, primary health institution) and village staff
/// (<c>caseworker@demo-town</c>, South Village; <c>villagestaff@demo-town</c>, North Village) receive.
/// </summary>
internal sealed class DischargeTown(CareGridApiFactory factory)
{
    public const string Tenant = "demo-town";
    public const string Path = "/t/demo-town/graphql";
    public const string Hospital = "county-hospital";
    public const string DoctorSub = "doctor@county-hospital";

    /// <summary>Thursday 31 December 2026, 00:30 in Shanghai — still Wednesday in UTC.</summary>
    public static readonly DateTimeOffset ThursdayNight = new(2026, 12, 30, 16, 30, 0, TimeSpan.Zero);

    public const string CaseFields = "id reportOutcome status riskGraded escalationLevel assigneeId organizationId tasks { id kind ownerId dueAt status escalationCount } "
        + "discharges { id hospitalOrganizationId residenceOrganizationId primaryHealthOrganizationId dischargedAt handOverTaskId communityCheckTaskId steps { step by note } }";

    public GraphQLClient Client { get; } = factory.GraphQL();

    public string Admin => factory.TokenFor("admin@demo-town", Tenant, Roles.TenantAdmin);
    public string Doctor => factory.TokenFor(DoctorSub, Tenant, Roles.Clinician);
    public string FamilyDoctor => factory.TokenFor("clinician@demo-town", Tenant, Roles.Clinician);
    public string SouthVillageStaff => factory.TokenFor("caseworker@demo-town", Tenant, Roles.Caseworker);

    /// <summary>Sets up the calendar, the hospital and its doctor, and puts the clock at Thursday 31 December 2026, 09:00 in Shanghai.</summary>
    public async Task<DischargeTown> SetUpAsync()
    {
        (await Client.PostAsync(Path, "mutation { setWorkingCalendar(holidays: [\"2027-01-01\", \"2027-01-02\", \"2027-01-03\"]) { timeZone } }", token: Admin)).EnsureNoErrors();
        (await Client.PostAsync(Path, "mutation($in: CreateOrganizationInput!) { createOrganization(input: $in) { id } }",
            new { @in = new { id = Hospital, name = "County People's Hospital", kind = "HOSPITAL" } }, Admin)).EnsureNoErrors();
        await StaffMembers.AddAsync(factory, Client, Tenant, DoctorSub, Hospital, "HospitalDischargeDoctor", "MedicalLicence");
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 31, 1, 0, 0, TimeSpan.Zero));
        return this;
    }

    /// <summary><c>recordDischarge</c> of <paramref name="person"/> living in <paramref name="residence"/>, discharged at <paramref name="at"/> (default <see cref="ThursdayNight"/>).</summary>
    public Task<GraphQLResponse> DischargeAsync(string person, string residence, string token, DateTimeOffset? at = null, string hospital = Hospital, string fields = CaseFields) =>
        Client.PostAsync(Path, $"mutation($in: RecordDischargeInput!) {{ recordDischarge(input: $in) {{ {fields} }} }}",
            new { @in = new { personId = person, hospitalOrganizationId = hospital, residenceOrganizationId = residence, primaryHealthOrganizationId = "primary-health",
                dischargedAt = at ?? ThursdayNight, note = "Recovered; stable on medication. Family informed." } }, token);

    public Task<GraphQLResponse> StepAsync(string caseId, string dischargeId, string step, string token, string? note = null) =>
        Client.PostAsync(Path, $"mutation($id: ID!, $d: ID!, $s: DischargeStep!, $n: String) {{ recordDischargeStep(id: $id, dischargeId: $d, step: $s, note: $n) {{ {CaseFields} }} }}",
            new { id = caseId, d = dischargeId, s = step, n = note }, token);

    public async Task<JsonNode> CaseAsync(string caseId, string token) =>
        (await Client.PostAsync(Path, $"query($id: ID!) {{ case(id: $id) {{ {CaseFields} timeline {{ action reason }} }} }}", new { id = caseId }, token)).EnsureNoErrors().Data!["case"]!;

    public static JsonNode TaskOf(JsonNode c, string kind) => c["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == kind)!;
}
