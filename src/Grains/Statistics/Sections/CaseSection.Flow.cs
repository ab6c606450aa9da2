using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics.Sections;

/// <summary>
/// The instants of a case's flow as its row tells them (docs/statistics.md "Cases and tasks"): the one place
/// <see cref="CaseSection"/> reads when a case was last closed and last reopened — from the case's timeliness facts
/// (<see cref="CaseRow.Facts"/>, docs/statistics.md "Timeliness").
/// </summary>
/// <remarks>
/// A row written before rows carried facts (or a closed case whose facts do not know its closing) counts as closed at its
/// <see cref="CaseRow.UpdatedAt"/> — its last change, the closing unless the closed case changed since — and as never
/// reopened; the case's next row write brings its facts.
/// </remarks>
public static class CaseFlowInstants
{
    /// <summary>When the case was last closed, or null while it is open.</summary>
    public static DateTimeOffset? ClosedAt(CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Status == CaseStatus.Closed ? row.Facts?.ClosedAt ?? row.UpdatedAt : null;
    }

    /// <summary>When the case was last reopened, or null when never (or not known: see the remarks).</summary>
    public static DateTimeOffset? ReopenedAt(CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Facts?.ReopenedAt;
    }
}
