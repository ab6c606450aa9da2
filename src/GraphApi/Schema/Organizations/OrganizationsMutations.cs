using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root mutations of the organization tree (TenantAdmin): creating a unit, its lifecycle, the responsible person
/// and members with their roles. Each is audited as a WRITE of the organization.
/// </summary>
public sealed class OrganizationsMutations(IGrainFactory grains) : ISchemaContributor
{
    private static readonly IReadOnlyList<string> Structure = [Roles.TenantAdmin];

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddCreateOrganization(mutation);
        AddLifecycle(mutation, "activateOrganization", OrganizationTrigger.Activate, "DRAFT | SUSPENDED → ACTIVE (TenantAdmin).");
        AddLifecycle(mutation, "suspendOrganization", OrganizationTrigger.Suspend, "ACTIVE → SUSPENDED (TenantAdmin).");
        AddLifecycle(mutation, "closeOrganization", OrganizationTrigger.Close,
            "DRAFT | ACTIVE | SUSPENDED → CLOSED (TenantAdmin). A closed unit keeps its history and takes no new cases, people or members. A unit that still has open cases is not closed: UNIT_HAS_OPEN_CASES (organizationId, openCases); close the cases first. Nor one that still has members: UNIT_HAS_MEMBERS (organizationId, members); take them off first with removeOrganizationMember.");
        AddSetResponsiblePerson(mutation);
        AddMemberFields(mutation);
    }

    private void AddCreateOrganization(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<OrganizationType>>("createOrganization")
            .Description("Creates an organizational unit (TenantAdmin).")
            .Argument<NonNullGraphType<CreateOrganizationInputType>>("input")
            .AllowTenantRoles(Structure).AuditsWrite("Organization", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.GetArgument<CreateOrganizationInput>("input");
                var key = IdempotencyKey.Check(input.IdempotencyKey);
                var id = input.Id is null && key is not null ? IdempotencyKey.DeriveId("org", tenant.Id, actor.Subject, key) : LocalIds.OrNew(input.Id, "org", "id");
                var parent = input.ParentId is { } p ? LocalIds.Check(p, "parentId") : null;
                return await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenant.Id, id)).Create(
                    new CreateOrganization(input.Name ?? "", input.Kind ?? OrganizationKind.School, parent, input.EscalationLevel, IdempotencyKey: key), actor);
            });

    private void AddLifecycle(ObjectGraphType mutation, string name, OrganizationTrigger trigger, string description) =>
        mutation.Field<NonNullGraphType<OrganizationType>>(name)
            .Description(description + " Errors: INVALID_TRANSITION (with state and permittedTriggers), NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .AllowTenantRoles(Structure).AuditsWrite("Organization")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = LocalIds.Check(ctx.GetArgument<string>("id"), "id");
                return await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenant.Id, id)).Fire(trigger, actor);
            });

    private void AddSetResponsiblePerson(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<OrganizationType>>("setResponsiblePerson")
            .Description("Names the person responsible for a unit (R-1.3), or clears it when personId is omitted (TenantAdmin). Errors: NOT_FOUND, VALIDATION_FAILED (closed unit).")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<IdGraphType>("personId")
            .TakesPersonId("personId")
            .AllowTenantRoles(Structure).AuditsWrite("Organization", "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (org, actor) = Organization(ctx);
                var person = ctx.GetArgument<string?>("personId") is { } p ? LocalIds.Check(p, "personId") : null;
                return await org.SetResponsiblePerson(person, actor);
            });

    private void AddMemberFields(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<OrganizationType>>("addOrganizationMember")
            .Description("Gives a person a role of the tenant's template in a unit (TenantAdmin, R-1.4); idempotent. "
                + "Errors: VALIDATION_FAILED (role unknown or not held in this kind of unit; closed unit), NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<StringGraphType>>("role")
            .TakesPersonId("personId")
            .AllowTenantRoles(Structure).AuditsWrite("Organization", "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (org, actor) = Organization(ctx);
                return await org.AddMember(LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), ctx.GetArgument<string>("role"), actor);
            });

        mutation.Field<NonNullGraphType<OrganizationType>>("removeOrganizationMember")
            .Description("Takes a role away (TenantAdmin). Errors: NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<StringGraphType>>("role")
            .TakesPersonId("personId", PersonIdMissing.Keep)
            .AllowTenantRoles(Structure).AuditsWrite("Organization", "organizationId")
            .ResolveAsync(async ctx =>
            {
                var (org, actor) = Organization(ctx);
                return await org.RemoveMember(LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), ctx.GetArgument<string>("role"), actor);
            });
    }

    private (IOrganizationGrain Grain, Actor Actor) Organization(IResolveFieldContext ctx)
    {
        var (tenant, actor) = ctx.TenantCaller();
        var id = LocalIds.Check(ctx.GetArgument<string>("organizationId"), "organizationId");
        return (grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenant.Id, id)), actor);
    }
}
