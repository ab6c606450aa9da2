using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>What break-the-glass can open.</summary>
public enum GrantEntity
{
    /// <summary>A case.</summary>
    Case,
    /// <summary>A person.</summary>
    Person,
}


/// <summary>A grant as returned by <c>breakTheGlass</c>.</summary>
public sealed record AccessGrantView(GrantEntity Entity, string EntityId, AccessGrant Grant);


/// <summary>GraphQL <c>AccessGrant</c>.</summary>
public sealed class AccessGrantType : ObjectGraphType<AccessGrantView>
{
    /// <summary>Defines the fields.</summary>
    public AccessGrantType()
    {
        Name = "AccessGrant";
        this.ReachedThroughParent();
        Field(x => x.Entity, type: typeof(NonNullGraphType<EnumerationGraphType<GrantEntity>>));
        Field(x => x.EntityId, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(ctx => ctx.Source.Grant.Subject);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("until").Description("Expiry (UTC).").Resolve(ctx => ctx.Source.Grant.Until);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(ctx => ctx.Source.Grant.Reason);
    }
}

