using GraphQL.Types;

namespace CareGrid.GraphApi.Schema.Access;

/// <summary>
/// Walks every object type of a schema and lists the fields that would run without a declared access rule or audit
/// class: a root field (query, mutation, subscription) must declare both; a field of another type must declare both,
/// or belong to a type marked <see cref="FieldDeclarations.ReachedThroughParent"/> (its data is returned by a declared
/// field). A field that declares only one of the two is always listed. Introspection types are skipped.
/// </summary>
public static class SchemaAccessWalk
{
    /// <summary>One undeclared field: <c>Type.field</c> and what is missing.</summary>
    /// <param name="Field">The coordinate, e.g. <c>Mutation.reportConcern</c>.</param>
    /// <param name="Missing">"access rule", "audit class" or both.</param>
    public sealed record Finding(string Field, string Missing);

    /// <summary>Every field of <paramref name="schema"/> (initialized on demand) that misses a declaration, sorted.</summary>
    public static IReadOnlyList<Finding> Undeclared(ISchema schema)
    {
        schema.Initialize();
        var roots = new HashSet<IGraphType?>([schema.Query, schema.Mutation, schema.Subscription]);
        var findings = new List<Finding>();
        foreach (var type in schema.AllTypes.OfType<IObjectGraphType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)))
        {
            var inherits = !roots.Contains(type) && type.IsReachedThroughParent();
            foreach (var field in type.Fields)
            {
                var access = field.AccessRule() is not null;
                var audit = field.AuditRule() is not null;
                if (access != audit || (!access && !inherits))
                {
                    var missing = string.Join(" and ", new[] { access ? null : "access rule", audit ? null : "audit class" }.OfType<string>());
                    findings.Add(new Finding($"{type.Name}.{field.Name}", missing));
                }
            }
        }

        return [.. findings.OrderBy(f => f.Field, StringComparer.Ordinal)];
    }
}
