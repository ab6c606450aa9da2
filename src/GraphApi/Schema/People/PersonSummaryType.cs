using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>PersonSummary</c>: a list row (id, displayName, organizationId, externalId; nothing sensitive).</summary>
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
        Field(x => x.ExternalId, nullable: true)
            .Description("The person's id in the tenant's own roster (a 学号 or 工号), so a list can name people as the school does rather than "
                + "by CareGrid id (new-user trial 2026-12-04); null when none. A roster-imported person's id already carries it (ext-{externalId}).");
    }
}
