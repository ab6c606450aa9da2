using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Infrastructure;

/// <summary>Builds a small school tenant directly through the grains (school → grade → class, one student).</summary>
public static class Seeds
{
    public static string NewTenantId(string prefix = "t") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static async Task<(string Tenant, string Student)> SchoolAsync(IGrainFactory grains, string? tenantId = null)
    {
        var tenant = tenantId ?? NewTenantId("school");
        TenantContext.Set(tenant);
        try
        {
            await grains.GetGrain<ITenantGrain>(tenant).Onboard(
                new OnboardTenant(tenant, "Test school", TenantKind.School, null, "Asia/Shanghai", "admin@" + tenant, "Admin"), Actor.System);
            await grains.GetGrain<IOrganizationGrain>(TenantIds.Key(tenant, "school")).Create(new CreateOrganization("School", OrganizationKind.School, null, null), Actor.System);
            await grains.GetGrain<IOrganizationGrain>(TenantIds.Key(tenant, "grade-7")).Create(new CreateOrganization("Grade 7", OrganizationKind.Grade, "school", 2), Actor.System);
            await grains.GetGrain<IOrganizationGrain>(TenantIds.Key(tenant, "class-7-1")).Create(new CreateOrganization("Class 7-1", OrganizationKind.Class, "grade-7", 1), Actor.System);
            await grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, "student-1")).Register(
                new RegisterPerson("Student One", "class-7-1", Sex.Female, 2013, "S-1", []), Actor.System);
            // Need-to-know follows the units (docs/access.md): the homeroom teacher is a member of the class, the psychology
            // teacher of the counselling centre, which serves the whole school (R-4.3).
            await grains.GetGrain<IOrganizationGrain>(TenantIds.Key(tenant, "counselling-centre")).Create(
                new CreateOrganization("Counselling centre", OrganizationKind.CounsellingCentre, "school", 3), Actor.System);
            await MemberAsync(grains, tenant, Homeroom(tenant).Subject, "staff-homeroom", "class-7-1", "HomeroomTeacher");
            await MemberAsync(grains, tenant, PsychologyTeacher(tenant).Subject, "staff-psych", "counselling-centre", "PsychologyTeacher");
            return (tenant, "student-1");
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    /// <summary>Registers staff person <paramref name="personId"/> with login <paramref name="subject"/> and makes them a member of <paramref name="unit"/>.</summary>
    public static async Task MemberAsync(IGrainFactory grains, string tenant, string subject, string personId, string unit, string role)
    {
        var person = grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, personId));
        await person.Register(new RegisterPerson(personId, unit, Sex.Female, 1985, null, []), Actor.System);
        await person.SetQualifications([], subject, Actor.System);
        await grains.GetGrain<IOrganizationGrain>(TenantIds.Key(tenant, unit)).AddMember(personId, role, Actor.System);
    }

    public static Actor Homeroom(string tenant) => new("homeroom@" + tenant, [Roles.Caseworker]);

    public static Actor PsychologyTeacher(string tenant) => new("psych@" + tenant, [Roles.Counsellor]);

    public static async Task<ICaseGrain> ReportAsync(IGrainFactory grains, string tenant, string person, RiskLevel risk = RiskLevel.Low)
    {
        TenantContext.Set(tenant);
        var grain = grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant, TenantIds.NewLocalId("case")));
        await grain.Report(new ReportConcern(person, "Cannot sleep, anxious (R-4.4)", risk, null), Homeroom(tenant));
        return grain;
    }
}
