using CareGrid.Grains.Visits;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>UnitVisitCoverage</c>: "every student visited" for one unit and period .</summary>
public sealed class UnitVisitCoverageType : ObjectGraphType<UnitVisitCoverage>
{
    /// <summary>Defines the fields.</summary>
    public UnitVisitCoverageType()
    {
        this.ReachedThroughParent();
        Name = "UnitVisitCoverage";
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.People).Description("People served now in the unit (staff left out).");
        Field(x => x.Visited).Description("Of them, visited while in the unit on a day of the period.");
        Field(x => x.NotVisited).Description("people − visited.");
        Field(x => x.Coverage, nullable: true).Description("visited ÷ people (4 decimals); null for a unit without people.");
        Field(x => x.Missing, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<UnvisitedPersonType>>>))
            .Description("The people not visited, by id; empty when namesWithheld.");
        Field(x => x.NamesWithheld).Description("True when your units do not cover this unit: counts only (need-to-know by organization).");
    }
}

/// <summary>GraphQL <c>UnvisitedPerson</c>.</summary>
public sealed class UnvisitedPersonType : ObjectGraphType<UnvisitedPerson>
{
    /// <summary>Defines the fields.</summary>
    public UnvisitedPersonType()
    {
        this.ReachedThroughParent();
        Name = "UnvisitedPerson";
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.DisplayName);
    }
}
