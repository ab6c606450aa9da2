using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using GraphQL.Types;

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
    }
}

/// <summary>GraphQL <c>OrganizationSummary</c>: a list row.</summary>
public sealed class OrganizationSummaryType : ObjectGraphType<OrganizationRow>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationSummaryType()
    {
        Name = "OrganizationSummary";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Name);
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationKind>>));
        Field(x => x.ParentId, type: typeof(IdGraphType));
        Field(x => x.EscalationLevel, nullable: true);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationStatus>>));
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
        Field(x => x.ExternalId, nullable: true).Description("Id in the tenant's own roster.");
        Field(x => x.TargetGroups).Description("Target groups (R-1.2).");
        Field(x => x.Consents, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ConsentType>>>));
        Field(x => x.RegisteredAt);
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

/// <summary>GraphQL <c>TimelineEntry</c>.</summary>
public sealed class TimelineEntryType : ObjectGraphType<TimelineEntry>
{
    /// <summary>Defines the fields.</summary>
    public TimelineEntryType()
    {
        Name = "TimelineEntry";
        Description = "One event on a case: who, when, what, why.";
        Field(x => x.At).Description("When (UTC).");
        Field(x => x.Actor).Description("The sub of who did it; 'system' for the service.");
        Field(x => x.Action);
        Field(x => x.FromStatus, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.ToStatus, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.Reason, nullable: true);
    }
}

/// <summary>GraphQL <c>Case</c>.</summary>
public sealed class CaseType : ObjectGraphType<CaseView>
{
    /// <summary>Defines the fields.</summary>
    public CaseType()
    {
        Name = "Case";
        Description = "One episode of concern for one person.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.RiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>));
        Field(x => x.EscalationLevel).Description("1 class/community, 2 grade/subdistrict, 3 professional (R-4.3).");
        Field(x => x.AssigneeId, nullable: true).Description("The sub of the assigned staff member.");
        Field(x => x.Summary).Description("What was reported (sensitive).");
        Field(x => x.ReportedBy);
        Field(x => x.ReportedAt);
        Field(x => x.UpdatedAt);
        Field(x => x.Timeline, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TimelineEntryType>>>));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("availableActions")
            .Description("The mutations the calling user may perform on this case now (e.g. triageCase, closeCase).")
            .Resolve(ctx => ctx.Source.AvailableActions.Select(CaseActions.MutationName).ToList());
    }
}

/// <summary>GraphQL <c>CaseSummary</c>: a list row with no sensitive fields.</summary>
public sealed class CaseSummaryType : ObjectGraphType<CaseRow>
{
    /// <summary>Defines the fields.</summary>
    public CaseSummaryType()
    {
        Name = "CaseSummary";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.RiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>));
        Field(x => x.EscalationLevel);
        Field(x => x.AssigneeId, nullable: true);
        Field(x => x.ReportedAt);
        Field(x => x.UpdatedAt);
    }
}

/// <summary>GraphQL <c>PageInfo</c> (Relay-style).</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    /// <summary>Defines the fields.</summary>
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(x => x.HasNextPage);
        Field(x => x.EndCursor, nullable: true).Description("Pass as 'after' to get the next page.");
    }
}

/// <summary>Page information of a connection.</summary>
public sealed record PageInfo(bool HasNextPage, string? EndCursor);

/// <summary>A page of list rows with its page information.</summary>
public sealed record Connection<T>(IReadOnlyList<T> Nodes, PageInfo PageInfo);

/// <summary>GraphQL connection type <c>{nodes, pageInfo}</c> over rows of <typeparamref name="TNode"/>.</summary>
public class ConnectionType<TNodeType, TNode> : ObjectGraphType<Connection<TNode>> where TNodeType : IGraphType
{
    /// <summary>Defines the fields.</summary>
    public ConnectionType(string name)
    {
        Name = name;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
    }
}

/// <summary>GraphQL <c>CaseConnection</c>.</summary>
public sealed class CaseConnectionType() : ConnectionType<CaseSummaryType, CaseRow>("CaseConnection");

/// <summary>GraphQL <c>PersonConnection</c>.</summary>
public sealed class PersonConnectionType() : ConnectionType<PersonSummaryType, PersonRow>("PersonConnection");

/// <summary>Maps case triggers to the mutation that fires them.</summary>
public static class CaseActions
{
    /// <summary>The mutation name for a trigger or action name (e.g. <c>Triage</c> → <c>triageCase</c>).</summary>
    public static string MutationName(string action) => action switch
    {
        nameof(CaseTrigger.Triage) => "triageCase",
        nameof(CaseTrigger.Activate) => "activateCase",
        nameof(CaseTrigger.Refer) => "referCase",
        nameof(CaseTrigger.StartFollowUp) => "startFollowUp",
        nameof(CaseTrigger.Close) => "closeCase",
        nameof(CaseTrigger.Reopen) => "reopenCase",
        CaseGrain.AssessRiskAction => "assessRisk",
        _ => char.ToLowerInvariant(action[0]) + action[1..],
    };
}
