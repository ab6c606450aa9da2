using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Referral</c>.</summary>
public sealed class ReferralType : ObjectGraphType<Referral>
{
    /// <summary>Defines the fields.</summary>
    public ReferralType()
    {
        Name = "Referral";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Institution);
        Field(x => x.Reason);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ReferralStatus>>));
        Field(x => x.ProposedAt);
        Field(x => x.ProposedBy);
        Field(x => x.SentAt, nullable: true);
        Field(x => x.SharedFields).Description("The only fields that left the tenant with the referral.");
        Field(x => x.ConsentOverrideReason, nullable: true);
        Field(x => x.RespondedAt, nullable: true);
        Field(x => x.CompletedAt, nullable: true);
        Field(x => x.Note, nullable: true);
        Field(x => x.ConsentWithdrawnAt, nullable: true)
            .Description("When the person's INFORMATION_SHARING consent was withdrawn after this referral had been sent (its sharedFields are with the institution): tell the institution. Null otherwise; a later grant leaves it (docs/consent.md \"A withdrawal after a referral was sent\").");
        this.ReachedThroughParent();
    }
}
