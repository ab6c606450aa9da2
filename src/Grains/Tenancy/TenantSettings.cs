using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Tenancy;

/// <summary>
/// A tenant's protocol settings: its working-day calendar and the deadline of each task kind. Deadlines are
/// measured from the moment the task is created: hours are elapsed hours; working days end at local midnight
/// of the N-th working day after the start day on <see cref="Calendar"/> (see <see cref="DeadlineSpec"/>).
/// </summary>
/// <param name="Calendar">Working-day calendar: time zone, weekends, holidays, make-up working days.</param>
/// <param name="Deadlines">Deadline per task kind; a kind missing here uses <see cref="DefaultDeadlines"/>.</param>
/// <param name="VisitEveryHoursDefault">Follow-up visit interval for Low/Moderate cases, hours (default 336 = 14 days).</param>
/// <param name="VisitEveryHoursHigh">Raised interval at High risk, hours (default 48), R-1.10 "visits become more frequent".</param>
/// <param name="VisitEveryHoursImminent">Raised interval at Imminent risk, hours (default 24).</param>
/// <param name="AgeOfConsentYears">
/// The tenant's age of consent in years (10–21), below which only a guardian decides on consent; null = the default 14
/// (PIPL art. 31; see <see cref="People.AgeOfConsent"/>). Nullable so settings stored before it existed read as the default.
/// </param>
/// <param name="Intake">
/// How a new concern travels (<see cref="IntakeRule"/>: the queue that owns a new case; ), carried from the
/// jurisdiction template at onboarding. Null only in settings built in code (a new case is then opened unowned):
/// <see cref="TenantAggregate.Settings"/> fills a stored tenant's missing rule with its kind's (<see cref="IntakeRule.ForKind"/>).
/// </param>
/// <param name="GroupCrisis">
/// The group-crisis rule (R-4.5: threshold of people and window in days, docs/group-crisis.md); null = <see cref="CareGrid.Grains.GroupCrisis.GroupCrisisRule.Default"/>
/// (3 people in 7 days), so settings stored before it existed read as the default.
/// </param>
/// <param name="TrajectoryReviewWeeks">Review period of score trajectories in weeks (1–52), null = the default 8 (R-3.6; docs/trajectories.md).</param>
[GenerateSerializer, Alias("CareGrid.TenantSettings"), Immutable]
public sealed record TenantSettings(
    [property: Id(0)] WorkingCalendar Calendar,
    [property: Id(1)] IReadOnlyDictionary<CaseTaskKind, DeadlineSpec> Deadlines,
    [property: Id(2)] int VisitEveryHoursDefault = 336,
    [property: Id(3)] int VisitEveryHoursHigh = 48,
    [property: Id(4)] int VisitEveryHoursImminent = 24,
    [property: Id(5)] int? AgeOfConsentYears = null,
    [property: Id(6)] IntakeRule? Intake = null,
    [property: Id(100)] CareGrid.Grains.GroupCrisis.GroupCrisisRule? GroupCrisis = null,
    [property: Id(110)] int? TrajectoryReviewWeeks = null)
{
    /// <summary>
    /// Weeks after a followed-up person's first score before a score that is not reliably better is flagged (R-3.6;
    /// <see cref="TrajectoryReviewWeeks"/> else <see cref="Trajectories.ScoreTrajectory.DefaultReviewWeeks"/>; docs/trajectories.md).
    /// </summary>
    public int ReviewWeeks => TrajectoryReviewWeeks ?? Trajectories.ScoreTrajectory.DefaultReviewWeeks;

    /// <summary>The age of consent in years: <see cref="AgeOfConsentYears"/>, else <see cref="People.AgeOfConsent.Default"/> (14).</summary>
    public int AgeOfConsent => AgeOfConsentYears ?? People.AgeOfConsent.Default;

    /// <summary>
    /// CareGrid's default deadlines. says "immediately" for reporting and family contact without a number;
    /// these are CareGrid's operational reading of it, which every tenant can change:
    /// notify the family's emergency contact 2 h; professional crisis intervention 24 h; raised visit
    /// frequency arranged 24 h; guidance to a psychiatric institution 3 working days; police transport
    /// assistance (Imminent only) 1 h; discharge hand-over 5 working days; a follow-up visit 14 calendar days; the
    /// community check of a received discharge 5 working days; grading the risk of a case reported as unsure 24 h
    /// (R-1.5, R-1.10 timely assessment; docs/protocol.md "Ungraded reports").
    /// </summary>
    public static readonly IReadOnlyDictionary<CaseTaskKind, DeadlineSpec> DefaultDeadlines = new Dictionary<CaseTaskKind, DeadlineSpec>
    {
        [CaseTaskKind.NotifyFamilyEmergencyContact] = new(2, DeadlineUnit.Hours),
        [CaseTaskKind.ProfessionalCrisisIntervention] = new(24, DeadlineUnit.Hours),
        [CaseTaskKind.RaiseVisitFrequency] = new(24, DeadlineUnit.Hours),
        [CaseTaskKind.GuideToPsychiatricInstitution] = new(3, DeadlineUnit.WorkingDays),
        [CaseTaskKind.PoliceTransportAssistance] = new(1, DeadlineUnit.Hours),
        [CaseTaskKind.DischargeHandOver] = new(5, DeadlineUnit.WorkingDays),
        [CaseTaskKind.FollowUpVisit] = new(14, DeadlineUnit.CalendarDays),
        [CaseTaskKind.DischargeCommunityCheck] = new(5, DeadlineUnit.WorkingDays), // docs/discharge.md
        [CaseTaskKind.GradeRisk] = new(24, DeadlineUnit.Hours), // docs/protocol.md "Ungraded reports"
    };

    /// <summary>The settings of a new tenant in <paramref name="timeZone"/>: Saturday/Sunday weekends, no holidays, default deadlines.</summary>
    public static TenantSettings Default(string timeZone) => new(new WorkingCalendar(timeZone), DefaultDeadlines);

    /// <summary>The deadline of a task kind (the tenant's, else the default).</summary>
    public DeadlineSpec DeadlineFor(CaseTaskKind kind) =>
        Deadlines.TryGetValue(kind, out var spec) ? spec : DefaultDeadlines[kind];

    /// <summary>
    /// When a task of <paramref name="kind"/> opened at <paramref name="from"/> falls due: <see cref="DeadlineFor"/> counted on
    /// <see cref="Calendar"/>, at most the kind's calendar cap later (<see cref="ProtocolDeadlineBounds.Due"/>, RT17-9).
    /// </summary>
    /// <param name="kind">The task's kind.</param>
    /// <param name="from">When the task's clock starts (e.g. now, or a discharge's time); any offset.</param>
    /// <returns>The due instant (UTC), and the uncapped one when the cap cut it.</returns>
    public ProtocolDue DueFor(CaseTaskKind kind, DateTimeOffset from) => ProtocolDeadlineBounds.Due(kind, DeadlineFor(kind), from, Calendar);

    /// <summary>The follow-up visit interval in hours at a risk level.</summary>
    public int VisitEveryHours(RiskLevel risk) => risk switch
    {
        RiskLevel.Imminent => VisitEveryHoursImminent,
        RiskLevel.High => VisitEveryHoursHigh,
        _ => VisitEveryHoursDefault,
    };
}
