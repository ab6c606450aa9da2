using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The case queries: <c>case</c> (one case, need-to-know, audited READ), and the lists <c>cases</c>, <c>myTasks</c> and
/// <c>overdueTasks</c> (read-model rows without sensitive fields, not audited) (docs/api.md, "Access and audit").
/// </summary>
public sealed class CaseQueries(IGrainFactory grains, IReadModelStore readModel, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : ISchemaContributor
{
    /// <summary>Roles that see the tenant's overdue tasks.</summary>
    private static readonly IReadOnlyList<string> OverdueReaders = [Roles.Supervisor, Roles.TenantAdmin, Roles.Coordinator, Roles.Counsellor, Roles.Clinician];

    /// <summary>Why the lists write no audit record.</summary>
    private const string RowsOnly = "list rows carry no sensitive fields (ids, status, risk, level, owner, dates); reading a case itself is case(id), audited READ";

    /// <summary>What a <c>cases</c> row carries: <see cref="RowsOnly"/> and its person as the people list names them (<c>CaseSummary.person</c>).</summary>
    private const string CaseRowsOnly = "list rows carry no sensitive fields (ids, status, risk, level, owner, dates, and person: the person's id, displayName, unit and roster number as the people list shows them to the same caller); reading a case itself is case(id), audited READ";

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        AddMyTasks(query);
        AddOverdueTasks(query);
        AddCase(query);
        AddCases(query);
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
    }

    private void AddMyTasks(ObjectGraphType query) =>
        query.Field<NonNullGraphType<TaskConnectionType>>("myTasks")
            .Description("Open tasks owned by the caller, or by a queue the caller's roles serve (queue:level-1/2/3, queue:supervisor) on a case of a unit in the caller's scope (docs/access.md, need-to-know by organization), ordered by id. A task escalated for its missed deadline stays listed to whoever had it (escalationCount > 0; its owner is then the queue above), until it is done.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowTenantRoles([.. Roles.CaseStaff, Roles.Volunteer], NeedToKnow.None).AuditsNothing(RowsOnly)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var owners = new List<string>(CaseQueues.ServedBy(actor.Roles)) { actor.Subject };
                var scope = await StaffScopes.ResolveAsync(grains, tenant.Id, actor);
                return await TaskPage(tenant.Id, new TaskQuery(owners) { OrganizationIds = UnitSet(scope), ScopeExemptOwner = actor.Subject, IncludeEscalatedFrom = true }, ctx);
            });

    private void AddOverdueTasks(ObjectGraphType query) =>
        query.Field<NonNullGraphType<TaskConnectionType>>("overdueTasks")
            .Description("Open tasks past their deadline (Supervisor, TenantAdmin, Coordinator, Counsellor, Clinician) on cases of units in the caller's scope, and the caller's own, ordered by id (docs/access.md, need-to-know by organization).")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowTenantRoles(OverdueReaders, NeedToKnow.None).AuditsNothing(RowsOnly)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var scope = await StaffScopes.ResolveAsync(grains, tenant.Id, actor);
                return await TaskPage(tenant.Id, new TaskQuery(DueBefore: clock.GetUtcNow()) { OrganizationIds = UnitSet(scope), ScopeExemptOwner = actor.Subject }, ctx);
            });

    private void AddCase(ObjectGraphType query) =>
        query.Field<CaseType>("case")
            .Description("A case by id, with its timeline and the actions the caller may take; null when it does not exist.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsRead("Case")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = ctx.GetArgument<string>("id");
                return LocalIds.IsWellFormed(id) ? await grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, id)).Get(actor) : null;
            });

    private void AddCases(ObjectGraphType query) =>
        query.Field<NonNullGraphType<CaseConnectionType>>("cases")
            .Description("Cases of units in the caller's scope (TenantAdmin: the tenant) and the cases assigned to the caller, ordered by id (time-ordered), cursor-paginated (first 1–100, default 20). Rows carry no sensitive fields (docs/access.md, need-to-know by organization).")
            .Argument<CaseFilterInputType>("filter")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .TakesPersonId("filter.person", PersonIdMissing.Keep)
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.None).AuditsNothing(CaseRowsOnly)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var f = ctx.GetArgument<CaseFilterInput?>("filter") ?? new CaseFilterInput();
                if (f.Level is < 1 or > 3)
                {
                    throw CareGridException.Validation("filter.level", "The escalation level is 1, 2 or 3.");
                }

                var scope = await ctx.StaffScopeAsync(grains); // shared with the rows' person field (CaseSummaryType)
                var query = new CaseQuery(f.Status, f.RiskLevel, f.Level, f.Assignee, f.Organization, f.Person, f.Open == true)
                {
                    OrganizationIds = UnitSet(scope),
                    ScopeExemptAssignee = actor.Subject,
                    RiskGraded = f.RiskGraded,
                };
                var first = Cursors.PageSize(ctx.GetArgument<int?>("first"));
                var page = await readModel.QueryCasesAsync(tenant.Id, query, first, Cursors.Decode(ctx.GetArgument<string?>("after")));
                return new Connection<CaseRow>(page.Items, new PageInfo(page.HasNextPage, page.Items.Count > 0 ? Cursors.Encode(page.Items[^1].Id) : null))
                {
                    Count = () => readModel.CountCasesAsync(tenant.Id, query),
                };
            });

    /// <summary>The unit filter of a list for <paramref name="scope"/>: null for the whole tenant, else the covered units as a set.</summary>
    private static HashSet<string>? UnitSet(StaffScope scope) =>
        scope.ListFilter is { } units ? units.ToHashSet(StringComparer.Ordinal) : null;

    private async Task<Connection<TaskRow>> TaskPage(string tenantId, TaskQuery query, IResolveFieldContext ctx)
    {
        var first = Cursors.PageSize(ctx.GetArgument<int?>("first"));
        var page = await readModel.QueryTasksAsync(tenantId, query, first, Cursors.Decode(ctx.GetArgument<string?>("after")));
        return new Connection<TaskRow>(page.Items, new PageInfo(page.HasNextPage, page.Items.Count > 0 ? Cursors.Encode(page.Items[^1].Id) : null))
        {
            Count = () => readModel.CountTasksAsync(tenantId, query),
        };
    }
}
