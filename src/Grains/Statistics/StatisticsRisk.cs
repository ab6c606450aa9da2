using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// The risk bucket a case counts in (docs/statistics.md "Cases and tasks"): its risk level once graded, or null while nobody has
/// graded it (<see cref="CaseRow.RiskUngraded"/>, reported as unsure; docs/protocol.md "Ungraded reports"). The stored Low of an
/// ungraded case is a placeholder and is never counted as Low.
/// </summary>
public static class StatisticsRisk
{
    /// <summary>The key of the ungraded bucket in a roll-up and wherever a category needs a text key: <c>UNGRADED</c>.</summary>
    public const string UngradedKey = "UNGRADED";

    /// <summary>The case's risk bucket: null while not yet graded, else its level.</summary>
    /// <param name="row">The case's read-side row.</param>
    public static RiskLevel? Of(CaseRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.RiskUngraded ? null : row.RiskLevel;
    }
}
