using CareGrid.Grains.Cases;
using CareGrid.Grains.Census;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>An organization list row with its place in the tree (read side).</summary>
/// <param name="Row">The row.</param>
/// <param name="Depth">0 for a root, 1 for its children, …</param>
/// <param name="ChildCount">Number of direct children.</param>
public sealed record OrganizationTreeRow(OrganizationRow Row, int Depth, int ChildCount);
