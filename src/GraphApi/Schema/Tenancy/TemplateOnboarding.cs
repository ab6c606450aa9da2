using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>template</c> field of <c>onboardTenant</c>: checked before the tenant is created, applied right after.</summary>
public static class TemplateOnboarding
{
    /// <summary>
    /// The template id named by the input (null when none), after checking that it exists and fits the tenant kind.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>template</c>.</exception>
    public static string? Check(IResolveFieldContext ctx, string? templateId, TenantKind kind)
    {
        if (templateId is null)
        {
            return null;
        }

        var catalog = ctx.RequestServices!.GetRequiredService<JurisdictionTemplateCatalog>();
        var template = catalog.Find(templateId)
            ?? throw CareGridException.Validation("template", $"Unknown template '{templateId}'. Templates: {string.Join(", ", catalog.All.Select(t => t.Id))}.");
        return template.TenantKind == kind
            ? template.Id
            : throw CareGridException.Validation("template", $"Template '{template.Id}' is for a {template.TenantKind}, not a {kind}.");
    }

    /// <summary>Provisions the new tenant from the checked template (no-op when null).</summary>
    public static async Task ApplyAsync(IGrainFactory grains, string tenantId, string? templateId, Actor actor)
    {
        if (templateId is not null)
        {
            await grains.GetRef<IJurisdictionGrain>(tenantId).ApplyTemplate(templateId, actor);
        }
    }
}
