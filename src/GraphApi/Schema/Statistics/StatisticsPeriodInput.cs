using CareGrid.Grains.Statistics;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>period</c> of <c>statistics</c>: whole weeks (docs/statistics.md).</summary>
public sealed class StatisticsPeriodInput
{
    /// <summary>The first day, a Monday.</summary>
    public DateOnly From { get; set; }

    /// <summary>The last day, a Sunday.</summary>
    public DateOnly To { get; set; }

    /// <summary>The checked period (<see cref="StatisticsPeriod.Of"/>).</summary>
    /// <exception cref="Grains.Errors.CareGridException"><c>VALIDATION_FAILED</c> naming <c>period.from</c> or <c>period.to</c>.</exception>
    public StatisticsPeriod ToPeriod() => StatisticsPeriod.Of(From, To);
}

/// <summary>GraphQL <c>StatisticsPeriodInput</c>.</summary>
public sealed class StatisticsPeriodInputType : TypedInputType<StatisticsPeriodInput>
{
    /// <summary>Defines the fields.</summary>
    public StatisticsPeriodInputType()
    {
        Name = "StatisticsPeriodInput";
        Description = "Whole weeks in the tenant's time zone: from a Monday to a Sunday, at most 53 weeks.";
        Field<NonNullGraphType<DateOnlyGraphType>>("from").Description("The first day: a Monday.");
        Field<NonNullGraphType<DateOnlyGraphType>>("to").Description("The last day: a Sunday on or after `from`.");
    }
}

/// <summary>GraphQL <c>ReportLanguage</c>: EN or ZH_HANS.</summary>
public sealed class ReportLanguageType : EnumerationGraphType<ReportLanguage>
{
    /// <summary>Defines the values.</summary>
    public ReportLanguageType()
    {
        Name = "ReportLanguage";
        Description = "The language of labels, titles and column headers: EN (English) or ZH_HANS (简体中文).";
    }
}
