using CareGrid.Grains.People;

namespace CareGrid.Grains.Imports;

public static partial class RosterCsv
{
    /// <summary>
    /// The forms a <c>sex</c> cell may take (any case; full-width letters read as half-width, <see cref="RosterColumns.FoldWidth(string)"/>): 男/女 as school
    /// systems export them (the national student registration system writes 男 or 女), 男性/女性, 男生/女生, M/F,
    /// male/female, boy/girl; U, unspecified, 未知 or 未说明 (the names GB/T 2261.1 gives codes 0 and 9) or empty for
    /// unspecified. Numeric codes (1/2, 0/1) are refused: files use them both ways.
    /// </summary>
    public const string SexForms = "男 or 女 (also 男性/女性, 男生/女生), M or F, male or female, boy or girl; U, unspecified, 未知, 未说明 or empty when unspecified";

    /// <summary>The sex a cell means (<see cref="SexForms"/>; null cell = unspecified), or null when the cell is none of them.</summary>
    public static Sex? TryParseSex(string? cell) => (cell is null ? null : RosterColumns.FoldWidth(cell).Trim())?.ToLowerInvariant() switch
    {
        null or "u" or "unspecified" or "未知" or "未说明" => Sex.Unspecified,
        "f" or "female" or "girl" or "女" or "女性" or "女生" => Sex.Female,
        "m" or "male" or "boy" or "男" or "男性" or "男生" => Sex.Male,
        _ => null,
    };
}
