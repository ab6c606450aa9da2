using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// The instants of a case's flow as its row tells them (docs/statistics.md "Cases and tasks"): the one seam through which
/// <see cref="CaseSection"/> reads when a case was last closed and last reopened.
/// </summary>
/// <remarks>
/// A row that carries the case's timeliness facts (<see cref="CaseRow.Facts"/>, docs/statistics.md "Timeliness") tells both:
/// <c>Facts.ClosedAt</c> (null while open) and <c>Facts.ReopenedAt</c>. A row without facts (written before rows carried them;
/// the case rewrites it when next activated) falls back to its <see cref="CaseRow.UpdatedAt"/> for a closed case (its last
/// change, the closing unless the closed case was changed since), and no reopening is known.
/// </remarks>
public static class CaseFlowInstants
{
    /// <summary>When the case was last closed, or null while it is open.</summary>
    public static DateTimeOffset? ClosedAt(CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Status != CaseStatus.Closed)
        {
            return null;
        }

        return row.Facts?.ClosedAt ?? row.UpdatedAt;
    }

    /// <summary>When the case was last reopened, or null when never (or not known: see the remarks).</summary>
    public static DateTimeOffset? ReopenedAt(CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Facts?.ReopenedAt;
    }
}
