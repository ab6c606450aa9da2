using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>JurisdictionTemplate</c>.</summary>
public sealed class JurisdictionTemplateType : ObjectGraphType<JurisdictionTemplate>
{
    /// <summary>Defines the fields.</summary>
    public JurisdictionTemplateType()
    {
        this.ReachedThroughParent();
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
        Field(x => x.Intake, type: typeof(TemplateIntakeType))
            .Description("How a new concern travels (the top-level \"intake\" of the file). Null only for a template a tenant stored before intake rules existed; protocolSettings.intakeOwnerLevel is the rule in force.");
    }
}
