using CareGrid.GraphApi.Audit;
using CareGrid.Grains.Errors;
using GraphQL;
using GraphQL.Instrumentation;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema.Access;

/// <summary>
/// The one place that enforces each field's declared <see cref="FieldAccessRule"/> and writes its declared
/// <see cref="FieldAuditRule"/>. Before the resolver: authentication, tenant scope and role (UNAUTHENTICATED,
/// TENANT_REQUIRED, FORBIDDEN with <c>extensions.requiredRoles</c>), then each declared person-id argument is resolved to
/// the person id (<see cref="PersonIdArguments"/>: an external id is accepted, docs/api.md "External ids"). After a successful resolve: the READ or WRITE
/// record (<see cref="AuditRecords"/>); if it cannot be written the request fails (fail closed). A refusal propagates
/// and is recorded once per request as DENIED by <see cref="RefusalAudit"/> (docs/audit-refusals.md). Need-to-know is
/// applied by the grain that owns the record, as the rule's <see cref="NeedToKnow"/> states.
/// </summary>
public sealed class FieldAccessMiddleware : IFieldMiddleware
{
    /// <summary>The shared instance (the middleware is stateless; the audit trail comes from the request's services).</summary>
    public static readonly FieldAccessMiddleware Instance = new();

    private FieldAccessMiddleware()
    {
    }

    /// <inheritdoc />
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var field = context.FieldDefinition;
        Check(field, context.Caller());
        var sentFor = await PersonIdArguments.ResolveAsync(context);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (CareGridException refused) when (PersonIdArguments.SameRefusal(refused, sentFor) is { } same)
        {
            Audit.RefusalNotes.Note(context, refused); // the DENIED record names the person id (noted first), the answer the value sent
            throw same; // a person outside need-to-know answers as an id that names nobody (F12)
        }

        if (field.AuditRule() is { Class: AuditClass.Read or AuditClass.Write } audit)
        {
            var trail = context.RequestServices!.GetRequiredService<AuditTrail>();
            await AuditRecords.WriteAsync(trail, audit, context, result);
        }

        return result;
    }

    /// <summary>
    /// The one access check of a declared field, for GraphQL and for every other route that mirrors a field (the export
    /// route, docs/statistics.md "Exports"): reads the field's declared rule and enforces it for <paramref name="caller"/>.
    /// </summary>
    /// <returns>The rule that held.</returns>
    /// <exception cref="CareGridException">UNAUTHENTICATED, TENANT_REQUIRED or FORBIDDEN (with <c>requiredRoles</c>).</exception>
    /// <exception cref="InvalidOperationException">The field declares no access rule (a schema bug).</exception>
    public static FieldAccessRule Check(GraphQL.Types.FieldType field, CareGridUserContext caller)
    {
        var rule = field.AccessRule() ?? throw new InvalidOperationException($"Field '{field.Name}' has no access rule.");
        Enforce(rule, caller);
        return rule;
    }

    /// <summary>Checks <paramref name="rule"/> for <paramref name="caller"/>; throws the stable refusal when it does not hold.</summary>
    public static void Enforce(FieldAccessRule rule, CareGridUserContext caller)
    {
        switch (rule.Scope)
        {
            case AccessScope.Anyone:
                return;
            case AccessScope.Authenticated:
                caller.RequireActor();
                return;
            case AccessScope.PlatformAdmin:
                caller.RequirePlatformAdmin();
                return;
            case AccessScope.TenantRolesOrPlatformAdmin when caller.IsPlatformAdmin:
                return;
            case AccessScope.TenantRolesOrPlatformAdmin when caller.Tenant is null:
                // No tenant admitted: only the platform part of the rule can hold.
                caller.RequirePlatformAdmin();
                return;
            default:
                caller.RequireTenantRole(rule.Roles);
                return;
        }
    }
}
