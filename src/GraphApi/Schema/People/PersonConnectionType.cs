using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi.Schema.Access;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>PersonConnection</c>: a page of <c>people</c> rows (read only through <c>people</c>).</summary>
public sealed class PersonConnectionType : ConnectionType<PersonSummaryType, PersonRow>
{
    /// <summary>Defines the fields.</summary>
    public PersonConnectionType()
        : base("PersonConnection") => this.ReachedThroughParent();
}
