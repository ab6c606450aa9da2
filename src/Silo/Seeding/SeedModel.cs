using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Silo.Seeding;

/// <summary>One seed file: a tenant and its first data (<c>seeds/demo/*.json</c>).</summary>
public sealed record SeedFile(SeedTenant Tenant, List<SeedOrganization> Organizations, List<SeedPerson> People, List<SeedCase> Cases);

/// <summary>The tenant to onboard, provisioned from <see cref="Template"/> (a jurisdiction template id, seeds/templates) when given.</summary>
public sealed record SeedTenant(string Id, string Name, TenantKind Kind, string? ParentId, string? TimeZone, string FirstAdminSubject, string? FirstAdminName, string? Template = null);

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
