using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Adds one area's fields to the root query and mutation (directory, census, audit, …), so each area lives in
/// its own file. Every implementation is listed in <see cref="SchemaFeatures"/> and called once, in type
/// name order, when the root types are built.
/// </summary>
public interface ISchemaContributor
{
    /// <summary>Adds query fields to <paramref name="query"/>.</summary>
    void AddQueries(ObjectGraphType query);

    /// <summary>Adds mutation fields to <paramref name="mutation"/>.</summary>
    void AddMutations(ObjectGraphType mutation);
}
