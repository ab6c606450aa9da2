using System.Globalization;
using System.Text.RegularExpressions;

namespace CareGrid.Grains.GroupCrisis;

/// <summary>
/// One group-crisis alert: a unit where at least <see cref="Threshold"/> people were flagged in a census or reported
/// about within one window. Counts only — no person, name or free text of a record (docs/group-crisis.md).
/// </summary>
/// <param name="Id"><c>{yyyyMMdd of the window's start}-{unit id}</c>: one per unit and window.</param>
/// <param name="OrganizationId">The unit (class, community).</param>
/// <param name="WindowStart">The window's first local date (tenant time zone).</param>
/// <param name="WindowDays">The window's length, days.</param>
/// <param name="Threshold">The threshold in force when the alert was raised, people.</param>
/// <param name="People">Distinct people counted in the window so far.</param>
/// <param name="FlaggedInCensus">Of them, people flagged in a census.</param>
/// <param name="WithConcerns">Of them, people a concern was reported about.</param>
/// <param name="RaisedAt">When the threshold was reached (UTC).</param>
/// <param name="UpdatedAt">When the counts last grew (UTC).</param>
/// <param name="AcknowledgedAt">When the leadership group acknowledged it (UTC), or null.</param>
/// <param name="AcknowledgedBy">The <c>sub</c> of who acknowledged it, or null.</param>
/// <param name="Response">The proposed response written on acknowledging (R-4.5 "with a proposed response"), or null.</param>
[GenerateSerializer, Alias("CareGrid.GroupCrisisAlert"), Immutable]
public sealed partial record GroupCrisisAlert(
    [property: Id(0)] string Id,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] DateOnly WindowStart,
    [property: Id(3)] int WindowDays,
    [property: Id(4)] int Threshold,
    [property: Id(5)] int People,
    [property: Id(6)] int FlaggedInCensus,
    [property: Id(7)] int WithConcerns,
    [property: Id(8)] DateTimeOffset RaisedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] DateTimeOffset? AcknowledgedAt = null,
    [property: Id(11)] string? AcknowledgedBy = null,
    [property: Id(12)] string? Response = null)
{
    /// <summary>The window's last local date (inclusive).</summary>
    public DateOnly WindowEnd => WindowStart.AddDays(WindowDays - 1);

    /// <summary>Raised, or acknowledged by the leadership group.</summary>
    public GroupCrisisAlertStatus Status => AcknowledgedAt is null ? GroupCrisisAlertStatus.Raised : GroupCrisisAlertStatus.Acknowledged;

    /// <summary>The id of the alert of unit <paramref name="organizationId"/> in the window starting <paramref name="windowStart"/>.</summary>
    public static string IdOf(string organizationId, DateOnly windowStart) =>
        windowStart.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + organizationId;

    /// <summary>True when <paramref name="id"/> has the shape of an alert id (8 digits, '-', a local id).</summary>
    public static bool IsWellFormedId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[0-9]{8}-[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>A group-crisis alert's status: <c>Raised → Acknowledged</c>.</summary>
[GenerateSerializer, Alias("CareGrid.GroupCrisisAlertStatus")]
public enum GroupCrisisAlertStatus
{
    /// <summary>Raised, waiting for the leadership group.</summary>
    Raised = 0,
    /// <summary>Acknowledged with a proposed response.</summary>
    Acknowledged = 1,
}
