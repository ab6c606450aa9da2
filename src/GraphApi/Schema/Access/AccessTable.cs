using System.Text;
using CareGrid.Grains.Security;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema.Access;

/// <summary>
/// The declared access rule and audit class of every root field, as a Markdown table (docs/access.md holds it, and a
/// test fails when the two differ, so the document always says what the code enforces).
/// </summary>
public static class AccessTable
{
    /// <summary>One row per root field of <paramref name="schema"/>, sorted by operation type and name: field, who, need-to-know, audit.</summary>
    public static string Markdown(ISchema schema)
    {
        schema.Initialize();
        var text = new StringBuilder();
        text.AppendLine("| Field | Who may call | Need-to-know | Audited on success |");
        text.AppendLine("|---|---|---|---|");
        foreach (var (kind, type) in new[] { ("Query", (IObjectGraphType?)schema.Query), ("Mutation", schema.Mutation), ("Subscription", schema.Subscription) })
        {
            foreach (var field in type?.Fields.OrderBy(f => f.Name, StringComparer.Ordinal) ?? Enumerable.Empty<FieldType>())
            {
                text.AppendLine($"| `{kind}.{field.Name}` | {Who(field.AccessRule())} | {field.AccessRule()?.NeedToKnow.ToString() ?? "—"} | {What(field.AuditRule())} |");
            }
        }

        return text.ToString();
    }

    private static string Who(FieldAccessRule? rule) => rule?.Scope switch
    {
        null => "**undeclared**",
        AccessScope.Anyone => "anyone",
        AccessScope.Authenticated => "any caller with a token",
        AccessScope.PlatformAdmin => "PlatformAdmin",
        AccessScope.TenantRolesOrPlatformAdmin => "PlatformAdmin, or in the tenant: " + Roles(rule.Roles),
        _ => "in the tenant: " + Roles(rule.Roles),
    };

    private static string Roles(IEnumerable<string> roles)
    {
        var list = roles.ToList();
        return list.Count == Grains.Security.Roles.All.Count - 1 && !list.Contains(Grains.Security.Roles.PlatformAdmin) ? "every role" : string.Join(", ", list);
    }

    private static string What(FieldAuditRule? rule) => rule?.Class switch
    {
        null => "**undeclared**",
        AuditClass.Read => $"READ {rule.Entity}",
        AuditClass.Write => $"WRITE {rule.Entity}",
        AuditClass.ByResolver => $"by the resolver ({rule.Entity}): {rule.Reason}",
        _ => $"nothing: {rule.Reason}",
    };
}
