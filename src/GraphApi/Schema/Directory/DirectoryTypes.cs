using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>An organization list row with its place in the tree (read side).</summary>
/// <param name="Row">The row.</param>
/// <param name="Depth">0 for a root, 1 for its children, …</param>
/// <param name="ChildCount">Number of direct children.</param>
public sealed record OrganizationTreeRow(OrganizationRow Row, int Depth, int ChildCount);

/// <summary>GraphQL <c>OrganizationMember</c>: a person holding a role in a unit .</summary>
public sealed class OrganizationMemberType : ObjectGraphType<OrganizationMember>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationMemberType()
    {
        Name = "OrganizationMember";
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Role).Description("Role code of the tenant's jurisdiction template, e.g. PsychologyCommitteeMember (R-7.5).");
        Field(x => x.Since).Description("When the role was given (UTC).");
        Field(x => x.AddedBy);
    }
}

/// <summary>GraphQL <c>TargetGroupPeriod</c> (R-1.2).</summary>
public sealed class TargetGroupPeriodType : ObjectGraphType<TargetGroupPeriod>
{
    /// <summary>Defines the fields.</summary>
    public TargetGroupPeriodType()
    {
        Name = "TargetGroupPeriod";
        Field(x => x.Code);
        Field(x => x.From, nullable: true).Description("First day, inclusive; null: since registration.");
        Field(x => x.Until, nullable: true).Description("Last day, inclusive; null: ongoing.");
    }
}

/// <summary>GraphQL <c>PersonContact</c> (R-6.2). Sensitive: only on <c>person</c>.</summary>
public sealed class PersonContactType : ObjectGraphType<PersonContact>
{
    /// <summary>Defines the fields.</summary>
    public PersonContactType()
    {
        Name = "PersonContact";
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<ContactKind>>));
        Field(x => x.Name);
        Field(x => x.Relationship, nullable: true);
        Field(x => x.Phone, nullable: true);
        Field(x => x.Workplace, nullable: true).Description("Where a parent working far away works (R-6.2).");
    }
}

/// <summary>GraphQL <c>MonitoringChange</c> (R-7.4).</summary>
public sealed class MonitoringChangeType : ObjectGraphType<MonitoringChange>
{
    /// <summary>Defines the fields.</summary>
    public MonitoringChangeType()
    {
        Name = "MonitoringChange";
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.From, type: typeof(NonNullGraphType<EnumerationGraphType<MonitoringLevel>>));
        Field(x => x.To, type: typeof(NonNullGraphType<EnumerationGraphType<MonitoringLevel>>));
        Field(x => x.Reason, nullable: true);
    }
}

/// <summary>GraphQL <c>OrganizationRoleAssignment</c>.</summary>
public sealed class OrganizationRoleAssignmentType : ObjectGraphType<OrganizationRoleAssignment>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationRoleAssignmentType()
    {
        Name = "OrganizationRoleAssignment";
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Role);
        Field(x => x.Since);
        Field(x => x.Staff).Description("False for roles of people served (class psychology committee member, R-7.5).");
    }
}

/// <summary>GraphQL <c>Qualification</c> (R-1.4, R-7.7).</summary>
public sealed class QualificationType : ObjectGraphType<Qualification>
{
    /// <summary>Defines the fields.</summary>
    public QualificationType()
    {
        Name = "Qualification";
        Field(x => x.Code);
        Field(x => x.ValidUntil, nullable: true).Description("Last valid day (UTC date); null: does not expire.");
    }
}

/// <summary>GraphQL <c>OrganizationSummary</c>: an organization list row with its depth in the tree.</summary>
public sealed class OrganizationSummaryType : ObjectGraphType<OrganizationTreeRow>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationSummaryType()
    {
        Name = "OrganizationSummary";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.Row.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(ctx => ctx.Source.Row.Name);
        Field<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>("kind").Resolve(ctx => ctx.Source.Row.Kind);
        Field<IdGraphType>("parentId").Resolve(ctx => ctx.Source.Row.ParentId);
        Field<IntGraphType>("escalationLevel").Resolve(ctx => ctx.Source.Row.EscalationLevel);
        Field<NonNullGraphType<EnumerationGraphType<OrganizationStatus>>>("status").Resolve(ctx => ctx.Source.Row.Status);
        Field(x => x.Depth).Description("0 for a root, 1 for its children, …");
        Field(x => x.ChildCount).Description("Number of direct children.");
    }
}

/// <summary>GraphQL <c>JurisdictionTemplate</c>.</summary>
public sealed class JurisdictionTemplateType : ObjectGraphType<JurisdictionTemplate>
{
    /// <summary>Defines the fields.</summary>
    public JurisdictionTemplateType()
    {
        Name = "JurisdictionTemplate";
        Description = "What a district (plan 1), town (plan 2) or school (plans 3–7) is made of (seeds/templates/*.json).";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Version);
        Field(x => x.Name);
        Field(x => x.TenantKind, type: typeof(NonNullGraphType<EnumerationGraphType<TenantKind>>));
        Field(x => x.Requirements);
        Field(x => x.OrganizationKinds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TemplateOrganizationKindType>>>));
        Field(x => x.Roles, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TemplateRoleType>>>));
        Field(x => x.EscalationChain, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TemplateEscalationLevelType>>>));
        Field(x => x.ReferralTargets, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>>));
        Field(x => x.Deadlines, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TemplateDeadlineType>>>));
        Field(x => x.Instruments, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<ScreeningInstrumentType>>>));
        Field(x => x.HealthRules, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TemplateHealthRuleType>>>));
        Field(x => x.Organizations, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<TemplateOrganizationType>>>));
    }
}

/// <summary>GraphQL <c>TemplateOrganizationKind</c>.</summary>
public sealed class TemplateOrganizationKindType : ObjectGraphType<TemplateOrganizationKind>
{
    /// <summary>Defines the fields.</summary>
    public TemplateOrganizationKindType()
    {
        Name = "TemplateOrganizationKind";
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationKind>>));
        Field(x => x.EscalationLevel, nullable: true);
        Field(x => x.ParentKinds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>>));
        Field(x => x.Description);
    }
}

/// <summary>GraphQL <c>TemplateRole</c>.</summary>
public sealed class TemplateRoleType : ObjectGraphType<TemplateRole>
{
    /// <summary>Defines the fields.</summary>
    public TemplateRoleType()
    {
        Name = "TemplateRole";
        Field(x => x.Code);
        Field(x => x.Name);
        Field(x => x.AccessRole).Description("The CareGrid access role (token role claim) such a member is given.");
        Field(x => x.EscalationLevel, nullable: true);
        Field(x => x.OrganizationKinds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>>));
        Field(x => x.Qualifications).Description("Qualification codes needed before acting (R-1.4, R-7.7).");
        Field(x => x.Requirement);
    }
}

/// <summary>GraphQL <c>TemplateEscalationLevel</c>.</summary>
public sealed class TemplateEscalationLevelType : ObjectGraphType<TemplateEscalationLevel>
{
    /// <summary>Defines the fields.</summary>
    public TemplateEscalationLevelType()
    {
        Name = "TemplateEscalationLevel";
        Field(x => x.Level);
        Field(x => x.Name);
        Field(x => x.OrganizationKinds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>>));
        Field(x => x.Roles);
    }
}

/// <summary>GraphQL <c>TemplateDeadline</c>.</summary>
public sealed class TemplateDeadlineType : ObjectGraphType<TemplateDeadline>
{
    /// <summary>Defines the fields.</summary>
    public TemplateDeadlineType()
    {
        Name = "TemplateDeadline";
        Field(x => x.Task, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>));
        Field(x => x.Amount);
        Field(x => x.Unit, type: typeof(NonNullGraphType<EnumerationGraphType<Grains.Calendar.DeadlineUnit>>));
    }
}

/// <summary>GraphQL <c>TemplateHealthRule</c>.</summary>
public sealed class TemplateHealthRuleType : ObjectGraphType<TemplateHealthRule>
{
    /// <summary>Defines the fields.</summary>
    public TemplateHealthRuleType()
    {
        Name = "TemplateHealthRule";
        Field(x => x.Rule, type: typeof(NonNullGraphType<EnumerationGraphType<HealthRuleKind>>));
        Field(x => x.Requirement);
        Field(x => x.OrganizationKinds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<OrganizationKind>>>>));
        Field(x => x.Roles);
        Field(x => x.Minimum);
    }
}

/// <summary>GraphQL <c>TemplateOrganization</c>.</summary>
public sealed class TemplateOrganizationType : ObjectGraphType<TemplateOrganization>
{
    /// <summary>Defines the fields.</summary>
    public TemplateOrganizationType()
    {
        Name = "TemplateOrganization";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Name);
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<OrganizationKind>>));
        Field(x => x.ParentId, type: typeof(IdGraphType));
        Field(x => x.EscalationLevel, nullable: true);
    }
}

/// <summary>GraphQL <c>Jurisdiction</c>: the template a tenant runs on.</summary>
public sealed class JurisdictionType : ObjectGraphType<JurisdictionInfo>
{
    /// <summary>Defines the fields.</summary>
    public JurisdictionType()
    {
        Name = "Jurisdiction";
        Field(x => x.Template, type: typeof(JurisdictionTemplateType)).Description("Null when no template applies.");
        Field(x => x.Applied).Description("True when applied at onboarding (or by applyJurisdictionTemplate); false: the kind's default template is used for roles and health rules.");
        Field(x => x.AppliedAt, nullable: true);
        Field(x => x.AppliedBy, nullable: true);
    }
}

/// <summary>GraphQL <c>HealthFinding</c>.</summary>
public sealed class HealthFindingType : ObjectGraphType<HealthFinding>
{
    /// <summary>Defines the fields.</summary>
    public HealthFindingType()
    {
        Name = "HealthFinding";
        Field(x => x.Rule, type: typeof(NonNullGraphType<EnumerationGraphType<HealthRuleKind>>));
        Field(x => x.Requirement).Description("e.g. R-7.5, R-2.7, R-1.4, R-7.7.");
        Field(x => x.OrganizationId, type: typeof(IdGraphType)).Description("The unit at fault; null for a tenant-wide rule.");
        Field(x => x.PersonId, type: typeof(IdGraphType)).Description("The staff member at fault (qualification), or null.");
        Field(x => x.Qualification, nullable: true);
        Field(x => x.Message);
    }
}

/// <summary>GraphQL <c>OrganizationHealth</c>.</summary>
public sealed class OrganizationHealthType : ObjectGraphType<OrganizationHealthReport>
{
    /// <summary>Defines the fields.</summary>
    public OrganizationHealthType()
    {
        Name = "OrganizationHealth";
        Field(x => x.Healthy);
        Field(x => x.TemplateId, nullable: true).Description("The template whose rules were checked.");
        Field(x => x.Day).Description("The day qualifications were checked against (UTC date, domain clock).");
        Field(x => x.OrganizationsChecked);
        Field(x => x.Findings, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<HealthFindingType>>>));
    }
}

/// <summary>Input <c>PeopleFilter</c> of <c>people</c>.</summary>
public sealed class PeopleFilterInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public PeopleFilterInputType()
    {
        Name = "PeopleFilter";
        Field<IdGraphType>("organization").Description("Only people of this unit.");
        Field<BooleanGraphType>("includeSubtree").Description("With organization: also the units below it.");
        Field<StringGraphType>("targetGroup").Description("Only people in this target group (R-1.2).");
        Field<EnumerationGraphType<MonitoringLevel>>("monitoringLevel").Description("Only people at this level (R-7.4).");
        Field<BooleanGraphType>("staff").Description("Only staff (true) or only people served (false).");
    }
}

/// <summary>Input <c>UpdatePersonInput</c>.</summary>
public sealed class UpdatePersonInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public UpdatePersonInputType()
    {
        Name = "UpdatePersonInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<StringGraphType>>("displayName");
        Field<NonNullGraphType<IdGraphType>>("organizationId");
        Field<EnumerationGraphType<Sex>>("sex");
        Field<IntGraphType>("birthYear");
        Field<DateOnlyGraphType>("dateOfBirth").Description("Date of birth; omitted with the same birthYear keeps a known date.");
        Field<StringGraphType>("externalId");
    }
}

/// <summary>Input <c>ContactInput</c> (R-6.2).</summary>
public sealed class ContactInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public ContactInputType()
    {
        Name = "ContactInput";
        Field<NonNullGraphType<EnumerationGraphType<ContactKind>>>("kind");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<StringGraphType>("relationship");
        Field<StringGraphType>("phone");
        Field<StringGraphType>("workplace");
    }
}

/// <summary>Input <c>QualificationInput</c> (R-7.7).</summary>
public sealed class QualificationInputType : InputObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public QualificationInputType()
    {
        Name = "QualificationInput";
        Field<NonNullGraphType<StringGraphType>>("code");
        Field<DateOnlyGraphType>("validUntil").Description("Last valid day; omit when it does not expire.");
    }
}
