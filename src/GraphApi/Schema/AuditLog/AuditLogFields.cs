using CareGrid.Grains.Audit;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The tenant's audit log for its Auditors: <c>auditLog</c> (records in sequence order, filtered) and
/// <c>verifyAuditChain</c> (re-reads the hash chain). Both reads are themselves audited.
/// </summary>
public sealed class AuditLogFields(IGrainFactory grains, IAuditStore auditStore) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        AddAuditLog(query);
        query.Field<NonNullGraphType<AuditVerificationType>>("verifyAuditChain")
            .Description("Re-reads the tenant's whole audit log and names the first altered, reordered or missing record (Auditor).")
            .AllowTenantRoles([Roles.Auditor]).AuditsRead("AuditLog", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                return await grains.GetRef<IAuditVerifierGrain>(TenantIds.Key(tenant.Id, IAuditVerifierGrain.LocalId)).Verify();
            });
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
    }

    private void AddAuditLog(ObjectGraphType query) =>
        query.Field<NonNullGraphType<AuditConnectionType>>("auditLog")
            .Description("The tenant's audit log in sequence order (Auditor). filter: actor, action (READ, WRITE, DENIED = a refused request, BREAK_THE_GLASS), entityType, entityId, from, to (UTC), callerTenant (the tenant of a refused caller's token).")
            .Argument<AuditFilterInputType>("filter")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowTenantRoles([Roles.Auditor]).AuditsRead("AuditLog", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                var f = ctx.GetArgument<AuditFilter?>("filter") ?? new AuditFilter();
                var first = Cursors.PageSize(ctx.GetArgument<int?>("first"));
                long? after = Cursors.Decode(ctx.GetArgument<string?>("after")) is { } a
                    ? long.TryParse(a, out var n) ? n : throw CareGridException.Validation("after", "Malformed cursor.")
                    : null;
                var query = new AuditQuery(f.Actor, f.Action, f.EntityType, f.EntityId, f.From, f.To, f.CallerTenant);
                var page = await auditStore.QueryAsync(tenant.Id, query, first, after);
                var end = page.Items.Count > 0 ? Cursors.Encode(page.Items[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
                return new Connection<AuditRecord>(page.Items, new PageInfo(page.HasNextPage, end))
                {
                    Count = () => Grains.ReadModel.ReadModelCounts.CountAsync(
                        c => auditStore.QueryAsync(tenant.Id, query, Grains.ReadModel.ReadModelCounts.PageSize, c is null ? null : long.Parse(c, System.Globalization.CultureInfo.InvariantCulture)),
                        r => r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                };
            });
}
