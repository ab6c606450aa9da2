using CareGrid.Grains.Visits;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Visit</c> (R-6.2, R-7.3, R-2.2).</summary>
public sealed class VisitType : ObjectGraphType<Visit>
{
    /// <summary>Defines the fields.</summary>
    public VisitType()
    {
        this.ReachedThroughParent();
        Name = "Visit";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<VisitKind>>));
        Field(x => x.On).Description("The tenant-local day of the visit.");
        Field(x => x.OrganizationId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The person's unit when it was logged; coverage counts the visit there.");
        Field(x => x.Note, nullable: true);
        Field(x => x.LoggedBy).Description("The staff login that logged it.");
        Field(x => x.LoggedAt).Description("When it was logged (UTC).");
    }
}
