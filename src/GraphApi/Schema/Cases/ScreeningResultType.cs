using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>ScreeningResult</c>.</summary>
public sealed class ScreeningResultType : ObjectGraphType<Grains.Screening.ScreeningResult>
{
    /// <summary>Defines the fields.</summary>
    public ScreeningResultType()
    {
        Name = "ScreeningResult";
        Field(x => x.Instrument, type: typeof(NonNullGraphType<ScreeningInstrumentType>));
        Field(x => x.TotalScore, nullable: true).Description("Total score (null for the C-SSRS screener, which is not summed).");
        Field(x => x.Band, type: typeof(NonNullGraphType<EnumerationGraphType<Grains.Screening.SeverityBand>>));
        Field(x => x.SuicidalIdeationFlag);
        Field(x => x.SuggestedRiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>));
        Field(x => x.Prorated).Description("K10 with one missing item, prorated.");
        this.ReachedThroughParent();
    }
}
