using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.People;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Census rounds: a screening round over classes or communities, each person's census record (mood and the
/// exposure flags), flagged people to Tracking, cases opened from flags, completion per unit.
/// </summary>
public sealed class CensusFields(IGrainFactory grains) : ISchemaContributor
{
    /// <summary>Roles that open and close rounds.</summary>
    public static readonly IReadOnlyList<string> Organizers = [Roles.TenantAdmin, Roles.Supervisor, Roles.Coordinator, Roles.Counsellor, Roles.Clinician];

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<CensusProgressType>("censusProgress")
            .Description("Completion of a census round per unit: expected, recorded, flagged, cases opened (case staff); null when unknown. "
                + "Every unit's counts; flaggedPersonIds only of people recorded in units the caller's organization scope covers (R-4.3, docs/access.md). Audited READ.")
            .Argument<NonNullGraphType<IdGraphType>>("roundId")
            .AllowTenantRoles(Roles.CaseStaff).AuditsRead("CensusRound", "roundId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = ctx.GetArgument<string>("roundId");
                return LocalIds.IsWellFormed(id) ? await Round(tenant, id).GetProgressFor(actor) : null;
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddStartCensusRound(mutation);
        AddRecordCensus(mutation);
        AddOpenCaseFromCensus(mutation);
        AddCloseCensusRound(mutation);
    }

    private void AddStartCensusRound(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CensusProgressType>>("startCensusRound")
            .Description("Opens a screening census (R-3.5) over 1–50 classes or communities; their people (not staff) at this moment are expected "
                + "(TenantAdmin, Supervisor, Coordinator, Counsellor, Clinician). Errors: VALIDATION_FAILED, NOT_FOUND, ALREADY_EXISTS.")
            .Argument<NonNullGraphType<StartCensusRoundInputType>>("input")
            .AllowTenantRoles(Organizers).AuditsWrite("CensusRound", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.GetArgument<StartCensusRoundInput>("input");
                var key = IdempotencyKey.Check(input.IdempotencyKey);
                var id = input.Id is null && key is not null
                    ? IdempotencyKey.DeriveId("census", tenant.Id, actor.Subject, key)
                    : LocalIds.OrNew(input.Id, "census", "id");
                var orgs = input.OrganizationIds.Select((o, i) => LocalIds.Check(o, $"organizationIds[{i}]")).ToList();
                return await Round(tenant, id).Start(new StartCensusRound(input.Name, orgs, key), actor);
            });

    private void AddRecordCensus(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CensusProgressType>>("recordCensus")
            .Description("Records a person's census (R-7.4 level 1): mood and flags (R-4.4). Any flag, or a LOW or DISTRESSED mood, moves the person to "
                + "TRACKING (level 2). Recording again replaces the person's answer in this round (case staff whose organization scope covers the person's unit, R-4.3). "
                + "Errors: FORBIDDEN (rule need-to-know: the person's unit is outside the caller's units), VALIDATION_FAILED (personId not in the "
                + "round's units), INVALID_TRANSITION (round closed), NOT_FOUND.")
            .Argument<NonNullGraphType<RecordCensusInputType>>("input")
            .TakesPersonId("input.personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsWrite("CensusRound", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.GetArgument<RecordCensusInput>("input");
                var round = LocalIds.Check(input.RoundId, "roundId");
                var person = LocalIds.Check(input.PersonId, "personId");
                var entry = new CensusEntry(person, input.Mood, CensusFlagList.From(input.Flags), input.Note, IdempotencyKey.Check(input.IdempotencyKey));
                return await Round(tenant, round).Record(entry, actor);
            });

    private void AddOpenCaseFromCensus(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CaseType>>("openCaseFromCensus")
            .Description("Opens a case (as reportConcern: joins the person's open case if any) for a person flagged in a census round and moves them to INDIVIDUAL_CASE (R-7.4 level 3) "
                + "(case staff whose organization scope covers the person's unit, R-4.3). "
                + "Errors: FORBIDDEN (rule need-to-know: the person's unit is outside the caller's units), VALIDATION_FAILED (not flagged in the round), ALREADY_EXISTS (extensions.caseId), NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("roundId")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<StringGraphType>>("summary")
            .Argument<EnumerationGraphType<RiskLevel>>("riskLevel", "The caller's grading. Absent: the case opens not yet graded (riskGraded false) with a GRADE_RISK task, as reportConcern without riskLevel (docs/protocol.md \"Ungraded reports\").")
            .IdempotencyKeyArgument()
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsWrite("Case", idArgument: "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var round = LocalIds.Check(ctx.GetArgument<string>("roundId"), "roundId");
                var person = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                return await Round(tenant, round).OpenCase(person, ctx.GetArgument<string>("summary"), ctx.GetArgument<RiskLevel?>("riskLevel"), actor, ctx.IdempotencyKeyArgument());
            });

    private void AddCloseCensusRound(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<CensusProgressType>>("closeCensusRound")
            .Description("Closes a census round; its records are kept (TenantAdmin, Supervisor, Coordinator, Counsellor, Clinician). Errors: INVALID_TRANSITION, NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowTenantRoles(Organizers).AuditsWrite("CensusRound")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await Round(tenant, LocalIds.Check(ctx.GetArgument<string>("id"), "id")).Close(actor);
            });

    private ICensusRoundGrain Round(TenantInfo tenant, string id) => grains.GetRef<ICensusRoundGrain>(TenantIds.Key(tenant.Id, id));
}
