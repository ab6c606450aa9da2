using CareGrid.GraphApi.Audit;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;

namespace CareGrid.GraphApi.Schema.Access;

/// <summary>
/// Builds the READ and WRITE records of a declared field: the tenant (the caller's, else the tenant the field is about),
/// the entity (the declared type; the id from the result when it carries one, else from the declared argument, else the
/// tenant's id), the fields (arguments written — a Boolean or enum argument as <c>name=value</c> —, or fields selected) and the
/// purpose (the field's name).
/// </summary>
public static class AuditRecords
{
    /// <summary>Writes the record <paramref name="rule"/> asks for; a READ with a null result writes nothing.</summary>
    public static async Task WriteAsync(AuditTrail trail, FieldAuditRule rule, IResolveFieldContext context, object? result)
    {
        var isWrite = rule.Class == AuditClass.Write;
        if (result is null && !isWrite)
        {
            return;
        }

        var caller = context.Caller();
        if (TenantOf(caller, result, context) is { } tenant)
        {
            await trail.RecordAsync(tenant, caller, isWrite ? AuditTrail.Write : AuditTrail.Read, rule.Entity,
                IdOf(result, rule.IdArgument, context), isWrite ? Written(context) : Selected(context), context.FieldDefinition.Name);
        }
    }

    /// <summary>
    /// Writes the READ record of <paramref name="field"/> read through a route that mirrors it (the export route,
    /// docs/statistics.md "Exports"), in the caller's tenant: the declared entity, <paramref name="entityId"/> (else the
    /// tenant's id, as for GraphQL), the fields and the field's name as purpose. Nothing for a field that audits nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The field writes or audits in its resolver: a mirror cannot record it.</exception>
    public static async Task WriteReadAsync(AuditTrail trail, GraphQL.Types.FieldType field, CareGridUserContext caller, string? entityId, IReadOnlyList<string> fields)
    {
        var rule = field.AuditRule() ?? throw new InvalidOperationException($"Field '{field.Name}' declares no audit class.");
        if (rule.Class == AuditClass.None)
        {
            return;
        }

        if (rule.Class != AuditClass.Read)
        {
            throw new InvalidOperationException($"Field '{field.Name}' audits as {rule.Class}; only READ fields can be mirrored.");
        }

        var tenant = caller.RequireTenant();
        await trail.RecordAsync(tenant.Id, caller, AuditTrail.Read, rule.Entity, entityId ?? tenant.Id, fields, field.Name);
    }

    /// <summary>The entity a field is about, for a refusal's record: the declared type and the id argument (result unknown).</summary>
    public static (string Type, string Id) EntityOf(IResolveFieldContext context)
    {
        var rule = context.FieldDefinition.AuditRule();
        var type = rule is { Entity.Length: > 0 } ? rule.Entity : "Tenant";
        return (type, IdOf(null, rule?.IdArgument ?? "id", context));
    }

    private static string? TenantOf(CareGridUserContext caller, object? result, IResolveFieldContext context) =>
        caller.Tenant?.Id
        ?? (result as TenantInfo)?.Id
        ?? (Argument(context, "id") is { } s && TenantIds.IsValid(s) ? s : null)
        ?? (context.Arguments?.TryGetValue("input", out var input) == true && input.Value is IDictionary<string, object?> d
            && d.TryGetValue("id", out var tid) && tid is string t && TenantIds.IsValid(t) ? t : null);

    private static string IdOf(object? result, string? idArgument, IResolveFieldContext context) => result switch
    {
        CaseView c => c.ReceiptForCaseId ?? c.Id, // a receipt under its own id (round 16 F3): the audit names the case written
        PersonInfo p => p.Id,
        OrganizationInfo o => o.Id,
        TenantInfo t => t.Id,
        Grains.Census.CensusProgress c => c.RoundId,
        Grains.Imports.ImportStatus i => i.Id,
        Grains.Webhooks.WebhookWithSecret w => w.Webhook.Endpoint.Id,
        Grains.Webhooks.WebhookView w => w.Endpoint.Id,
        // the declared id argument names the record (logVisit names the person, an aid request its case: round-27 red team);
        // without one, any other record the field answers with an id of its own (a call, an appointment): round-26 red team —
        // logCall and requestAppointment were audited under the tenant's id, so the record written could not be found
        _ when idArgument is not null && Argument(context, idArgument) is { } named => named,
        not null when IdProperty(result.GetType()) is { } property && property.GetValue(result) is string { Length: > 0 } id => id,
        _ => context.Caller().Tenant?.Id ?? "",
    };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, System.Reflection.PropertyInfo?> IdProperties = new();

    /// <summary>The public string <c>Id</c> property of a result type, or null (looked up once per type).</summary>
    private static System.Reflection.PropertyInfo? IdProperty(Type type) =>
        IdProperties.GetOrAdd(type, t => t.GetProperty("Id") is { PropertyType: var pt } p && pt == typeof(string) && p.GetMethod is { IsPublic: true } ? p : null);

    private static string? Argument(IResolveFieldContext context, string name) =>
        context.Arguments?.TryGetValue(name, out var value) == true && value.Value is not null ? value.Value.ToString() : null;

    private static List<string> Written(IResolveFieldContext context)
    {
        var fields = new List<string>();
        foreach (var (name, value) in context.Arguments ?? new Dictionary<string, ArgumentValue>())
        {
            if (value.Value is IDictionary<string, object?> nested)
            {
                fields.AddRange(nested.Keys.Select(k => name + "." + k));
            }
            else if (value.Source != ArgumentSource.FieldDefault)
            {
                fields.Add(value.Value is bool or Enum ? $"{name}={Flag(value.Value)}" : name);
            }
        }

        return fields;
    }

    /// <summary>
    /// A flag's value as the schema spells it (<c>true</c>, <c>STAFF</c>): a Boolean or enum argument decides what a write does
    /// (<c>importRoster(allowMoves: true)</c> moves people; round-23 red team: the record showed only that allowMoves was sent),
    /// and names no person, so its value is kept in the record's fields as <c>name=value</c>.
    /// </summary>
    private static string Flag(object value) => value switch
    {
        bool b => b ? "true" : "false",
        Enum e => Grains.Hosting.SchemaNames.Value(e),
        _ => value.ToString() ?? "",
    };

    private static List<string> Selected(IResolveFieldContext context) =>
        context.FieldAst.SelectionSet is { } set ? [.. set.Selections.OfType<GraphQLField>().Select(f => f.Name.StringValue)] : [];
}
