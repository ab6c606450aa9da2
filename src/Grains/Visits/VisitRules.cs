using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Visits;

/// <summary>
/// The rules of the visit log (R-6.2 home visits, R-7.3 talks and group activities, R-2.2 contact with parents): what a visit
/// may say, how many one person's log holds, and which day of which month a visit counts on (docs/visits.md). Plain: no Orleans.
/// </summary>
public static partial class VisitRules
{
    /// <summary>Visits kept per person (docs/storage.md: one grain's state stays far below 1 MiB). The next one is refused with <c>VISIT_LOG_FULL</c>.</summary>
    public const int MaxVisitsPerPerson = 200;

    /// <summary>Longest visit note, in characters.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>How many days back a visit may be logged (a school year and a day).</summary>
    public const int MaxDaysBack = 366;

    /// <summary>Longest coverage period, in days (inclusive of both ends).</summary>
    public const int MaxPeriodDays = 366;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z")]
    private static partial Regex IdPattern();

    /// <summary>
    /// Adds the visit <paramref name="input"/> to <paramref name="state"/> and returns it; a visit with the same id and the same
    /// kind, day and note is returned unchanged (a retry) and <c>Added</c> is false.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (fields <c>input.id</c>, <c>input.on</c>, <c>input.note</c>);
    /// <c>ALREADY_EXISTS</c> (the id names another visit); <c>VISIT_LOG_FULL</c>. Nothing changes on an error.</exception>
    public static (Visit Visit, bool Added) Log(PersonVisitsState state, string personId, string organizationId, LogVisit input,
        DateOnly today, string loggedBy, DateTimeOffset now, string newId)
    {
        var id = input.Id ?? newId;
        if (!IdPattern().IsMatch(id))
        {
            throw CareGridException.Validation("input.id", "input.id is 1–64 letters, digits, '-' or '_'; omit it to have one generated.");
        }

        if (state.Visits.Find(v => v.Id == id) is { } known)
        {
            return known.Kind == input.Kind && known.On == input.On && known.Note == Trimmed(input.Note)
                ? (known, false)
                : throw new CareGridException(ErrorCodes.AlreadyExists, $"Visit '{id}' of person '{personId}' was logged with other details; use another input.id.",
                    new Dictionary<string, string> { ["field"] = "input.id" });
        }

        Check(input, today);
        if (state.Visits.Count >= MaxVisitsPerPerson)
        {
            throw new CareGridException(ErrorCodes.VisitLogFull,
                $"Person '{personId}' already has {MaxVisitsPerPerson} visits logged, the most one person's log keeps (docs/visits.md); nothing was logged.",
                new Dictionary<string, string> { ["personId"] = personId, ["limit"] = MaxVisitsPerPerson.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var visit = new Visit(id, personId, input.Kind, input.On, organizationId, Trimmed(input.Note), loggedBy, now);
        state.Visits.Add(visit);
        return (visit, true);
    }

    /// <summary>Checks the day and the note of <paramref name="input"/>.</summary>
    private static void Check(LogVisit input, DateOnly today)
    {
        if (!Enum.IsDefined(input.Kind))
        {
            throw CareGridException.Validation("input.kind", "input.kind is HOME_VISIT, ONE_TO_ONE_TALK, GROUP_ACTIVITY or ONLINE_PARENT_CONTACT.");
        }

        if (input.On > today || input.On < today.AddDays(-MaxDaysBack))
        {
            throw CareGridException.Validation("input.on",
                $"input.on must lie between {today.AddDays(-MaxDaysBack):yyyy-MM-dd} and today ({today:yyyy-MM-dd}) in the tenant's time zone.");
        }

        CheckText(input.Note, "input.note", MaxNoteLength);
    }

    /// <summary>Refuses text longer than <paramref name="max"/> or with characters that cannot be stored (<see cref="StoredText"/>).</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> on <paramref name="field"/>.</exception>
    public static void CheckText(string? text, string field, int max)
    {
        if (Trimmed(text) is { Length: var n } && n > max)
        {
            throw CareGridException.Validation(field, $"{field} is at most {max} characters (got {n}); shorten it.");
        }

        StoredText.Ensure(text, field, multiline: true);
    }

    /// <summary>The text trimmed, or null when empty.</summary>
    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The month a day is tallied under: <c>yyyy-MM</c>.</summary>
    public static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bit of <paramref name="day"/> in its month's day mask.</summary>
    public static int BitOf(DateOnly day) => 1 << (day.Day - 1);

    /// <summary>The months of the period <paramref name="from"/>–<paramref name="to"/>, with the mask of the period's days in each.</summary>
    public static IReadOnlyList<(string Month, int Mask)> Months(DateOnly from, DateOnly to)
    {
        var months = new List<(string, int)>();
        for (var first = new DateOnly(from.Year, from.Month, 1); first <= to; first = first.AddMonths(1))
        {
            var mask = 0;
            for (var day = first < from ? from : first; day <= to && day.Month == first.Month; day = day.AddDays(1))
            {
                mask |= BitOf(day);
            }

            months.Add((MonthOf(first), mask));
        }

        return months;
    }

    /// <summary>Checks a coverage period: <paramref name="from"/> not after <paramref name="to"/>, at most <see cref="MaxPeriodDays"/> days.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (field <c>from</c> or <c>to</c>).</exception>
    public static void CheckPeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw CareGridException.Validation("to", "to must not be before from.");
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxPeriodDays)
        {
            throw CareGridException.Validation("to", $"The period from–to is at most {MaxPeriodDays} days; ask for a shorter one.");
        }
    }

    /// <summary>True when <paramref name="visit"/> counts for unit <paramref name="organizationId"/> in the period (the recount's rule).</summary>
    public static bool Counts(Visit visit, string organizationId, DateOnly from, DateOnly to) =>
        visit.OrganizationId == organizationId && visit.On >= from && visit.On <= to;
}
