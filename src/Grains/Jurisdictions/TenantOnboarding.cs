using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Jurisdictions;

/// <summary>
/// Onboards a tenant and provisions it from a jurisdiction template (seeds/templates, docs/architecture.md "Tenancy"):
/// the one path used by the <c>onboardTenant</c> mutation and the demo seeder. The template is checked before the
/// tenant is created, so a bad template leaves nothing behind; it is applied right after.
/// </summary>
/// <param name="grains">The grain factory.</param>
/// <param name="catalog">The jurisdiction templates.</param>
public sealed class TenantOnboarding(IGrainFactory grains, JurisdictionTemplateCatalog catalog)
{
    /// <summary>The template id named by the input (null when none), after checking that it exists and fits the tenant kind.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>template</c>.</exception>
    public string? CheckTemplate(string? templateId, TenantKind kind)
    {
        if (templateId is null)
        {
            return null;
        }

        var template = catalog.Find(templateId)
            ?? throw CareGridException.Validation("template", $"Unknown template '{templateId}'. Templates: {string.Join(", ", catalog.All.Select(t => t.Id))}.");
        return template.TenantKind == kind
            ? template.Id
            : throw CareGridException.Validation("template", $"Template '{template.Id}' is for a {template.TenantKind}, not a {kind}.");
    }

    /// <summary>
    /// Onboards the tenant of <paramref name="command"/> (<see cref="ITenantGrain.Onboard"/>) and, when
    /// <paramref name="templateId"/> is given, provisions it from that template (<see cref="IJurisdictionGrain.ApplyTemplate"/>:
    /// its fixed organizations, default deadlines and intake rule). The grain calls carry the new tenant in <see cref="TenantContext"/>.
    /// </summary>
    /// <returns>The tenant as onboarded.</returns>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (field <c>id</c> or <c>template</c> first, then the
    /// onboarding fields), <c>ALREADY_EXISTS</c> (field <c>id</c>), <c>TENANT_NOT_FOUND</c> (unknown parent).</exception>
    public async Task<TenantInfo> OnboardAsync(OnboardTenant command, string? templateId, Actor actor)
    {
        TenantIds.EnsureAvailable(command.Id);
        var template = CheckTemplate(templateId, command.Kind);
        TenantContext.Set(command.Id);
        var info = await grains.GetRef<ITenantGrain>(command.Id).Onboard(command, actor);
        if (template is not null)
        {
            await grains.GetRef<IJurisdictionGrain>(command.Id).ApplyTemplate(template, actor);
        }

        return info;
    }
}
