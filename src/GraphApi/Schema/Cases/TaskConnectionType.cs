using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TaskConnection</c>.</summary>
public sealed class TaskConnectionType() : ConnectionType<TaskSummaryType, TaskRow>("TaskConnection");
