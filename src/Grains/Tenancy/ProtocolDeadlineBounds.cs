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
    private static bool Exceeds(CaseTaskKind kind, DeadlineSpec spec)
    {
        var max = Max(kind);
        return NominalMinutes(spec) > NominalMinutes(max)
            || (spec.Unit == DeadlineUnit.WorkingDays && max.Unit is DeadlineUnit.Hours or DeadlineUnit.Minutes);
    }

    private static CareGridException TooLong(CaseTaskKind kind, DeadlineSpec spec)
    {
        var max = Max(kind);
        var (en, zh) = Words(max);
        var label = Statistics.StatisticsLabels.Kind(kind);
        return new CareGridException(ErrorCodes.ValidationFailed,
            Bilingual.Join(
                $"The deadline of {label.En} can be at most {en} (docs/protocol.md \"How long a deadline may be\"); {spec.Amount} {ApiName(spec.Unit.ToString())} is longer{(spec.Unit == DeadlineUnit.WorkingDays ? " (working days run over weekends and holidays: give it in hours)" : "")}. Nothing was changed.",
                $"“{label.Zh}”的时限最长为{zh}（见 docs/protocol.md）；{spec.Amount} {ApiName(spec.Unit.ToString())} 超出上限{(spec.Unit == DeadlineUnit.WorkingDays ? "（工作日会跨越周末和节假日，请以小时设定）" : "")}，设置未作更改。"),
            new Dictionary<string, string>
            {
                ["field"] = "amount", ["rule"] = Rule, ["kind"] = ApiName(kind.ToString()),
                ["maxAmount"] = max.Amount.ToString(CultureInfo.InvariantCulture), ["maxUnit"] = ApiName(max.Unit.ToString()),
            });
    }

    /// <summary>An enum member's name as the GraphQL schema spells it: <c>ProfessionalCrisisIntervention</c> → <c>PROFESSIONAL_CRISIS_INTERVENTION</c>.</summary>
    private static string ApiName(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static (string En, string Zh) Words(DeadlineSpec max) => max.Unit switch
    {
        DeadlineUnit.Hours => ($"{max.Amount} hours", $"{max.Amount} 小时"),
        DeadlineUnit.WorkingDays => ($"{max.Amount} days (working or calendar)", $"{max.Amount} 天（工作日或自然日）"),
        _ => ($"{max.Amount} calendar days", $"{max.Amount} 个自然日"),
    };
}
