using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>PersonSummary</c>: a list row.</summary>
public sealed class PersonSummaryType : ObjectGraphType<PersonRow>
{
    /// <summary>Defines the fields.</summary>
    public PersonSummaryType()
    {
        this.ReachedThroughParent();
        Name = "PersonSummary";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.DisplayName);
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
    }
}
