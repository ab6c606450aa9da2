using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Visits;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root mutations of visits and the special-groups ledger (R-6.2, R-7.3, R-2.2, R-7.2; docs/visits.md): staff whose units
/// cover the person's unit log a visit and set the person's ledger entry. Both write the person's visit grain, audited WRITE Person.
/// </summary>
public sealed class VisitsMutations(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<VisitType>>("logVisit")
            .Description("Logs a home visit, one-to-one talk, group activity or online contact with the parents of a person (R-6.2, R-7.3, R-2.2), counted for "
                + "the person's unit in visitCoverage (case staff whose units cover the person's unit). Errors: NOT_FOUND, FORBIDDEN (need-to-know), "
                + "VALIDATION_FAILED (input.id, input.on, input.note), ALREADY_EXISTS (input.id names another visit), VISIT_LOG_FULL.")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<LogVisitInputType>>("input")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsWrite("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var person = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                return await grains.GetRef<IPersonVisitsGrain>(IPersonVisitsGrain.KeyOf(tenant.Id, person)).Log(ctx.GetArgument<LogVisitInput>("input").ToCommand(), actor);
            });

        mutation.Field<SpecialGroupsEntryType>("setSpecialGroups")
            .Description("Sets a person's entry in the special-groups ledger (R-7.2: left-behind, single-parent and blended families, migrant children, learning "
                + "difficulties) with the targeted help, the basic situation and the next review day; empty groups remove the entry and answer null (case staff "
                + "whose units cover the person's unit). Errors: NOT_FOUND, FORBIDDEN (need-to-know), VALIDATION_FAILED (input.groups, input.reviewOn, input.helpNote, input.basicSituation).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<SetSpecialGroupsInputType>>("input")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsWrite("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var person = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                return await grains.GetRef<IPersonVisitsGrain>(IPersonVisitsGrain.KeyOf(tenant.Id, person))
                    .SetSpecialGroups(ctx.GetArgument<SetSpecialGroupsInput>("input").ToCommand(), actor);
            });
    }
}
