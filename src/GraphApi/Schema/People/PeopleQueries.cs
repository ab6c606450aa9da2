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
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsRead("Person")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = ctx.GetArgument<string>("id");
                return LocalIds.IsWellFormed(id) ? await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Get(actor) : null;
            });

    private void AddPeople(ObjectGraphType query) =>
        query.Field<NonNullGraphType<PersonConnectionType>>("people")
            .Description("People of the tenant from the read side, ordered by id, cursor-paginated (first 1–100, default 20); items carry only "
                + "id, displayName and organizationId (Coordinator, Counsellor, Clinician, Caseworker, Supervisor, TenantAdmin). "
                + "organization is kept for compatibility: filter.organization wins.")
            .Argument<PeopleFilterInputType>("filter")
            .Argument<IdGraphType>("organization")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowTenantRoles(Roles.CaseStaff).AuditsNothing("list rows carry only id, displayName and organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
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

                var query = new PersonQuery(units, targetGroup, f.MonitoringLevel, f.Staff);
                var page = await readModel.QueryPeopleAsync(tenant.Id, query, first, after);
                return new Connection<PersonRow>(page.Items, new PageInfo(page.HasNextPage, page.Items.Count > 0 ? Cursors.Encode(page.Items[^1].Id) : null));
            });
}
