using CareGrid.GraphApi.Audit;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root queries of people: one person's record under need-to-know (audited as a READ of the person) and the list from
/// the read side, whose rows carry only id, name and unit (not audited, except the rows a filter on a person's target
/// group or monitoring level picked: docs/access.md "Lists filtered by what a person's record protects").
/// </summary>
public sealed class PeopleQueries(IGrainFactory grains, IReadModelStore readModel, AuditTrail trail) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        AddPerson(query);
        AddPeople(query);
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
    }

    private void AddPerson(ObjectGraphType query) =>
        query.Field<PersonType>("person")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .TakesPersonId("id", PersonIdMissing.Keep)
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsRead("Person")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = ctx.GetArgument<string>("id");
                return LocalIds.IsWellFormed(id) ? await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Get(actor) : null;
            });

    private void AddPeople(ObjectGraphType query) =>
        query.Field<NonNullGraphType<PersonConnectionType>>("people")
            .Description("People of the tenant from the read side, ordered by id (with filter.name: by normalized name, then id), cursor-paginated "
                + "(first 1–100, default 20); items carry only id, displayName, organizationId and externalId (Coordinator, Counsellor, Clinician, Caseworker, "
                + "Supervisor, TenantAdmin). Only people of the units the caller's scope covers (docs/access.md). filter.name searches by name "
                + "prefix, filter.externalId by roster id (docs/search.md). organization is kept for compatibility: filter.organization wins.")
            .Argument<PeopleFilterInputType>("filter")
            .Argument<IdGraphType>("organization")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowTenantRoles(Roles.CaseStaff)
            .AuditedByResolver("Person", "list rows carry only id, displayName, organizationId and externalId (the roster number); with filter.targetGroup or filter.monitoringLevel the resolver records READ Person of each row listed, with the filter, since the filter tells of each row what person(id) keeps behind need-to-know")
            .ResolveAsync(PeoplePageAsync);

    /// <summary>
    /// One page of <c>people</c>: the filter, limited to the units the caller's scope covers (need-to-know by organization,
    /// docs/access.md) inside the store query so pages and <c>totalCount</c> stay exact; with <c>name</c>, ordered by name.
    /// </summary>
    private async Task<object?> PeoplePageAsync(IResolveFieldContext ctx)
    {
        var (tenant, actor) = ctx.TenantCaller();
        var f = ctx.GetArgument<PeopleFilter?>("filter") ?? new PeopleFilter();
        var first = Cursors.PageSize(ctx.GetArgument<int?>("first"));
        var after = Cursors.Decode(ctx.GetArgument<string?>("after"));
        var targetGroup = f.TargetGroup;
        if (targetGroup is not null && !PersonValidation.IsCode(targetGroup))
        {
            throw CareGridException.Validation("filter.targetGroup", "A target group code is 1–64 letters and digits.");
        }

        IReadOnlyCollection<string>? units = null;
        if ((f.Organization ?? ctx.GetArgument<string?>("organization")) is { } org)
        {
            units = f.IncludeSubtree == true
                ? OrganizationHealth.Subtree(await readModel.ListOrganizationsAsync(tenant.Id), org)
                : [org];
        }

        var scope = await StaffScopes.ResolveAsync(grains, tenant.Id, actor);
        if (!scope.WholeTenant)
        {
            units = (units ?? scope.OrganizationIds).Where(scope.Covers).ToHashSet(StringComparer.Ordinal);
        }

        var query = new PersonQuery(units, targetGroup, f.MonitoringLevel, f.Staff, PeopleSearch.NamePrefix(f.Name), PeopleSearch.ExternalId(f.ExternalId));
        var page = await readModel.QueryPeopleAsync(tenant.Id, query, first, after);
        if (page.Items.Count == 0 && after is null && query.ExternalId is { } external)
        {
            // a person stored before external ids were normalized holds the id as typed (docs/rosters.md "Full-width digits in 学号")
            foreach (var legacy in PersonExternalId.LegacyForms(f.ExternalId!, external))
            {
                var legacyQuery = query with { ExternalId = legacy };
                var legacyPage = await readModel.QueryPeopleAsync(tenant.Id, legacyQuery, first, null);
                if (legacyPage.Items.Count > 0)
                {
                    (query, page) = (legacyQuery, legacyPage);
                    break;
                }
            }
        }

        await AuditSensitiveFilterAsync(ctx, tenant.Id, f, page.Items);
        var listed = page.Items;
        return new Connection<PersonRow>(page.Items, new PageInfo(page.HasNextPage, page.Items.Count > 0 ? Cursors.Encode(query.CursorOf(page.Items[^1])) : null))
        {
            Count = Sensitive(f) ? () => CountAndAuditAsync(ctx, tenant.Id, f, query, listed) : () => readModel.CountPeopleAsync(tenant.Id, query),
        };
    }

    private static bool Sensitive(PeopleFilter f) => f.TargetGroup is not null || f.MonitoringLevel is not null;

    /// <summary>
    /// <c>totalCount</c> under a sensitive filter: it counts every row the filter matches, whatever page <c>after</c> asked for,
    /// so each row it counts says of its person what the filter says. Reads the rows as the count does and records READ Person
    /// of each not already recorded for this page (round-33 re-check F1: a name or roster number, the filter and an
    /// <c>after</c> past the end answered 1 or 0 for one named person and recorded nothing).
    /// </summary>
    private async ValueTask<int> CountAndAuditAsync(IResolveFieldContext ctx, string tenantId, PeopleFilter f, PersonQuery query, IReadOnlyList<PersonRow> listed)
    {
        var counted = await ReadModelCounts.ReadAllAsync(a => readModel.QueryPeopleAsync(tenantId, query, ReadModelCounts.PageSize, a), query.CursorOf).ConfigureAwait(false);
        var recorded = listed.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        await AuditSensitiveFilterAsync(ctx, tenantId, f, [.. counted.Where(r => !recorded.Contains(r.Id))]).ConfigureAwait(false);
        return counted.Count;
    }

    /// <summary>
    /// With a filter on what a person's record protects — the target group (R-1.2: e.g. a recovered patient, a low-income
    /// household) or the monitoring level — every row listed says that of its person, which <c>person(id)</c> shows
    /// only under need-to-know: each is recorded as a READ of that person, with the filter as its fields (round-33 red team
    /// F1: the filter answered for people whose record the caller was refused, and left no record; <c>totalCount</c> records
    /// the rows it counts, <see cref="CountAndAuditAsync"/>). Group-committed with
    /// the other records of the moment (<see cref="AuditTrail"/>); the page is answered only once they are written.
    /// </summary>
    private async Task AuditSensitiveFilterAsync(IResolveFieldContext ctx, string tenantId, PeopleFilter f, IReadOnlyList<PersonRow> rows)
    {
        if (rows.Count == 0 || !Sensitive(f))
        {
            return;
        }

        List<string> fields = [];
        if (f.TargetGroup is { } group)
        {
            fields.Add("filter.targetGroup=" + group);
        }

        if (f.MonitoringLevel is { } level)
        {
            fields.Add("filter.monitoringLevel=" + SchemaNames.Value(level));
        }

        var caller = ctx.Caller();
        await Task.WhenAll(rows.Select(r => trail.RecordAsync(tenantId, caller, AuditTrail.Read, "Person", r.Id, fields, "people"))).ConfigureAwait(false);
    }
}
