using CareGrid.GraphApi.Schema;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Instrumentation;
using GraphQLParser.AST;

namespace CareGrid.GraphApi.Audit;

/// <summary>
/// Field middleware on every root mutation and on the root queries that read sensitive data: after a
/// successful resolve it appends WRITE or READ to the tenant's audit log (entity, the arguments written or the
/// fields read, purpose = the field name). Refusals are recorded once per request by <see cref="RefusalAudit"/>.
/// If the audit record cannot be written the request fails (fail closed).
/// </summary>
public sealed class AuditFieldMiddleware(AuditTrail trail, bool isWrite) : IFieldMiddleware
{
    /// <inheritdoc />
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var caller = context.Caller();
        // A refusal (FORBIDDEN, …) propagates; it is noted where it becomes a GraphQL error and recorded once per
        // request as DENIED by RefusalAudit (docs/audit-refusals.md).
        var result = await next(context);
        if (result is null && !isWrite)
        {
            return result;
        }

        if (TenantOf(caller, result, context) is { } tenant)
        {
            var (type, id) = Entity(result, context);
            await trail.RecordAsync(tenant, caller, isWrite ? AuditTrail.Write : AuditTrail.Read, type, id, Fields(context), context.FieldDefinition.Name);
        }

        return result;
    }

    private static string? TenantOf(CareGridUserContext caller, object? result, IResolveFieldContext context) =>
        caller.Tenant?.Id
        ?? (result as TenantInfo)?.Id
        ?? (context.Arguments?.TryGetValue("id", out var id) == true && id.Value is string s && TenantIds.IsValid(s) ? s : null)
        ?? (context.Arguments?.TryGetValue("input", out var input) == true && input.Value is IDictionary<string, object?> d && d.TryGetValue("id", out var tid) && tid is string t && TenantIds.IsValid(t) ? t : null);

    /// <summary>The entity a field is about: from its result when it has one, else from its name and id argument.</summary>
    internal static (string Type, string Id) Entity(object? result, IResolveFieldContext context) => result switch
    {
        CaseView c => ("Case", c.Id),
        PersonInfo p => ("Person", p.Id),
        OrganizationInfo o => ("Organization", o.Id),
        TenantInfo t => ("Tenant", t.Id),
        _ => (EntityTypeOf(context.FieldDefinition.Name), ArgumentId(context)),
    };

    private static string EntityTypeOf(string field) => field switch
    {
        "case" or "exportCase" => "Case",
        "person" or "exportPerson" or "recordConsent" or "registerPerson" => "Person",
        "createOrganization" or "organization" => "Organization",
        "auditLog" or "verifyAuditChain" => "AuditLog",
        "breakTheGlass" => "Grant",
        _ when field.Contains("Case", StringComparison.Ordinal) || field.Contains("Referral", StringComparison.Ordinal) || field.Contains("Task", StringComparison.Ordinal) => "Case",
        _ => "Tenant",
    };

    private static string ArgumentId(IResolveFieldContext context)
    {
        foreach (var name in new[] { "id", "personId", "caseId" })
        {
            if (context.Arguments?.TryGetValue(name, out var value) == true && value.Value is not null)
            {
                return value.Value.ToString()!;
            }
        }

        return context.Caller().Tenant?.Id ?? "";
    }

    private IReadOnlyList<string> Fields(IResolveFieldContext context)
    {
        var fields = new List<string>();
        if (isWrite)
        {
            if (context.Arguments is { } args)
            {
                foreach (var (name, value) in args)
                {
                    if (value.Value is IDictionary<string, object?> nested)
                    {
                        fields.AddRange(nested.Keys.Select(k => name + "." + k));
                    }
                    else if (value.Source != ArgumentSource.FieldDefault)
                    {
                        fields.Add(name);
                    }
                }
            }
        }
        else if (context.FieldAst.SelectionSet is { } selections)
        {
            foreach (var selection in selections.Selections)
            {
                if (selection is GraphQLField field)
                {
                    fields.Add(field.Name.StringValue);
                }
            }
        }

        return fields;
    }
}
