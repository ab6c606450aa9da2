using CareGrid.Grains.Aid;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>AidRequest</c>: a material-aid request of a case to a provider (R-1.8, R-2.2; docs/aid.md).</summary>
public sealed class AidRequestType : ObjectGraphType<AidRequest>
{
    /// <summary>Defines the fields.</summary>
    public AidRequestType()
    {
        this.ReachedThroughParent();
        Name = "AidRequest";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.CaseId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.ProviderOrganizationId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The unit asked to provide (civil affairs).");
        Field(x => x.Need).Description("What is needed, as written.");
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<AidStatus>>)).Description("PROPOSED → SENT → PROVIDED | DECLINED.");
        Field(x => x.ProposedAt);
        Field(x => x.ProposedBy);
        Field(x => x.SentAt, nullable: true);
        Field(x => x.AnsweredAt, nullable: true);
        Field(x => x.Note, nullable: true).Description("The provider's answer as recorded.");
    }
}

/// <summary>GraphQL <c>AidProviderCounts</c>: requests per provider by status reached (R-1.8 "counted per provider").</summary>
public sealed class AidProviderCountsType : ObjectGraphType<AidProviderCounts>
{
    /// <summary>Defines the fields.</summary>
    public AidProviderCountsType()
    {
        this.ReachedThroughParent();
        Name = "AidProviderCounts";
        Field(x => x.ProviderOrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Proposed).Description("Requests proposed to the provider.");
        Field(x => x.Sent).Description("Requests sent to it.");
        Field(x => x.Provided).Description("Requests it provided.");
        Field(x => x.Declined).Description("Requests it declined.");
    }
}
