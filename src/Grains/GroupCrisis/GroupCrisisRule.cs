using CareGrid.Grains.Errors;

namespace CareGrid.Grains.GroupCrisis;

/// <summary>
/// A tenant's group-crisis rule (R-4.5 "report signs of a group crisis"): when at least <see cref="Threshold"/> distinct
/// people of one unit (a class, a community) are flagged in a census or are the subject of a concern within one fixed
/// window of <see cref="WindowDays"/> days, the leadership group (Supervisor) gets one alert for that unit and window
/// (docs/group-crisis.md). Stored in the tenant's settings (<see cref="Tenancy.TenantSettings.GroupCrisis"/>).
/// </summary>
/// <param name="Threshold">People, <see cref="MinThreshold"/>–<see cref="MaxThreshold"/>.</param>
/// <param name="WindowDays">Length of a window in days, <see cref="MinWindowDays"/>–<see cref="MaxWindowDays"/>; windows are
/// aligned on <see cref="GroupCrisisWindow.Epoch"/> in the tenant's time zone (7 days: Monday to Sunday).</param>
/// <param name="Enabled">False turns the warning off for the tenant (signals are then ignored, nothing is counted).</param>
[GenerateSerializer, Alias("CareGrid.GroupCrisisRule"), Immutable]
public sealed record GroupCrisisRule(
    [property: Id(0)] int Threshold,
    [property: Id(1)] int WindowDays,
    [property: Id(2)] bool Enabled = true)
{
    /// <summary>The fewest people that make a group (one person is an individual case, R-7.4).</summary>
    public const int MinThreshold = 2;

    /// <summary>The most people a threshold may ask for (below <see cref="GroupCrisisCounter.MaxPeoplePerWindow"/>, so counting never stops before an alert).</summary>
    public const int MaxThreshold = 1000;

    /// <summary>The shortest window, days.</summary>
    public const int MinWindowDays = 1;

    /// <summary>The longest window, days (about a school term's quarter).</summary>
    public const int MaxWindowDays = 92;

    /// <summary>CareGrid's default, which every tenant can change: 3 people in 7 days (one school week, Monday to Sunday).</summary>
    public static readonly GroupCrisisRule Default = new(3, 7);

    /// <summary>Accepts <paramref name="rule"/> (null: the default applies) or throws.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>threshold</c> or <c>windowDays</c>.</exception>
    public static void Ensure(GroupCrisisRule? rule)
    {
        if (rule is null)
        {
            return;
        }

        if (rule.Threshold is < MinThreshold or > MaxThreshold)
        {
            throw CareGridException.Validation("threshold", $"setGroupCrisisRule: threshold is {MinThreshold}–{MaxThreshold} people.");
        }

        if (rule.WindowDays is < MinWindowDays or > MaxWindowDays)
        {
            throw CareGridException.Validation("windowDays", $"setGroupCrisisRule: windowDays is {MinWindowDays}–{MaxWindowDays} days.");
        }
    }
}
