using System.Globalization;
using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;

namespace CareGrid.Grains.Tenancy;

/// <summary>
/// The longest deadline a tenant may set for each task kind with <c>setProtocolDeadline</c> (red-team finding F13,
/// docs/protocol.md "How long a deadline may be"). The plans name one number (R-2.4: 5 working days) and otherwise say "at
/// once" (R-1.5, R-1.10); each bound is a small multiple of CareGrid's default that still reads as the plan's word, so a
/// 24-hour crisis intervention cannot be stretched to 90 days and leave a high-risk case without a deadline that escalates it:
/// <list type="bullet">
/// <item>notify the family's emergency contact, police transport assistance — at most 24 hours (R-1.10 "at once"; default 2 h, 1 h);</item>
/// <item>professional crisis intervention, arrange the raised visit frequency — at most 72 hours (R-1.10; default 24 h; the first
/// raised visit is due 24–48 h after the rise);</item>
/// <item>grade the risk of a case reported as unsure — at most 72 hours (R-1.5, R-1.10 timely assessment; default 24 h): an
/// ungraded case may be a high-risk one, so it waits no longer than a graded High case's crisis intervention may;</item>
/// <item>guide to a psychiatric institution — at most 5 days (R-1.5, R-1.10 "at once"; default 3 working days);</item>
/// <item>discharge hand-over, community check of a received discharge — at most 5 days (R-2.4 "within 5 working days", the plan's
/// own number);</item>
/// <item>follow-up visit — at most 30 calendar days (R-2.2 regular visits; default 14 calendar days).</item>
/// </list>
/// A deadline is compared by its nominal length: minutes, hours, and one day (24 hours) for each calendar or working day — a
/// weekend or holiday may make working days longer, which the bound accepts (5 working days is the plan's own wording).
/// How much longer is capped in elapsed time when a task's due time is computed (<see cref="CalendarCap"/>, <see cref="Due"/>;
/// round 17 red team RT17-9): a run of declared holidays cannot push a high-risk deadline weeks away.
/// </summary>
public static class ProtocolDeadlineBounds
{
    /// <summary>The <c>rule</c> of a refusal: <c>deadline-bound</c>.</summary>
    public const string Rule = "deadline-bound";

    /// <summary>The longest deadline of <paramref name="kind"/>, in its natural unit (see the class summary for the sources).</summary>
    /// <param name="kind">A task kind.</param>
    public static DeadlineSpec Max(CaseTaskKind kind) => kind switch
    {
        CaseTaskKind.NotifyFamilyEmergencyContact or CaseTaskKind.PoliceTransportAssistance => new(24, DeadlineUnit.Hours),
        CaseTaskKind.ProfessionalCrisisIntervention or CaseTaskKind.RaiseVisitFrequency or CaseTaskKind.GradeRisk => new(72, DeadlineUnit.Hours),
        CaseTaskKind.GuideToPsychiatricInstitution or CaseTaskKind.DischargeHandOver or CaseTaskKind.DischargeCommunityCheck => new(5, DeadlineUnit.WorkingDays),
        _ => new(30, DeadlineUnit.CalendarDays),
    };

    /// <summary>
    /// The longest run of statutory public holidays (days off in a row, weekends included) of the State Council's holiday
    /// schedules: 9 days, the 2026 Spring Festival (15–23 February). <see cref="CalendarCap"/> allows for one such run.
    /// </summary>
    public const int LongestHolidayRunDays = 9;

    /// <summary>
    /// The most time a task of <paramref name="kind"/> may run from the moment it opens, whatever the tenant's calendar
    /// (round 17 red team RT17-9: 40 declared holidays turned "guide to a psychiatric institution at once" into a deadline 44
    /// days away, and an overdue high-risk case escalated weeks late). A kind bounded in hours gets its bound and nothing more:
    /// notify the family's emergency contact and police transport 24 hours, crisis intervention and raised visits 72 hours
    /// (R-1.10 "at once"; a crisis does not wait for a holiday to end). A kind bounded in days gets its bound plus one
    /// <see cref="LongestHolidayRunDays"/> run: guide to a psychiatric institution (R-1.5, R-1.10) and the discharge hand-over
    /// and community check (R-2.4) 5 + 9 = 14 days, a follow-up visit (R-2.2) 30 + 9 = 39 days. Spring Festival or Golden Week
    /// on a true national calendar still leaves the plan's working days in force (5 working days across the 2026 Spring
    /// Festival end at most 14 days and 9 hours after a Friday afternoon, so only those hours are cut); a school that imports
    /// its winter or summer vacation as holidays, or a mistyped range, meets the cap instead.
    /// </summary>
    /// <param name="kind">A task kind.</param>
    /// <returns>Elapsed time from the task's start.</returns>
    public static TimeSpan CalendarCap(CaseTaskKind kind)
    {
        var max = Max(kind);
        var bound = TimeSpan.FromMinutes(NominalMinutes(max));
        return max.Unit is DeadlineUnit.Hours or DeadlineUnit.Minutes ? bound : bound + TimeSpan.FromDays(LongestHolidayRunDays);
    }

    /// <summary>
    /// When a task of <paramref name="kind"/> opened at <paramref name="from"/> falls due: the earlier of <paramref name="spec"/>
    /// counted on <paramref name="calendar"/> (<see cref="DeadlineSpec.Due"/>) and <paramref name="from"/> plus
    /// <see cref="CalendarCap"/> (RT17-9). The cap holds for every unit, so a deadline stored before the bounds existed (say 90
    /// days of crisis intervention) is cut too while the setting itself stays as stored (docs/protocol.md "How long a deadline may be").
    /// </summary>
    /// <param name="kind">The task's kind.</param>
    /// <param name="spec">The tenant's deadline for the kind.</param>
    /// <param name="from">When the task's clock starts; any offset.</param>
    /// <param name="calendar">The tenant's working calendar.</param>
    /// <returns>The due instant (UTC) and, when the cap cut it, the later instant the calendar alone gave.</returns>
    /// <exception cref="CareGridException"><see cref="ErrorCodes.ValidationFailed"/> as <see cref="DeadlineSpec.Due"/>.</exception>
    public static ProtocolDue Due(CaseTaskKind kind, DeadlineSpec spec, DateTimeOffset from, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var counted = spec.Due(from, calendar);
        var cap = from.ToUniversalTime() + CalendarCap(kind);
        return counted <= cap ? new ProtocolDue(counted, null) : new ProtocolDue(cap, counted);
    }

    /// <summary>A deadline's nominal length in minutes: minutes, hours × 60, days (calendar or working) × 1,440.</summary>
    /// <param name="spec">The deadline.</param>
    public static long NominalMinutes(DeadlineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Unit switch
        {
            DeadlineUnit.Minutes => spec.Amount,
            DeadlineUnit.Hours => spec.Amount * 60L,
            _ => spec.Amount * 1440L,
        };
    }

    /// <summary>
    /// Refuses a deadline of <paramref name="after"/> that differs from <paramref name="before"/> and is longer than its kind's
    /// <see cref="Max"/>. A deadline the tenant already had is left as it is (settings stored before the bound still save),
    /// so only a change is held to the bound.
    /// </summary>
    /// <param name="before">The settings in force.</param>
    /// <param name="after">The settings about to be stored.</param>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c>, field <c>amount</c>, rule <c>deadline-bound</c>, with
    /// <c>kind</c>, <c>maxAmount</c> and <c>maxUnit</c>; nothing is stored.</exception>
    public static void EnsureChanges(TenantSettings before, TenantSettings after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        foreach (var (kind, spec) in after.Deadlines ?? new Dictionary<CaseTaskKind, DeadlineSpec>())
        {
            if (spec is null || !Enum.IsDefined(kind) || Equals(spec, before.DeadlineFor(kind)) || !Exceeds(kind, spec))
            {
                continue;
            }

            throw TooLong(kind, spec);
        }
    }

    /// <summary>
    /// True when <paramref name="spec"/> may run past <paramref name="kind"/>'s <see cref="Max"/>: longer by nominal length, or
    /// given in working days for a kind bounded in hours — a working day's real length depends on the weekends and holidays
    /// after it (one working day from a Friday evening before Golden Week falls due eight or more days later), so "1 working
    /// day" is not at most 24 hours (round 17 red team RT17-1).
    /// </summary>
    /// <param name="kind">A task kind.</param>
    /// <param name="spec">A deadline for it.</param>
    public static bool Exceeds(CaseTaskKind kind, DeadlineSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var max = Max(kind);
        return NominalMinutes(spec) > NominalMinutes(max)
            || (spec.Unit == DeadlineUnit.WorkingDays && max.Unit is DeadlineUnit.Hours or DeadlineUnit.Minutes);
    }

    private static CareGridException TooLong(CaseTaskKind kind, DeadlineSpec spec)
    {
        var max = Max(kind);
        var (maxEn, maxZh) = Words(max);
        var (en, zh) = AmountWords(spec);
        var label = Statistics.StatisticsLabels.Kind(kind);
        var inHours = spec.Unit == DeadlineUnit.WorkingDays && max.Unit is DeadlineUnit.Hours or DeadlineUnit.Minutes;
        return new CareGridException(ErrorCodes.ValidationFailed,
            Bilingual.Join(
                $"The deadline of {label.En} can be at most {maxEn} (docs/protocol.md \"How long a deadline may be\"); {en} is longer{(inHours ? " (working days run over weekends and holidays: give it in hours)" : "")}. Nothing was changed.",
                $"“{label.Zh}”的时限最长为 {maxZh}（见 docs/protocol.md）；设为 {zh} 超出上限{(inHours ? "（工作日会跨越周末和节假日，请以小时设定）" : "")}，设置未作更改。"),
            new Dictionary<string, string>
            {
                ["field"] = "amount", ["rule"] = Rule, ["kind"] = ApiName(kind.ToString()),
                ["maxAmount"] = max.Amount.ToString(CultureInfo.InvariantCulture), ["maxUnit"] = ApiName(max.Unit.ToString()),
            });
    }

    /// <summary>
    /// The problem of a jurisdiction template's deadline past its kind's bound, in English and Chinese (<see cref="Bilingual.Join"/>),
    /// or null when <paramref name="spec"/> is within it; <see cref="Jurisdictions.JurisdictionTemplateCatalog"/> refuses such a
    /// template when it loads, so no tenant is provisioned from it.
    /// </summary>
    /// <param name="kind">The deadline's task kind.</param>
    /// <param name="spec">The template's deadline.</param>
    public static string? TemplateProblem(CaseTaskKind kind, DeadlineSpec spec)
    {
        if (!Exceeds(kind, spec))
        {
            return null;
        }

        var (maxEn, maxZh) = Words(Max(kind));
        var (en, zh) = AmountWords(spec);
        var label = Statistics.StatisticsLabels.Kind(kind);
        return Bilingual.Join(
            $"deadline {kind}: {en} for {label.En} is longer than its bound of {maxEn} (docs/protocol.md \"How long a deadline may be\"); fix the template.",
            $"期限 {kind}：“{label.Zh}”设为 {zh}，超出上限 {maxZh}（见 docs/protocol.md）；请修改模板。");
    }

    /// <summary>An enum member's name as the GraphQL schema spells it: <c>ProfessionalCrisisIntervention</c> → <c>PROFESSIONAL_CRISIS_INTERVENTION</c>.</summary>
    private static string ApiName(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static (string En, string Zh) Words(DeadlineSpec max) => max.Unit switch
    {
        DeadlineUnit.WorkingDays => ($"{max.Amount} days (working or calendar)", $"{max.Amount} 个工作日或自然日"),
        _ => AmountWords(max),
    };

    /// <summary>
    /// A deadline in words: English ("3 working days", "1 hour") and Chinese ("3 个工作日", "1 小时", "30 个自然日") — the
    /// console's settings page's terms (个自然日 for calendar days, never a bare 天), so a refusal and the page agree.
    /// </summary>
    private static (string En, string Zh) AmountWords(DeadlineSpec spec)
    {
        var n = spec.Amount.ToString(CultureInfo.InvariantCulture);
        var s = spec.Amount == 1 ? "" : "s";
        return spec.Unit switch
        {
            DeadlineUnit.Minutes => ($"{n} minute{s}", $"{n} 分钟"),
            DeadlineUnit.Hours => ($"{n} hour{s}", $"{n} 小时"),
            DeadlineUnit.CalendarDays => ($"{n} calendar day{s}", $"{n} 个自然日"),
            _ => ($"{n} working day{s}", $"{n} 个工作日"),
        };
    }
}
