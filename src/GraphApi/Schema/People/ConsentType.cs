using CareGrid.Grains.Cases;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Consent</c>.</summary>
public sealed class ConsentType : ObjectGraphType<Consent>
{
    /// <summary>Defines the fields.</summary>
    public ConsentType()
    {
        this.ReachedThroughParent();
        Name = "Consent";
        Field(x => x.Purpose, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentPurpose>>));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentStatus>>));
        Field(x => x.GivenBy, type: typeof(NonNullGraphType<EnumerationGraphType<ConsentGivenBy>>));
        Field(x => x.RecordedAt);
        Field(x => x.RecordedBy);
        Field(x => x.Reason, nullable: true).Description("Why the system changed this decision (e.g. birth date changed: below the age of consent), or null when staff recorded it.");
    }
}
