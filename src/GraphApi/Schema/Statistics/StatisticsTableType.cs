using CareGrid.Grains.Statistics;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>StatisticsTable</c>: one figure as a table (docs/statistics.md).</summary>
public sealed class StatisticsTableType : ObjectGraphType<StatisticsTable>
{
    /// <summary>Defines the fields.</summary>
    public StatisticsTableType()
    {
        Name = "StatisticsTable";
        Description = "One figure as a table, in the requested language: counts, durations and labels only.";
        Field(x => x.Key).Description("Stable key (lower-case, hyphens), e.g. cases-by-status; also the export's sheet name.");
        Field(x => x.Title).Description("Title in the requested language.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("columns").Description("Column headers in the requested language.").Resolve(ctx => ctx.Source.Columns);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListGraphType<NonNullGraphType<StatisticsCellType>>>>>>("rows").Description("Rows, one cell per column.").Resolve(ctx => ctx.Source.Rows);
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>StatisticsCell</c>.</summary>
public sealed class StatisticsCellType : ObjectGraphType<StatisticsCell>
{
    /// <summary>Defines the fields.</summary>
    public StatisticsCellType()
    {
        Name = "StatisticsCell";
        Description = "A label, a number, or a withheld value (a small count in a roll-up, or its complement).";
        Field<StringGraphType>("text").Description("A label, or null.").Resolve(ctx => ctx.Source.Text);
        Field<DecimalGraphType>("number").Description("A number, or null.").Resolve(ctx => ctx.Source.Number);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed").Description("True when the value is withheld; then text and number are null.").Resolve(ctx => ctx.Source.Suppressed);
        this.ReachedThroughParent();
    }
}
