using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Intake;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The call log of the 24-hour line, hotlines and counsellors' phones (R-5.1, R-5.2, R-4.6, R-1.9; docs/intake.md):
/// <c>logCall</c>, <c>call</c>, <c>calls</c> and <c>convertCallToConcern</c>. A grain per call; the list from the intake read side.
/// </summary>
public sealed class CallFields(IGrainFactory grains, IIntakeStore store) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
        query.Field<CallType>("call")
            .Description("A logged call by id: to the one who answered it and to level-3 staff (Counsellor, Clinician) whose units cover the caller (docs/intake.md). "
                + "Errors: FORBIDDEN (rule need-to-know; also for an id that names no call).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowTenantRoles(Roles.CanReport).AuditsRead("Call")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await Call(tenant, LocalIds.Check(ctx.GetArgument<string>("id"), "id")).Get(actor);
            });

        query.Field<NonNullGraphType<CallConnectionType>>("calls")
            .Description("Logged calls, newest first (first 1–100, default 20): to level-3 staff the calls of their units and the anonymous ones, to everyone else "
                + "the calls they answered. Rows carry no summary, caller or risk answers (docs/intake.md).")
            .Argument<EnumerationGraphType<CallChannel>>("channel")
            .Argument<EnumerationGraphType<RiskLevel>>("riskLevel", "Only calls graded at this level. LOW never matches a call nobody graded (riskGraded false), whose LOW is only a placeholder: ask for those with riskGraded: false.")
            .Argument<BooleanGraphType>("riskGraded", "False: only calls nobody graded (未评估 / \"Not yet graded\"). True: only graded calls. Omitted: both.")
            .Argument<IntGraphType>("first")
            .Argument<StringGraphType>("after")
            .AllowTenantRoles(Roles.CanReport).AuditsNothing("list rows carry no summary, caller identity or risk answers (id, line, time, who answered, grading, unit, case id)")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var first = Cursors.PageSize(ctx.GetArgument<int?>("first"));
                var after = Cursors.Decode(ctx.GetArgument<string?>("after"));
                var query = await QueryFor(tenant.Id, actor, ctx.GetArgument<CallChannel?>("channel"))
                    with { RiskLevel = ctx.GetArgument<RiskLevel?>("riskLevel"), RiskGraded = ctx.GetArgument<bool?>("riskGraded") };
                var page = await store.QueryCallsAsync(tenant.Id, query, first, after);
                var end = page.Items.Count > 0 ? Cursors.Encode(page.Items[^1].SortKeyOf()) : null;
                // totalCount counts the same query page by page (round-33 red team F6: it answered INTERNAL)
                return new Connection<CallRow>(page.Items, new PageInfo(page.HasNextPage, end))
                {
                    Count = () => ReadModelCounts.CountAsync(a => store.QueryCallsAsync(tenant.Id, query, ReadModelCounts.PageSize, a), r => r.SortKeyOf()),
                };
            });
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CallType>>("logCall")
            .Description("Logs a call you answered on the 24-hour line, a hotline or a counsellor's phone (R-5.1, R-5.2, R-4.6, R-1.9): when, the known caller "
                + "or none (anonymous), what was said and the brief risk check, graded LOW to IMMINENT (R-1.10). Turn it into a concern with convertCallToConcern. "
                + "Errors: VALIDATION_FAILED (channel, summary, answeredAt, riskLevel, idempotencyKey), NOT_FOUND (callerPersonId), IDEMPOTENCY_KEY_REUSED.")
            .Argument<NonNullGraphType<LogCallInputType>>("input")
            .TakesPersonId("input.callerPersonId", wholeTenantRoles: Roles.Level3) // level-3 staff the line: anyone of the tenant (IntakePersonScope)
            .AllowTenantRoles(Roles.CanReport, NeedToKnow.Unit).AuditsWrite("Call", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.GetArgument<LogCallInput>("input");
                var key = IdempotencyKey.Check(input.IdempotencyKey);
                var caller = input.CallerPersonId is null ? null : LocalIds.Check(input.CallerPersonId, "callerPersonId");
                var id = key is null ? TenantIds.NewLocalId("call") : IdempotencyKey.DeriveId("call", tenant.Id, actor.Subject, key);
                var command = new LogCall(input.Channel, input.AnsweredAt, caller, input.Summary ?? "", input.RiskCheck?.ToCheck() ?? CallRiskCheck.None, input.RiskLevel, key,
                    RiskUngraded: input.RiskCheck is null && input.RiskLevel is null);
                return await Call(tenant, id).Log(command, actor);
            });

        mutation.Field<NonNullGraphType<CallType>>("convertCallToConcern")
            .Description("Turns a logged call into a concern in one step, as reportConcern does (joins the person's open case or opens one, R-1.5; HIGH and IMMINENT "
                + "run the high-risk protocol, R-1.10), about personId or else the known caller. Converting again answers the first conversion (docs/intake.md); about another person it answers ALREADY_EXISTS (field personId). "
                + "Errors: FORBIDDEN (rule need-to-know; also for an id that names no call), VALIDATION_FAILED (personId: the caller is anonymous), and those of reportConcern.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<IdGraphType>("personId", "The person the concern is about (or external id); default the known caller. Needed for an anonymous caller.")
            .TakesPersonId("personId", wholeTenantRoles: [.. Roles.CaseStaff, Roles.Volunteer], report: true) // as reportConcern (docs/access.md)
            .AllowTenantRoles(Roles.CanReport).AuditsWrite("Call")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = LocalIds.Check(ctx.GetArgument<string>("id"), "id");
                var person = ctx.GetArgument<string?>("personId") is { } p ? LocalIds.Check(p, "personId") : null;
                return await Call(tenant, id).ConvertToConcern(person, actor);
            });
    }

    /// <summary>Level 3: the calls of the caller's units and the anonymous ones; everyone else: the calls they answered.</summary>
    private async Task<CallQuery> QueryFor(string tenantId, Actor actor, CallChannel? channel)
    {
        if (!actor.HasAny(Roles.Level3))
        {
            return new CallQuery(channel, AnsweredBy: actor.Subject);
        }

        var scope = await StaffScopes.ResolveAsync(grains, tenantId, actor);
        return new CallQuery(channel, OrganizationIds: scope.ListFilter);
    }

    private ICallLogGrain Call(TenantInfo tenant, string id) => grains.GetRef<ICallLogGrain>(TenantIds.Key(tenant.Id, id));
}
