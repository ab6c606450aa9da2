using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>HealthFinding</c>.</summary>
public sealed class HealthFindingType : ObjectGraphType<HealthFinding>
{
    /// <summary>Defines the fields.</summary>
    public HealthFindingType()
    {
        this.ReachedThroughParent();
        Name = "HealthFinding";
        Field(x => x.Rule, type: typeof(NonNullGraphType<EnumerationGraphType<HealthRuleKind>>));
        Field(x => x.Requirement).Description("e.g. R-7.5, R-2.7, R-1.4, R-7.7.");
        Field(x => x.OrganizationId, type: typeof(IdGraphType)).Description("The unit at fault; null for a tenant-wide rule.");
        Field(x => x.PersonId, type: typeof(IdGraphType)).Description("The staff member at fault (qualification) or the left-behind child (three knows), or null.");
        Field(x => x.Qualification, nullable: true);
        Field(x => x.Message);
        Field(x => x.MissingKnows, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<EnumerationGraphType<Grains.Visits.ThreeKnow>>>>))
            .Description("THREE_KNOWS_COMPLETE naming a child: the knows missing (R-6.2, R-2.2); else empty.");
        Field(x => x.Count, nullable: true).Description("THREE_KNOWS_COMPLETE for a unit outside your units: how many children, unnamed; else null.");
        Field(x => x.MissingSex, type: typeof(EnumerationGraphType<Sex>))
            .Description("BOY_AND_GIRL_IN_ROLE: the sex the unit has too few of among the role's holders (MALE: boys, FEMALE: girls; R-7.5); else null. A unit short of both has two findings.");
        Field(x => x.Minimum, nullable: true).Description("BOY_AND_GIRL_IN_ROLE: the minimum holders of that sex; else null.");
        Field(x => x.Present, nullable: true).Description("BOY_AND_GIRL_IN_ROLE: how many holders of that sex the unit has; else null.");
    }
}
