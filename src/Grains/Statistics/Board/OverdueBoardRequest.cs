using System.Globalization;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// What a caller asks of <see cref="ITenantStatisticsGrain.Board"/> (the overdue board, R-1.10, R-1.13, R-4.3;
/// docs/statistics.md "Overdue board"). Build it with <see cref="Of"/>, which checks every member.
/// </summary>
/// <param name="OrganizationIds">The units listed (a unit and its subtree, or a Coordinator's scope), or null for the whole
/// tenant including tasks of cases without a unit.</param>
/// <param name="DueWithinHours">0: only overdue tasks (due strictly before now); 1–<see cref="MaxDueWithinHours"/>: also the tasks
/// due strictly before now plus that many hours ("at risk").</param>
/// <param name="First">Items per page, 1–<see cref="MaxPageSize"/>.</param>
/// <param name="After">The position after which the page starts (the last item of the previous page), or null for the first page.</param>
[GenerateSerializer, Alias("CareGrid.OverdueBoardRequest"), Immutable]
public sealed record OverdueBoardRequest(
    [property: Id(0)] IReadOnlyList<string>? OrganizationIds,
    [property: Id(1)] int DueWithinHours,
    [property: Id(2)] int First,
    [property: Id(3)] OverdueBoardCursor? After)
{
    /// <summary>The widest at-risk window: one week.</summary>
    public const int MaxDueWithinHours = 168;

    /// <summary>The largest page (exports read in pages of this size; GraphQL allows at most 100).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>A checked request.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> naming <c>dueWithinHours</c> (outside 0–168) or <c>first</c> (outside 1–1000).</exception>
    public static OverdueBoardRequest Of(IReadOnlyList<string>? organizationIds, int dueWithinHours, int first, OverdueBoardCursor? after)
    {
        if (dueWithinHours is < 0 or > MaxDueWithinHours)
        {
            throw CareGridException.Validation("dueWithinHours", $"dueWithinHours is 0 (overdue only) to {MaxDueWithinHours} (a week); it was {dueWithinHours}.");
        }

        if (first is < 1 or > MaxPageSize)
        {
            throw CareGridException.Validation("first", $"first is 1–{MaxPageSize}; it was {first}.");
        }

        return new OverdueBoardRequest(organizationIds, dueWithinHours, first, after);
    }
}

/// <summary>
/// A stable position on the board: the due instant and the task row id (<c>{caseId}:{taskId}</c>) of the last item seen. A
/// page starts strictly after it, so items added or removed elsewhere never repeat or skip the items that stay.
/// </summary>
/// <param name="DueAt">The item's due instant.</param>
/// <param name="TaskRowId">The item's task row id.</param>
[GenerateSerializer, Alias("CareGrid.OverdueBoardCursor"), Immutable]
public sealed record OverdueBoardCursor([property: Id(0)] DateTimeOffset DueAt, [property: Id(1)] string TaskRowId)
{
    /// <summary>The cursor as text: <c>{UTC ticks}:{task row id}</c> (the API wraps it in base64url, docs/api.md).</summary>
    public string Format() => $"{DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{TaskRowId}";

    /// <summary>The cursor of <see cref="Format"/>'s text.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> naming <c>after</c> when <paramref name="text"/> is not such a text.</exception>
    public static OverdueBoardCursor Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < text.Length - 1
            && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks)
        {
            return new OverdueBoardCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(colon + 1)..]);
        }

        throw CareGridException.Validation("after", "Malformed cursor: pass the overdue board's pageInfo.endCursor back unchanged.");
    }
}
