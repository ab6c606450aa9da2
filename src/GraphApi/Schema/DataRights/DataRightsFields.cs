using CareGrid.Grains.Hosting;
using System.Text.Json;
using CareGrid.GraphApi.Audit;
using CareGrid.GraphApi.Tenancy;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Data rights: <c>exportPerson</c> (a person's data for a stated purpose — the person or their guardian, a transfer, a
/// legal duty — TenantAdmin, docs/access.md "Data-rights export") and tenant
/// offboarding (<c>offboardTenant</c> → <c>exportTenant</c> → <c>deleteTenant</c>, PlatformAdmin). Every step is
/// audited: in the tenant's log, and for deletion in the platform log that outlives the tenant.
/// </summary>
public sealed class DataRightsFields(IGrainFactory grains, IReadModelStore readModel, IAuditStore auditStore, AuditTrail trail, TenantDirectory directory,
    TenantPurge purge, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : ISchemaContributor
{
    /// <summary>JSON shape of exports: camelCase, enums by name, indented, readable UTF-8 (<see cref="ExportDocument"/>).</summary>
    public static JsonSerializerOptions ExportJson => ExportDocument.Options;

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<StringGraphType>>("exportPerson")
            .Description("Everything the tenant holds about one person (profile, consents, contacts, every case with its complete history), as one JSON document "
                + "(readable UTF-8: Chinese is not escaped), for a stated purpose: DATA_SUBJECT_REQUEST (the person or their guardian, PIPL art. 44–45, art. 31), "
                + "TRANSFER (to another processor, PIPL art. 45 para. 3) or LEGAL (PIPL art. 13(3)), with an optional reference (the ticket or letter number, 1–64 characters). "
                + "TenantAdmin only; bypasses need-to-know and is therefore always audited: READ Person with the purpose and reference (docs/access.md). "
                + "Errors: VALIDATION_FAILED (id, reference), NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<DataRightsPurposeType>>("purpose", "Why the data is exported; recorded in the audit log.")
            .Argument<StringGraphType>("reference", "The ticket or letter number the export answers (1–64 letters, digits, spaces, - _ / . : # and brackets); recorded in the audit log.")
            .TakesPersonId("id")
            .AllowTenantRoles([Roles.TenantAdmin]).AuditedByResolver("Person", "the resolver records READ Person with the stated purpose and reference")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                var id = LocalIds.Check(ctx.GetArgument<string>("id"), "id");
                var purpose = ctx.GetArgument<DataRightsPurpose>("purpose");
                var reference = DataRightsReference.Check(ctx.GetArgument<string?>("reference"));
                var person = await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Get() ?? throw CareGridException.NotFound("Person", id);
                var cases = new List<CaseView>();
                await foreach (var row in AllCases(tenant.Id, new CaseQuery(PersonId: id)))
                {
                    if (await grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, row.Id)).GetComplete(Actor.System) is { } view)
                    {
                        cases.Add(view);
                    }
                }

                var purposeName = DataRightsPurposeType.Names[purpose];
                var document = ExportDocument.Serialize(ExportRedaction.Redact( // third parties' identities out by purpose (PIPL art. 45, R-7.5)
                    System.Text.Json.JsonSerializer.SerializeToNode(new { exportedAt = clock.GetUtcNow(), tenant = tenant.Id, purpose = purposeName, reference, person, cases }, ExportDocument.Options)!, purpose));
                // Recorded before the document leaves: an export that cannot be audited is not handed out (fail closed).
                await trail.RecordAsync(tenant.Id, ctx.Caller(), AuditTrail.Read, "Person", id, ["profile", "consents", "contacts", "cases"], "exportPerson",
                    reference is null ? $"purpose={purposeName}" : $"purpose={purposeName}; reference={reference}");
                return document;
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddOffboardTenant(mutation);
        AddExportTenant(mutation);
        AddDeleteTenant(mutation);
    }

    private void AddOffboardTenant(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<TenantType>>("offboardTenant")
            .Description("Starts offboarding (ACTIVE | SUSPENDED → OFFBOARDING): the tenant serves no requests; export, then delete (PlatformAdmin).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowPlatformAdmin().AuditsWrite("Tenant")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.Actor();
                var id = await KnownTenantAsync(ctx.GetArgument<string>("id"));
                TenantContext.Set(id);
                var info = await grains.GetRef<ITenantGrain>(id).Fire(TenantTrigger.Offboard, ctx.GetArgument<string>("reason"), actor);
                directory.Invalidate(id);
                return info;
            });

    private void AddExportTenant(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<StringGraphType>>("exportTenant")
            .Description("Exports every organization, person, case and audit record of an OFFBOARDING tenant as one JSON document, and records that the export was taken (PlatformAdmin).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowPlatformAdmin().AuditedByResolver("Tenant", "the resolver records the export (READ) in the platform log, which outlives the tenant")
            .ResolveAsync(async ctx =>
            {
                var caller = ctx.Caller();
                var actor = ctx.Actor();
                var id = await KnownTenantAsync(ctx.GetArgument<string>("id"));
                TenantContext.Set(id);
                var tenantGrain = grains.GetRef<ITenantGrain>(id);
                var info = await tenantGrain.Get() ?? throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{id}' was not found.");
                if (info.Status != TenantStatus.Offboarding)
                {
                    throw Grains.Hosting.Transitions.Invalid(info.Status, "exportTenant", new[] { "offboardTenant" });
                }

                var (organizations, people, cases, audit) = await GatherAsync(id);
                var settings = await tenantGrain.GetSettings();
                // The tenant's webhook endpoints as configured (id, URL, kinds, on/off; never a secret, docs/webhooks.md "Tenant deletion").
                var webhooks = (await grains.GetGrain<Grains.Webhooks.IWebhookRegistryGrain>(Grains.Webhooks.IWebhookRegistryGrain.KeyOf(id)).List()).Select(w => w.Endpoint).ToList();
                await tenantGrain.MarkExported(actor);
                TenantContext.Set(TenantIds.Platform);
                await trail.RecordAsync(TenantIds.Platform, caller, AuditTrail.Read, "Tenant", id, ["organizations", "people", "cases", "audit"], "exportTenant");
                return ExportDocument.Serialize(new { exportedAt = clock.GetUtcNow(), tenant = info, settings, webhooks, organizations, people, cases, audit });
            });

    private void AddDeleteTenant(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<TenantType>>("deleteTenant")
            .Description("Purges an OFFBOARDING tenant whose export was taken: every case, person, organization, grant, list row and audit record; the tenant stays as a DELETED tombstone and the platform audit log keeps the deletion (PlatformAdmin).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowPlatformAdmin().AuditedByResolver("Tenant", "the resolver records the deletion (WRITE) in the platform log, which outlives the tenant")
            .ResolveAsync(async ctx =>
            {
                var caller = ctx.Caller();
                var actor = ctx.Actor();
                var id = await KnownTenantAsync(ctx.GetArgument<string>("id"));
                var tombstone = await purge.DeleteAsync(id, ctx.GetArgument<string>("reason"), actor);
                directory.Invalidate(id);
                TenantContext.Set(TenantIds.Platform);
                await trail.RecordAsync(TenantIds.Platform, caller, AuditTrail.Write, "Tenant", id, ["*"], "deleteTenant", ctx.GetArgument<string>("reason"));
                return tombstone;
            });

    /// <summary>Every organization, person, case (complete, with its archived history) and audit record of tenant <paramref name="id"/>.</summary>
    private async Task<(List<OrganizationInfo> Organizations, List<PersonInfo> People, List<CaseView> Cases, List<AuditRecord> Audit)> GatherAsync(string id)
    {
        var organizations = new List<OrganizationInfo>();
        foreach (var row in await readModel.ListOrganizationsAsync(id))
        {
            if (await grains.GetRef<IOrganizationGrain>(TenantIds.Key(id, row.Id)).Get() is { } o)
            {
                organizations.Add(o);
            }
        }

        var people = new List<PersonInfo>();
        await foreach (var row in AllPeople(id))
        {
            if (await grains.GetRef<IPersonGrain>(TenantIds.Key(id, row.Id)).Get() is { } p)
            {
                people.Add(p);
            }
        }

        var cases = new List<CaseView>();
        await foreach (var row in AllCases(id, new CaseQuery()))
        {
            if (await grains.GetRef<ICaseGrain>(TenantIds.Key(id, row.Id)).GetComplete(Actor.System) is { } c)
            {
                cases.Add(c);
            }
        }

        var audit = new List<AuditRecord>();
        await foreach (var record in auditStore.ReadAllAsync(id))
        {
            audit.Add(record);
        }

        return (organizations, people, cases, audit);
    }

    private async Task<string> KnownTenantAsync(string id)
    {
        if (!TenantIds.IsValid(id) || await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Get(id) is null)
        {
            throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{id}' was not found.");
        }

        return id;
    }

    private async IAsyncEnumerable<CaseRow> AllCases(string tenantId, CaseQuery query)
    {
        string? after = null;
        do
        {
            var page = await readModel.QueryCasesAsync(tenantId, query, 100, after);
            foreach (var row in page.Items)
            {
                yield return row;
            }

            after = page.HasNextPage ? page.Items[^1].Id : null;
        }
        while (after is not null);
    }

    private async IAsyncEnumerable<PersonRow> AllPeople(string tenantId)
    {
        string? after = null;
        do
        {
            var page = await readModel.QueryPeopleAsync(tenantId, null, 100, after);
            foreach (var row in page.Items)
            {
                yield return row;
            }

            after = page.HasNextPage ? page.Items[^1].Id : null;
        }
        while (after is not null);
    }
}
