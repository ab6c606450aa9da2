using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CaseConnection</c>.</summary>
public sealed class CaseConnectionType() : ConnectionType<CaseSummaryType, CaseRow>("CaseConnection");
