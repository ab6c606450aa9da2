using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Person</c>.</summary>
public sealed class PersonType : ObjectGraphType<PersonInfo>
{
    /// <summary>Defines the fields.</summary>
    public PersonType()
    {
        this.ReachedThroughParent();
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
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConsentType>>>>("consents")
            .Description("Consent decisions (R-1.7), each with what it counts for today (effectiveStatus; docs/consent.md).")
            .ResolveAsync(async ctx => await ConsentRead.OfAsync(ctx.Source, ctx.RequestServices!));
        Field(x => x.RegisteredAt);
        Field(x => x.TargetGroupPeriods, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TargetGroupPeriodType>>>)).Description("Target groups with dates (R-1.2).");
        Field(x => x.Contacts, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<PersonContactType>>>)).Description("Guardians, parents, emergency contacts (R-6.2). Sensitive: never in lists.");
        Field(x => x.ReplacedContacts, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ReplacedContactType>>>))
            .Description("Contacts that setPersonContacts, setFamilyContacts or a roster import removed or changed, oldest first: the 5 that had stood longest before they were replaced and the latest 15, so an overwritten guardian or phone can be restored (docs/visits.md). Sensitive: never in lists.");
        Field("monitoringLevel", x => x.Monitoring, type: typeof(NonNullGraphType<EnumerationGraphType<MonitoringLevel>>)).Description("Three-level archive (R-7.4).");
        Field(x => x.MonitoringHistory, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<MonitoringChangeType>>>))
            .Description("The person's moves between monitoring levels (R-7.4), oldest first: the newest 50 (each change is also a WRITE Person in the audit log).");
        Field(x => x.Roles, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<OrganizationRoleAssignmentType>>>)).Description("Roles held in units (R-1.4).");
        Field(x => x.Qualifications, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<QualificationType>>>)).Description("Staff qualifications (R-1.4, R-7.7).");
        Field(x => x.StaffSubject, nullable: true).Description("The staff member's login sub.");
        Field(x => x.CensusRecords, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CensusRecordType>>>)).Description("Census records, latest 20 (R-7.4 level 1).");
        Field(x => x.UpdatedAt);
    }
}
