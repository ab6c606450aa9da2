namespace CareGrid.Grains.Statistics;

/// <summary>The language of labels, titles and column headers in statistics, tables and exports (docs/statistics.md).</summary>
[GenerateSerializer, Alias("CareGrid.ReportLanguage")]
public enum ReportLanguage
{
    /// <summary>English.</summary>
    En,

    /// <summary>Simplified Chinese (简体中文), the language of the plans' supervisors.</summary>
    ZhHans,
}

/// <summary>A text in both report languages.</summary>
/// <param name="En">English.</param>
/// <param name="Zh">Simplified Chinese.</param>
[GenerateSerializer, Alias("CareGrid.LocalizedText"), Immutable]
public sealed record LocalizedText([property: Id(0)] string En, [property: Id(1)] string Zh)
{
    /// <summary>The text in <paramref name="language"/>.</summary>
    public string In(ReportLanguage language) => language == ReportLanguage.ZhHans ? Zh : En;
}
