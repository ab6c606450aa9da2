using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Tenancy;

/// <summary>
/// What a tenant's protocol settings must satisfy before they are stored (docs/architecture.md "TenantGrain"): visit
/// intervals (R-1.10 "visits become more frequent"), the age of consent (PIPL art. 31, docs/consent.md), every deadline
/// (e.g. R-2.4's 5 working days) and the working-day calendar they are counted on.
/// </summary>
public static class TenantSettingsRules
{
    /// <summary>The longest follow-up visit interval, hours (one leap year).</summary>
    public const int MaxVisitEveryHours = 8784;

    /// <summary>
    /// Accepts <paramref name="settings"/> or throws. Deadlines and calendar are validated on construction
    /// (<see cref="DeadlineSpec"/>, <see cref="WorkingCalendar"/>); they are checked again here, so values that reached
    /// the grain another way (a <c>with</c> copy, a serialized record) are held to the same rules.
    /// </summary>
    /// <exception cref="ArgumentNullException">When <paramref name="settings"/> is null.</exception>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>visitEveryHours</c> (1–8784 hours),
    /// <c>years</c> (<see cref="People.AgeOfConsent.Min"/>–<see cref="People.AgeOfConsent.Max"/>), <c>weeks</c> (the trajectory review period, 1–52), <c>kind</c> (an unknown
    /// task kind), <c>intake</c> (an owner level other than 2 or 3, <see cref="IntakeRule"/>), <c>amount</c>/<c>unit</c> (a deadline), <c>calendar</c>/<c>timeZoneId</c>/<c>weekendDays</c>/<c>extraWorkingDays</c>, or <c>threshold</c>/<c>windowDays</c> (the group-crisis rule).</exception>
    public static void Ensure(TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.VisitEveryHoursDefault is < 1 or > MaxVisitEveryHours
            || settings.VisitEveryHoursHigh is < 1 or > MaxVisitEveryHours
            || settings.VisitEveryHoursImminent is < 1 or > MaxVisitEveryHours)
        {
            throw CareGridException.Validation("visitEveryHours", "A visit interval is 1–8784 hours.");
        }

        if (settings.AgeOfConsentYears is < People.AgeOfConsent.Min or > People.AgeOfConsent.Max)
        {
            throw CareGridException.Validation("years", $"The age of consent is {People.AgeOfConsent.Min}–{People.AgeOfConsent.Max} years.");
        }

        if (settings.TrajectoryReviewWeeks is < Trajectories.ScoreTrajectory.MinReviewWeeks or > Trajectories.ScoreTrajectory.MaxReviewWeeks)
        {
            throw CareGridException.Validation("weeks", "The trajectory review period is 1–52 weeks (setTrajectoryReviewWeeks).");
        }

        if (settings.Intake is { IsValid: false })
        {
            throw CareGridException.Validation("intake", "A new concern is owned by the level-2 or the level-3 queue (intake ownerLevel 2 or 3).");
        }

        EnsureDeadlines(settings.Deadlines);
        EnsureCalendar(settings.Calendar);
        GroupCrisis.GroupCrisisRule.Ensure(settings.GroupCrisis); // docs/group-crisis.md
    }

    private static void EnsureDeadlines(IReadOnlyDictionary<CaseTaskKind, DeadlineSpec>? deadlines)
    {
        if (deadlines is null)
        {
            throw CareGridException.Validation("deadlines", "The settings need their deadlines (an empty set uses the defaults).");
        }

        foreach (var (kind, spec) in deadlines)
        {
            if (!Enum.IsDefined(kind))
            {
                throw CareGridException.Validation("kind", $"Unknown task kind {(int)kind}.");
            }

            if (spec is null)
            {
                throw CareGridException.Validation("amount", $"The deadline of {kind} is missing.");
            }

            _ = new DeadlineSpec(spec.Amount, spec.Unit); // the constructor's checks: amount 0–MaxAmount(unit), a defined unit
        }
    }

    private static void EnsureCalendar(WorkingCalendar? calendar)
    {
        if (calendar is null)
        {
            throw CareGridException.Validation("calendar", "The settings need a working-day calendar.");
        }

        // The constructor's checks: a known IANA time zone, defined weekend days (not all seven), no holiday that is also
        // a make-up working day.
        _ = new WorkingCalendar(calendar.TimeZoneId, calendar.WeekendDays, calendar.Holidays, calendar.ExtraWorkingDays);
    }
}
