using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>PersonContact</c> (R-6.2). Sensitive: only on <c>person</c>.</summary>
public sealed class PersonContactType : ObjectGraphType<PersonContact>
{
    /// <summary>Defines the fields.</summary>
    public PersonContactType()
    {
        this.ReachedThroughParent();
        Name = "PersonContact";
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<ContactKind>>));
        Field(x => x.Name);
        Field(x => x.Relationship, nullable: true);
        Field(x => x.Phone, nullable: true);
        Field(x => x.Workplace, nullable: true).Description("Where a parent working far away works (R-6.2).");
    }
}
