using CareGrid.Grains.Jurisdictions;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TemplateIntake</c>: how a new concern travels in a template's tenants (docs/protocol.md "How a concern travels").</summary>
public sealed class TemplateIntakeType : ObjectGraphType<TemplateIntake>
{
    /// <summary>Defines the fields.</summary>
    public TemplateIntakeType()
    {
        this.ReachedThroughParent();
        Name = "TemplateIntake";
        Description = "How a new concern travels: the level whose queue owns a new case while its escalation level stays 1 (R-4.3, R-1.6).";
        Field(x => x.OwnerLevel).Description("2 or 3: a new case is owned by queue:level-2 (district, town: the coordinator) or queue:level-3 (school: the psychology teachers).");
        Field<NonNullGraphType<StringGraphType>>("ownerQueue").Description("The owner queue of a new case, e.g. queue:level-3.").Resolve(ctx => ctx.Source.ToRule().OwnerQueue);
        Field(x => x.Description).Description("Who receives a new concern and what they do with it.");
        Field(x => x.Requirement).Description("The requirement numbers the rule comes from.");
    }
}
