using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Trajectories;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root fields of score trajectories (R-3.6 close follow-up, R-6.3; docs/trajectories.md): a person's trajectory under the
/// person's need-to-know, audited as a READ of the person, and the tenant's review period (TenantAdmin, a WRITE of the tenant).
/// </summary>
public sealed class TrajectoryFields(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<ScoreTrajectoryType>("scoreTrajectory")
            .Description("A person's PHQ-9, GAD-7 and K10 scores over time with the Jacobson–Truax reliable-change index against the first score, "
                + "and the flags of a followed-up person who has not reliably improved (docs/trajectories.md). Null for an unknown person. "
                + "Errors: FORBIDDEN (rule need-to-know) as person(id).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .TakesPersonId("personId", PersonIdMissing.Keep)
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsRead("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = ctx.GetArgument<string>("personId");
                return LocalIds.IsWellFormed(id) ? await grains.GetRef<IScoreTrajectoryGrain>(TenantIds.Key(tenant.Id, id)).Get(actor) : null;
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ProtocolSettingsType>>("setTrajectoryReviewWeeks")
            .Description("Sets the weeks after a followed-up person's first score before a score that is not reliably better is flagged, 1–52 "
                + "(default 8; R-3.6) (TenantAdmin). Errors: VALIDATION_FAILED (field weeks).")
            .Argument<NonNullGraphType<IntGraphType>>("weeks")
            .AllowTenantRoles([Roles.TenantAdmin]).AuditsWrite("Tenant", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var grain = grains.GetRef<ITenantGrain>(tenant.Id);
                var settings = await grain.GetSettings();
                return await grain.UpdateSettings(settings with { TrajectoryReviewWeeks = ctx.GetArgument<int>("weeks") }, actor);
            });
}
