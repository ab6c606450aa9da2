using CareGrid.Grains.Errors;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Tenant</c>.</summary>
public sealed class TenantType : ObjectGraphType<TenantInfo>
{
    /// <summary>Defines the fields.</summary>
    public TenantType()
    {
        Name = "Tenant";
        Description = "A jurisdiction (district, town or school) running its own support plan.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Slug id, e.g. demo-school.");
        Field(x => x.Name);
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<TenantKind>>));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<TenantStatus>>));
        Field(x => x.ParentId, type: typeof(IdGraphType)).Description("Parent tenant id.");
        Field(x => x.TimeZone).Description("IANA time zone of the tenant's working-day calendar.");
        Field(x => x.CreatedAt);
        Field(x => x.UpdatedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("adminSubjects")
            .Description("The sub of each TenantAdmin named at onboarding.")
            .Resolve(ctx => ctx.Source.Admins.Select(a => a.Subject).ToList());
    }
}

/// <summary>GraphQL <c>Organization</c>.</summary>
public sealed class OrganizationType : ObjectGraphType<OrganizationInfo>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationType()
    {
        Name = "Organization";
        Description = "A unit of the tenant's tree (school, grade, class, community, …).";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Name);
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationKind>>));
        Field(x => x.ParentId, type: typeof(IdGraphType));
        Field(x => x.EscalationLevel, nullable: true).Description("The three-level warning level this unit stands for (R-4.3).");
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationStatus>>));
        Field(x => x.ChildIds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>));
        Field(x => x.ResponsiblePersonId, type: typeof(IdGraphType)).Description("The person responsible for the unit (R-1.3).");
        Field(x => x.Members, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationMemberType>>>)).Description("Members with their roles (R-1.4).");
    }
}

/// <summary>GraphQL <c>Consent</c>.</summary>
public sealed class ConsentType : ObjectGraphType<Consent>
{
    /// <summary>Defines the fields.</summary>
    public ConsentType()
    {
        Name = "Consent";
        Field(x => x.Purpose, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentPurpose>>));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentStatus>>));
        Field(x => x.GivenBy, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentGivenBy>>));
        Field(x => x.RecordedAt);
        Field(x => x.RecordedBy);
        Field(x => x.Reason, nullable: true).Description("Why the system changed this decision (e.g. birth date changed: below the age of consent), or null when staff recorded it.");
    }
}

/// <summary>GraphQL <c>Person</c>.</summary>
public sealed class PersonType : ObjectGraphType<PersonInfo>
{
    /// <summary>Defines the fields.</summary>
    public PersonType()
    {
        Name = "Person";
        Description = "Someone the tenant serves (minimal identifying data).";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.DisplayName);
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Sex, type: typeof(NonNullGraphType<EnumerationGraphType<Sex>>));
        Field(x => x.BirthYear, nullable: true);
        Field(x => x.DateOfBirth, type: typeof(DateOnlyGraphType)).Description("Date of birth, when known (the age of consent counts from it, else from 31 December of birthYear).");
        Field(x => x.ExternalId, nullable: true).Description("Id in the tenant's own roster.");
        Field(x => x.TargetGroups).Description("Target groups (R-1.2).");
        Field(x => x.Consents, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ConsentType>>>));
        Field(x => x.RegisteredAt);
        Field(x => x.TargetGroupPeriods, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TargetGroupPeriodType>>>)).Description("Target groups with dates (R-1.2).");
        Field(x => x.Contacts, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PersonContactType>>>)).Description("Guardians, parents, emergency contacts (R-6.2). Sensitive: never in lists.");
        Field("monitoringLevel", x => x.Monitoring, type: typeof(NonNullGraphType<EnumerationGraphType<MonitoringLevel>>)).Description("Three-level archive (R-7.4).");
        Field(x => x.MonitoringHistory, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<MonitoringChangeType>>>));
        Field(x => x.Roles, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationRoleAssignmentType>>>)).Description("Roles held in units (R-1.4).");
        Field(x => x.Qualifications, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<QualificationType>>>)).Description("Staff qualifications (R-1.4, R-7.7).");
        Field(x => x.StaffSubject, nullable: true).Description("The staff member's login sub.");
        Field(x => x.CensusRecords, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CensusRecordType>>>)).Description("Census records, latest 20 (R-7.4 level 1).");
        Field(x => x.UpdatedAt);
    }
}

/// <summary>GraphQL <c>PersonSummary</c>: a list row.</summary>
public sealed class PersonSummaryType : ObjectGraphType<PersonRow>
{
    /// <summary>Defines the fields.</summary>
    public PersonSummaryType()
    {
        Name = "PersonSummary";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.DisplayName);
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
    }
}

/// <summary>GraphQL <c>PersonConnection</c>.</summary>
public sealed class PersonConnectionType() : ConnectionType<PersonSummaryType, PersonRow>("PersonConnection");
