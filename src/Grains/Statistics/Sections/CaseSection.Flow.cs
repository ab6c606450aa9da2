using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// The instants of a case's flow as its row tells them (docs/statistics.md "Cases and tasks"): the one seam through which
/// <see cref="CaseSection"/> reads when a case was last closed and last reopened.
/// </summary>
/// <remarks>
/// Today the row carries no closing or reopening instant, so a closed case counts as closed at its row's
/// <see cref="CaseRow.UpdatedAt"/> (its last change, the closing unless the closed case was changed since) and reopenings
/// are not known. When the row carries the case's timeliness facts (<c>CaseRow.Facts</c>, docs/statistics.md "Timeliness"),
/// both read them: <c>Facts.ClosedAt</c> (null while open) and <c>Facts.ReopenedAt</c>.
/// </remarks>
public static class CaseFlowInstants
{
    /// <summary>When the case was last closed, or null while it is open.</summary>
    public static DateTimeOffset? ClosedAt(CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Status == CaseStatus.Closed ? row.UpdatedAt : null;
    }

    /// <summary>When the case was last reopened, or null when never (or not known: see the remarks).</summary>
    public static DateTimeOffset? ReopenedAt(CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return null;
    }
}
