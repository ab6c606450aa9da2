using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// <c>overdueBoard</c>: the supervisor's overdue board (R-1.10, R-1.13, R-4.3; docs/statistics.md "Overdue board") — open
/// tasks overdue now, or due within <c>dueWithinHours</c>, most late first, from the tenant's statistics projection
/// (<see cref="ITenantStatisticsGrain.Board"/>). No names, no person ids, no free text; the same roles and unit scope as
/// <c>statistics</c> (<see cref="StatisticsQueries.UnitsAsync"/>).
/// </summary>
public sealed class OverdueBoardQueries(IGrainFactory grains, IReadModelStore readModel) : ISchemaContributor
{

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<OverdueBoardType>>("overdueBoard")
            .Description("Open tasks overdue now (due strictly before now) or, with `dueWithinHours` 1–168, also due within that many hours (at risk), "
                + "most late first (due instant, then task), cursor-paginated (first 1–100, default 20). Each item: case, unit, the case's risk and escalation level, "
                + "task kind, owner kind (a queue, or a named staff member without saying who), due, how late or time left. No names or free text (docs/statistics.md). "
                + "TenantAdmin, Supervisor and Auditor see the whole tenant; a Coordinator or Counsellor the units of its scope (a unit outside it is FORBIDDEN). Opening a listed case still needs need-to-know.")
            .Argument<IdGraphType>("organizationId")
            .Argument<BooleanGraphType>("includeSubtree", a => a.DefaultValue = true)
            .Argument<IntGraphType>("dueWithinHours", a => a.DefaultValue = 0)
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .Argument<ReportLanguageType>("language", a => a.DefaultValue = ReportLanguage.En)
            .AllowTenantRoles(StatisticsQueries.AllowedRoles).AuditsRead("OverdueBoard", idArgument: "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var first = Cursors.PageSize(ctx.GetArgument<int?>("first"));
                var after = Cursors.Decode(ctx.GetArgument<string?>("after")) is { } text ? OverdueBoardCursor.Parse(text) : null;
                var (request, names) = await RequestAsync(tenant.Id, actor, ctx.GetArgument<string?>("organizationId"), ctx.GetArgument("includeSubtree", true),
                    ctx.GetArgument("dueWithinHours", 0), first, after);
                var page = await grains.GetGrain<ITenantStatisticsGrain>(tenant.Id).Board(request);
                return new OverdueBoardView(page, names, request.DueWithinHours, ctx.GetArgument("language", ReportLanguage.En));
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        // the board is read-only
    }

    /// <summary>
    /// The checked board request of a caller (units as <c>statistics</c> decides them) and the tenant's unit names by id: what
    /// the field and the <c>overdue-board</c> export (<see cref="OverdueBoardTables.PagesAsync"/>) both ask with.
    /// </summary>
    /// <exception cref="Grains.Errors.CareGridException"><c>NOT_FOUND</c> (unknown unit), <c>FORBIDDEN</c> (a unit outside a
    /// Coordinator's scope), <c>VALIDATION_FAILED</c> (<c>dueWithinHours</c> outside 0–168, <c>first</c> outside 1–1000).</exception>
    public async Task<(OverdueBoardRequest Request, IReadOnlyDictionary<string, string> UnitNames)> RequestAsync(string tenantId, Actor actor,
        string? organizationId, bool includeSubtree, int dueWithinHours, int first, OverdueBoardCursor? after)
    {
        // Checked before any read so bad input answers the same whoever asks.
        OverdueBoardRequest.Of(null, dueWithinHours, first, after);
        var units = await StatisticsQueries.UnitsAsync(grains, readModel, tenantId, actor, organizationId, includeSubtree);
        var names = (await readModel.ListOrganizationsAsync(tenantId)).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        return (OverdueBoardRequest.Of(units, dueWithinHours, first, after), names);
    }
}
