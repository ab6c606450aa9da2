namespace CareGrid.Grains.Organizations;

/// <summary>Kinds of organizational unit named by the plans (docs/architecture.md "OrganizationGrain").</summary>
[GenerateSerializer, Alias("CareGrid.OrganizationKind")]
public enum OrganizationKind
{
    /// <summary>District health commission .</summary>
    HealthCommission,
    /// <summary>Mental health centre .</summary>
    MentalHealthCentre,
    /// <summary>Civil affairs bureau .</summary>
    CivilAffairsBureau,
    /// <summary>Subdistrict .</summary>
    Subdistrict,
    /// <summary>Community .</summary>
    Community,
    /// <summary>Village .</summary>
    Village,
    /// <summary>Quarantine site .</summary>
    QuarantineSite,
    /// <summary>Hospital .</summary>
    Hospital,
    /// <summary>Primary health institution / town health centre .</summary>
    PrimaryHealthCentre,
    /// <summary>Town social affairs office .</summary>
    SocialAffairsOffice,
    /// <summary>A school (plans 3–7).</summary>
    School,
    /// <summary>A grade within a school (R-4.3 level 2).</summary>
    Grade,
    /// <summary>A class within a grade (R-4.3 level 1).</summary>
    Class,
    /// <summary>Counselling centre or room .</summary>
    CounsellingCentre,
    /// <summary>Student affairs office (R-4.3 level 2).</summary>
    StudentAffairsOffice,
    /// <summary>Leadership group .</summary>
    LeadershipGroup,
    /// <summary>Contracted outside service provider .</summary>
    ServiceProvider,
    /// <summary>Psychiatric institution, referral target .</summary>
    PsychiatricInstitution,
    /// <summary>Police liaison, transport assistance .</summary>
    Police,
    /// <summary>Emergency volunteer team under the counselling centre. Appended: enum values are persisted.</summary>
    EmergencyVolunteerTeam,
}

/// <summary>Organization lifecycle: <c>Draft → Active ⇄ Suspended → Closed</c>. A closed unit keeps its history and takes no new cases.</summary>
[GenerateSerializer, Alias("CareGrid.OrganizationStatus")]
public enum OrganizationStatus
{
    /// <summary>Being set up.</summary>
    Draft,
    /// <summary>In service.</summary>
    Active,
    /// <summary>Temporarily out of service.</summary>
    Suspended,
    /// <summary>Closed for good; history kept.</summary>
    Closed,
}

/// <summary>Triggers of the organization lifecycle.</summary>
[GenerateSerializer, Alias("CareGrid.OrganizationTrigger")]
public enum OrganizationTrigger
{
    /// <summary><c>Draft → Active</c>, <c>Suspended → Active</c>.</summary>
    Activate,
    /// <summary><c>Active → Suspended</c>.</summary>
    Suspend,
    /// <summary><c>Draft | Active | Suspended → Closed</c>.</summary>
    Close,
}

/// <summary>Input to create an organizational unit.</summary>
/// <param name="Name">Display name, 1–200 characters.</param>
/// <param name="Kind">The unit's kind.</param>
/// <param name="ParentId">Local id of the parent unit in the same tenant, or null for a root.</param>
/// <param name="EscalationLevel">The three-level warning level the unit stands for (1–3, R-4.3), or null.</param>
/// <param name="Activate">True to go straight from Draft to Active.</param>
/// <param name="IdempotencyKey">The client's key when the id was derived from it (docs/idempotency.md), or null.</param>
[GenerateSerializer, Alias("CareGrid.CreateOrganization")]
public sealed record CreateOrganization(
    [property: Id(0)] string Name,
    [property: Id(1)] OrganizationKind Kind,
    [property: Id(2)] string? ParentId,
    [property: Id(3)] int? EscalationLevel,
    [property: Id(4)] bool Activate = true,
    [property: Id(5)] string? IdempotencyKey = null);

/// <summary>An organizational unit as stored and returned.</summary>
[GenerateSerializer, Alias("CareGrid.OrganizationInfo"), Immutable]
public sealed record OrganizationInfo(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string Id,
    [property: Id(2)] string Name,
    [property: Id(3)] OrganizationKind Kind,
    [property: Id(4)] string? ParentId,
    [property: Id(5)] int? EscalationLevel,
    [property: Id(6)] OrganizationStatus Status,
    [property: Id(7)] IReadOnlyList<string> ChildIds,
    [property: Id(8)] DateTimeOffset CreatedAt)
{
    /// <summary>The person responsible for the unit (e.g. the subdistrict's senior official, R-1.3), or null.</summary>
    [Id(9)] public string? ResponsiblePersonId { get; init; }

    /// <summary>Members with their roles (template role codes), oldest first.</summary>
    [Id(10)] public IReadOnlyList<OrganizationMember> Members { get; init; } = [];
}

/// <summary>A person holding a role in a unit (R-1.4: only people with a role in the responsible organization act).</summary>
/// <param name="PersonId">Local id of the person.</param>
/// <param name="Role">Role code from the tenant's jurisdiction template, e.g. <c>PsychologyCommitteeMember</c> (R-7.5).</param>
/// <param name="Since">When the role was given (UTC).</param>
/// <param name="AddedBy">The sub of who gave it.</param>
[GenerateSerializer, Alias("CareGrid.OrganizationMember")]
public sealed record OrganizationMember(
    [property: Id(0)] string PersonId,
    [property: Id(1)] string Role,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] string AddedBy);
