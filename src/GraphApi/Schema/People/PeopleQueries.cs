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
/// the read side, whose rows carry only id, name and unit (not audited; docs/api.md, "Access and audit").
/// </summary>
public sealed class PeopleQueries(IGrainFactory grains, IReadModelStore readModel) : ISchemaContributor
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
            .AllowTenantRoles(Roles.CaseStaff).AuditsNothing("list rows carry only id, displayName, organizationId and externalId (the roster number)")
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

        return new Connection<PersonRow>(page.Items, new PageInfo(page.HasNextPage, page.Items.Count > 0 ? Cursors.Encode(query.CursorOf(page.Items[^1])) : null))
        {
            Count = () => readModel.CountPeopleAsync(tenant.Id, query),
        };
    }
}
