using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Silo.Seeding;

/// <summary>
/// One seed file: a tenant and its first data (<c>seeds/demo/*.json</c>); <see cref="Staff"/> (optional) are the staff whose
/// demo tokens README uses, members of their units (need-to-know by organization, docs/access.md; format: docs/demo.md).
/// </summary>
public sealed record SeedFile(SeedTenant Tenant, List<SeedOrganization> Organizations, List<SeedPerson> People, List<SeedCase> Cases,
    List<SeedStaff>? Staff = null);

/// <summary>
/// The tenant to onboard, provisioned from <see cref="Template"/> (a jurisdiction template id, seeds/templates) when given;
/// <see cref="StatisticsSharing"/> switches sharing with the parent's roll-up on (docs/statistics.md "Roll-up").
/// </summary>
public sealed record SeedTenant(string Id, string Name, TenantKind Kind, string? ParentId, string? TimeZone, string FirstAdminSubject, string? FirstAdminName, string? Template = null,
    bool StatisticsSharing = false);

/// <summary>An organization, created in file order (parents first).</summary>
public sealed record SeedOrganization(string Id, string Name, OrganizationKind Kind, string? ParentId, int? EscalationLevel);

/// <summary>
/// A person with optional contacts (a guardian for a minor) and granted consents, given by <see cref="ConsentsGivenBy"/>
/// (the person by default; a guardian named in <see cref="Contacts"/> for someone under the age of consent).
/// </summary>
public sealed record SeedPerson(string Id, string DisplayName, string OrganizationId, Sex Sex, int? BirthYear, string? ExternalId, List<string>? TargetGroups,
    List<ConsentPurpose>? Consents, DateOnly? DateOfBirth = null, List<PersonContact>? Contacts = null, ConsentGivenBy ConsentsGivenBy = ConsentGivenBy.Self);

/// <summary>A case, reported by <see cref="ReportedBy"/> and then moved by <see cref="Triggers"/>.</summary>
public sealed record SeedCase(string Id, string PersonId, string Summary, RiskLevel RiskLevel, string ReportedBy, string? AssigneeId, List<CaseTrigger>? Triggers);

/// <summary>
/// A staff member: a person registered in the unit of their first membership, given the login sub <see cref="Subject"/>
/// (the token <c>sub</c>, <c>StaffSubject</c>) and the qualification codes <see cref="Qualifications"/> (no expiry, R-1.4, R-7.7),
/// then made a member of each unit of <see cref="Memberships"/> with a role of the tenant's template (docs/demo.md).
/// </summary>
public sealed record SeedStaff(string Id, string DisplayName, string Subject, List<SeedMembership> Memberships, List<string>? Qualifications = null,
    Sex Sex = Sex.Unspecified, int? BirthYear = null);

/// <summary>A role code of the tenant's template held in a unit (<c>addOrganizationMember</c>).</summary>
public sealed record SeedMembership(string OrganizationId, string Role);
