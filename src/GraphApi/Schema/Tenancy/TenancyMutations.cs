using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using CareGrid.GraphApi.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root mutations of a tenant's life: onboarding (optionally from a jurisdiction template), suspension, reactivation
/// (PlatformAdmin) and applying a template later (TenantAdmin). Each is audited as a WRITE of the tenant.
/// </summary>
public sealed class TenancyMutations(IGrainFactory grains, TenantDirectory directory) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddOnboardTenant(mutation);
        AddLifecycle(mutation, "suspendTenant", TenantTrigger.Suspend, "Suspends a tenant: its API calls are refused with TENANT_SUSPENDED (PlatformAdmin).");
        AddLifecycle(mutation, "reactivateTenant", TenantTrigger.Reactivate, "Reactivates a suspended tenant (PlatformAdmin).");
        AddApplyJurisdictionTemplate(mutation);
    }

    private void AddOnboardTenant(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<TenantType>>("onboardTenant")
            .Description("Creates a tenant with its first TenantAdmin (PlatformAdmin), provisioned from input.template when given. Errors: VALIDATION_FAILED, ALREADY_EXISTS, TENANT_NOT_FOUND (parent).")
            .Argument<NonNullGraphType<OnboardTenantInputType>>("input")
            .AllowPlatformAdmin().AuditsWrite("Tenant", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.Actor();
                var input = ctx.GetArgument<OnboardTenantInput>("input");
                var id = input.Id;
                TenantIds.EnsureAvailable(id);
                var command = new OnboardTenant(id!, input.Name ?? "", input.Kind ?? TenantKind.School,
                    input.ParentId, input.TimeZone ?? "", input.FirstAdminSubject ?? "", input.FirstAdminName ?? "");
                var info = await ctx.RequestServices!.GetRequiredService<TenantOnboarding>().OnboardAsync(command, input.Template, actor);
                directory.Invalidate(id!);
                return info;
            });

    private void AddLifecycle(ObjectGraphType mutation, string name, TenantTrigger trigger, string description) =>
        mutation.Field<NonNullGraphType<TenantType>>(name)
            .Description(description + " Errors: TENANT_NOT_FOUND, INVALID_TRANSITION.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<StringGraphType>("reason")
            .AllowPlatformAdmin().AuditsWrite("Tenant")
            .ResolveAsync(async ctx =>
            {
                var actor = ctx.Actor();
                var id = ctx.GetArgument<string>("id");
                if (!TenantIds.IsValid(id) || await grains.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key).Get(id) is null)
                {
                    throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{id}' was not found.");
                }

                TenantContext.Set(id);
                var info = await grains.GetRef<ITenantGrain>(id).Fire(trigger, ctx.GetArgument<string?>("reason"), actor);
                directory.Invalidate(id);
                return info;
            });

    private void AddApplyJurisdictionTemplate(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<JurisdictionType>>("applyJurisdictionTemplate")
            .Description("Provisions the tenant from a template, for a tenant onboarded without one (TenantAdmin). Same template again: no-op. "
                + "Errors: VALIDATION_FAILED (template: unknown or for another tenant kind), ALREADY_EXISTS (another template was applied).")
            .Argument<NonNullGraphType<StringGraphType>>("template")
            .AllowTenantRoles([Roles.TenantAdmin]).AuditsWrite("Tenant", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await grains.GetRef<IJurisdictionGrain>(tenant.Id).ApplyTemplate(ctx.GetArgument<string>("template"), actor);
            });
}
