using CareGrid.Grains.Audit;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>AuditRecord</c>.</summary>
public sealed class AuditRecordType : ObjectGraphType<AuditRecord>
{
    /// <summary>Defines the fields.</summary>
    public AuditRecordType()
    {
        Name = "AuditRecord";
        this.ReachedThroughParent();
        Field(x => x.Sequence, type: typeof(NonNullGraphType<LongGraphType>));
        Field(x => x.At).Description("UTC.");
        Field(x => x.Actor);
        Field(x => x.Action).Description("READ, WRITE, DENIED (a refused request) or BREAK_THE_GLASS.");
        Field(x => x.EntityType);
        Field(x => x.EntityId);
        Field(x => x.Fields);
        Field(x => x.Purpose);
        Field(x => x.CorrelationId);
        Field(x => x.Reason, nullable: true);
        Field(x => x.PreviousHash);
        Field(x => x.Hash);
        Field<AuditRefusalType>("refusal").Description("On DENIED records: the code, and who was refused from where (a probe from another tenant names the caller's tenant).")
            .Resolve(ctx => ctx.Source.Refusal);
    }
}


/// <summary>GraphQL <c>AuditRefusal</c>: the facts of a refused request (docs/audit-refusals.md).</summary>
public sealed class AuditRefusalType : ObjectGraphType<AuditRefusal>
{
    /// <summary>Defines the fields.</summary>
    public AuditRefusalType()
    {
        Name = "AuditRefusal";
        this.ReachedThroughParent();
        Field(x => x.Code).Description("The error code the caller got: FORBIDDEN, UNAUTHENTICATED, TENANT_NOT_FOUND, TENANT_SUSPENDED, TENANT_REQUIRED, or any code of a failed breakTheGlass.");
        Field(x => x.CallerTenant, nullable: true).Description("The tenant of the caller's token; null when anonymous or a platform token.");
        Field(x => x.CallerRoles).Description("The caller's roles, comma-separated; empty when anonymous.");
        Field(x => x.Via).Description("How the tenant was named: route:/t/{id}/graphql, header:X-Tenant={id}, claim or none.");
        Field(x => x.ClientAddress, nullable: true).Description("The client's IP address as the server saw it.");
    }
}


/// <summary>GraphQL <c>AuditConnection</c>.</summary>
public sealed class AuditConnectionType() : ConnectionType<AuditRecordType, AuditRecord>("AuditConnection");

