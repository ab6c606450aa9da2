using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Qualification</c> (R-1.4, R-7.7).</summary>
public sealed class QualificationType : ObjectGraphType<Qualification>
{
    /// <summary>Defines the fields.</summary>
    public QualificationType()
    {
        this.ReachedThroughParent();
        Name = "Qualification";
        Field(x => x.Code);
        Field(x => x.ValidUntil, nullable: true).Description("Last valid day (UTC date); null: does not expire.");
    }
}
