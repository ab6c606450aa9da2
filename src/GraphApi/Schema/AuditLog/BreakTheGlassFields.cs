using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Audit;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// <c>breakTheGlass</c>: any case staff may open a case or person outside need-to-know for a stated reason, for a
/// limited time; the grant is recorded as BREAK_THE_GLASS with its reason and listed to the tenant's Auditors
/// (docs/api.md; the practice of Primero and OSCaR).
/// </summary>
public sealed class BreakTheGlassFields(IGrainFactory grains, AuditTrail trail) : ISchemaContributor
{
    /// <summary>Default break-the-glass duration, minutes.</summary>
    public const int DefaultGrantMinutes = 60;

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<AccessGrantType>>("breakTheGlass")
            .Description($"Opens a case or person outside need-to-know for a stated reason (at most 1000 characters weighing at least 10: a letter or digit 1, a Chinese character 3, spaces, punctuation and symbols nothing; at least 4 different letters: four make a reason), for {DefaultGrantMinutes} minutes by default (1–1440). Always audited (BREAK_THE_GLASS) and listed to the tenant's Auditors.")
            .Argument<NonNullGraphType<EnumerationGraphType<GrantEntity>>>("entity")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .Argument<IntGraphType>("minutes")
            .TakesPersonId("id", PersonIdMissing.Keep, onlyWhenArgument: "entity", onlyWhenValue: "PERSON") // a missing person: NOT_FOUND from the resolver, after the reason is checked
            .AllowTenantRoles(Roles.CaseStaff).AuditedByResolver("Grant", "the resolver records BREAK_THE_GLASS with the stated reason")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var entity = ctx.GetArgument<GrantEntity>("entity");
                var id = LocalIds.Check(ctx.GetArgument<string>("id"), "id");
                // The reason and the length are checked before the id is looked up, so a probe with a throw-away reason learns
                // nothing of which ids exist (round-24 red team: an existing id answered VALIDATION_FAILED, a missing one NOT_FOUND).
                var reason = ctx.GetArgument<string>("reason");
                var minutes = ctx.GetArgument<int?>("minutes") ?? DefaultGrantMinutes;
                AccessGrantsGrain.CheckRequest(reason, minutes);
                if (!await ExistsAsync(tenant.Id, entity, id))
                {
                    throw CareGridException.NotFound(entity.ToString(), id);
                }

                var grant = await grains.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(tenant.Id, entity.ToString(), id))
                    .Grant(actor.Subject, reason, minutes);
                await trail.RecordAsync(tenant.Id, ctx.Caller(), AuditTrail.BreakTheGlass, entity.ToString(), id, [], "breakTheGlass", grant.Reason);
                return new AccessGrantView(entity, id, grant);
            });

    private async Task<bool> ExistsAsync(string tenantId, GrantEntity entity, string id) => entity == GrantEntity.Case
        ? await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, id)).HasNeedToKnow(Actor.System)
        : await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, id)).Get() is not null;
}
