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
}
