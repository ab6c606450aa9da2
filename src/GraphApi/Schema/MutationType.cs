using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The root mutation: each feature adds its fields (<see cref="SchemaFeatures"/>). Each mutation is one grain command;
/// on error nothing changes. Every field declares who may call it and what it audits (<see cref="FieldDeclarations"/>).
/// </summary>
public sealed class MutationType : ObjectGraphType
{
    /// <summary>Defines the fields.</summary>
    public MutationType(IEnumerable<ISchemaContributor> contributors)
    {
        Name = "Mutation";
        foreach (var contributor in contributors.OrderBy(c => c.GetType().Name, StringComparer.Ordinal))
        {
            contributor.AddMutations(this);
        }
    }
}
