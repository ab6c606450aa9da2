using CareGrid.Grains.Hosting;
using CareGrid.GraphApi.Audit;
using CareGrid.Grains.Audit;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// <c>escalateCase</c>, and the person need-to-know check used by person fields (docs/architecture.md).
/// </summary>
public sealed class SecurityFields(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CaseType>>("escalateCase")
            .Description("Raises a case's escalation level (1–3, never lowers) with a reason, notifying the new level (R-4.3, R-4.4).")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IntGraphType>>("level")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Case).AuditsWrite("Case")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = LocalIds.IsWellFormed(ctx.GetArgument<string>("id")) ? ctx.GetArgument<string>("id") : throw CareGridException.NotFound("Case", "(malformed id)");
                return await grains.GetRef<ICaseGrain>(TenantIds.Key(tenant.Id, id)).Escalate(ctx.GetArgument<int>("level"), ctx.GetArgument<string>("reason"), actor);
            });
    }

    /// <summary>
    /// Need-to-know for a person's sensitive fields: the viewer is on the need-to-know list of one of the person's
    /// open cases, or holds a break-the-glass grant on the person.
    /// </summary>
    public static async Task<bool> PersonNeedToKnowAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, string personId, Actor viewer)
    {
        if (await grains.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(tenantId, "Person", personId)).IsGranted(viewer.Subject))
        {
            return true;
        }

        string? after = null;
        do
        {
            var page = await readModel.QueryCasesAsync(tenantId, new CaseQuery(PersonId: personId, OpenOnly: true), 50, after);
            foreach (var row in page.Items)
            {
                if (await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, row.Id)).HasNeedToKnow(viewer))
                {
                    return true;
                }
            }

            after = page.HasNextPage ? page.Items[^1].Id : null;
        }
        while (after is not null);

        return false;
    }

    /// <summary>Throws <c>FORBIDDEN</c> (rule need-to-know) unless <see cref="PersonNeedToKnowAsync"/> holds.</summary>
    public static async Task EnsurePersonNeedToKnowAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, string personId, Actor viewer)
    {
        if (!await PersonNeedToKnowAsync(grains, readModel, tenantId, personId, viewer))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                "You are not on the need-to-know list of this person (no open case of theirs that you work on). State a reason with breakTheGlass to open the record; that is audited.",
                new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Person", ["id"] = personId });
        }
    }
}
