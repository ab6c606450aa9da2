using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL input <c>AuditFilter</c>, read as <see cref="AuditFilter"/>.</summary>
public sealed class AuditFilterInputType : InputObjectGraphType<AuditFilter>
{
    /// <summary>Defines the fields.</summary>
    public AuditFilterInputType()
    {
        Name = "AuditFilter";
        Field<StringGraphType>("actor");
        Field<StringGraphType>("action");
        Field<StringGraphType>("entityType");
        Field<StringGraphType>("entityId");
        Field<DateTimeOffsetGraphType>("from");
        Field<DateTimeOffsetGraphType>("to");
        Field<StringGraphType>("callerTenant").Description("DENIED records of callers whose token is for this tenant (probes from another tenant).");
    }
}

/// <summary>Filter of <c>auditLog</c>; every member is optional and they combine with AND.</summary>
public sealed class AuditFilter
{
    /// <summary>The actor's sub.</summary>
    public string? Actor { get; set; }

    /// <summary>READ, WRITE, DENIED or BREAK_THE_GLASS.</summary>
    public string? Action { get; set; }

    /// <summary>Entity type, e.g. Case.</summary>
    public string? EntityType { get; set; }

    /// <summary>Entity id.</summary>
    public string? EntityId { get; set; }

    /// <summary>Earliest time, UTC.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Latest time, UTC.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>The tenant of a refused caller's token.</summary>
    public string? CallerTenant { get; set; }
}
