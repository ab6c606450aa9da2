using CareGrid.Grains.Hosting;
using CareGrid.GraphApi.Audit;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Audit and access fields: <c>auditLog</c> and <c>verifyAuditChain</c> (Auditor), <c>breakTheGlass</c> (any case
/// staff, with a reason; audited).
/// </summary>
public sealed class SecurityFields(IGrainFactory grains, IAuditStore auditStore, AuditTrail trail) : ISchemaContributor
{
    /// <summary>Default break-the-glass duration, minutes.</summary>
    public const int DefaultGrantMinutes = 60;

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AuditConnectionType>>("auditLog")
            .Description("The tenant's audit log in sequence order (Auditor). filter: actor, action (READ, WRITE, DENIED = a refused request, BREAK_THE_GLASS), entityType, entityId, from, to (UTC), callerTenant (the tenant of a refused caller's token).")
            .Argument<AuditFilterInputType>("filter")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.Caller().RequireTenantRole([Roles.Auditor]);
                var f = ctx.GetArgument<Dictionary<string, object?>>("filter") ?? new Dictionary<string, object?>();
                var first = Cursors.PageSize(ctx.GetArgument<int?>("first"));
                long? after = Cursors.Decode(ctx.GetArgument<string?>("after")) is { } a
                    ? long.TryParse(a, out var n) ? n : throw CareGridException.Validation("after", "Malformed cursor.")
                    : null;
                var query = new AuditQuery(f.Str("actor"), f.Str("action"), f.Str("entityType"), f.Str("entityId"),
                    f.TryGetValue("from", out var from) ? from as DateTimeOffset? : null, f.TryGetValue("to", out var to) ? to as DateTimeOffset? : null,
                    f.Str("callerTenant"));
                var page = await auditStore.QueryAsync(tenant.Id, query, first, after);
                return new Connection<AuditRecord>(page.Items, new PageInfo(page.HasNextPage, page.Items.Count > 0 ? Cursors.Encode(page.Items[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null));
            });

        query.Field<NonNullGraphType<AuditVerificationType>>("verifyAuditChain")
            .Description("Re-reads the tenant's whole audit log and names the first altered, reordered or missing record (Auditor).")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.Caller().RequireTenantRole([Roles.Auditor]);
                return await grains.GetRef<IAuditLogGrain>(TenantIds.Key(tenant.Id, IAuditLogGrain.LocalId)).Verify();
            });
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AccessGrantType>>("breakTheGlass")
            .Description($"Opens a case or person outside need-to-know for a stated reason (10–1000 characters), for {DefaultGrantMinutes} minutes by default (1–1440). Always audited (BREAK_THE_GLASS) and listed to the tenant's Auditors.")
            .Argument<NonNullGraphType<EnumerationGraphType<GrantEntity>>>("entity")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .Argument<IntGraphType>("minutes")
            .ResolveAsync(async ctx =>
            {
                var caller = ctx.Caller();
                var (tenant, actor) = caller.RequireTenantRole(Roles.CaseStaff);
                var entity = ctx.GetArgument<GrantEntity>("entity");
                var id = LocalIds.Check(ctx.GetArgument<string>("id"), "id");
                var exists = entity == GrantEntity.Case
                    ? await grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, id)).HasNeedToKnow(Actor.System)
                    : await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Get() is not null;
                if (!exists)
                {
                    throw CareGridException.NotFound(entity.ToString(), id);
                }

                var reason = ctx.GetArgument<string>("reason");
                var grant = await grains.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(tenant.Id, entity.ToString(), id))
                    .Grant(actor.Subject, reason, ctx.GetArgument<int?>("minutes") ?? DefaultGrantMinutes);
                await trail.RecordAsync(tenant.Id, caller, AuditTrail.BreakTheGlass, entity.ToString(), id, [], "breakTheGlass", grant.Reason);
                return new AccessGrantView(entity, id, grant);
            });
    }

    /// <summary>
    /// Need-to-know for a person's sensitive fields: the viewer is on the need-to-know list of one of the person's
    /// open cases, or holds a break-the-glass grant on the person.
    /// </summary>
    public static async Task<bool> PersonNeedToKnowAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, string personId, Actor viewer)
    {
        if (await grains.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(tenantId, "Person", personId)).IsGranted(viewer.Subject))
        {
            return true;
        }

        string? after = null;
        do
        {
            var page = await readModel.QueryCasesAsync(tenantId, new CaseQuery(PersonId: personId, OpenOnly: true), 50, after);
            foreach (var row in page.Items)
            {
                if (await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, row.Id)).HasNeedToKnow(viewer))
                {
                    return true;
                }
            }

            after = page.HasNextPage ? page.Items[^1].Id : null;
        }
        while (after is not null);

        return false;
    }

    /// <summary>Throws <c>FORBIDDEN</c> (rule need-to-know) unless <see cref="PersonNeedToKnowAsync"/> holds.</summary>
    public static async Task EnsurePersonNeedToKnowAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, string personId, Actor viewer)
    {
        if (!await PersonNeedToKnowAsync(grains, readModel, tenantId, personId, viewer))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                "You are not on the need-to-know list of this person (no open case of theirs that you work on). State a reason with breakTheGlass to open the record; that is audited.",
                new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Person", ["id"] = personId });
        }
    }
}

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
        Field(x => x.Entity, type: typeof(NonNullGraphType<EnumerationGraphType<GrantEntity>>));
        Field(x => x.EntityId, type: typeof(NonNullGraphType<IdGraphType>));
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(ctx => ctx.Source.Grant.Subject);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("until").Description("Expiry (UTC).").Resolve(ctx => ctx.Source.Grant.Until);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(ctx => ctx.Source.Grant.Reason);
    }
}

/// <summary>GraphQL <c>AuditRecord</c>.</summary>
public sealed class AuditRecordType : ObjectGraphType<AuditRecord>
{
    /// <summary>Defines the fields.</summary>
    public AuditRecordType()
    {
        Name = "AuditRecord";
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
        Field(x => x.Code).Description("The error code the caller got: FORBIDDEN, UNAUTHENTICATED, TENANT_NOT_FOUND, TENANT_SUSPENDED, TENANT_REQUIRED, or any code of a failed breakTheGlass.");
        Field(x => x.CallerTenant, nullable: true).Description("The tenant of the caller's token; null when anonymous or a platform token.");
        Field(x => x.CallerRoles).Description("The caller's roles, comma-separated; empty when anonymous.");
        Field(x => x.Via).Description("How the tenant was named: route:/t/{id}/graphql, header:X-Tenant={id}, claim or none.");
        Field(x => x.ClientAddress, nullable: true).Description("The client's IP address as the server saw it.");
    }
}

/// <summary>GraphQL <c>AuditConnection</c>.</summary>
public sealed class AuditConnectionType() : ConnectionType<AuditRecordType, AuditRecord>("AuditConnection");

/// <summary>GraphQL <c>AuditVerification</c>.</summary>
public sealed class AuditVerificationType : ObjectGraphType<AuditVerification>
{
    /// <summary>Defines the fields.</summary>
    public AuditVerificationType()
    {
        Name = "AuditVerification";
        Field(x => x.Intact);
        Field(x => x.Checked, type: typeof(NonNullGraphType<LongGraphType>));
        Field(x => x.BrokenAt, type: typeof(LongGraphType));
        Field(x => x.Problem, nullable: true);
    }
}

/// <summary>GraphQL <c>AuditFilter</c>.</summary>
public sealed class AuditFilterInputType : InputObjectGraphType
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
