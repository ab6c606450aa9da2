using System.Globalization;
using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Domain;

/// <summary>
/// Fixed instants, actors and tenant settings for the case aggregate's unit tests (no silo, no clock: every instant is
/// written out). The default tenant is in Asia/Shanghai with CareGrid's default deadlines.
/// </summary>
internal static class CaseDomain
{
    /// <summary>Friday 8 March 2024, 15:00 in Shanghai (07:00 UTC).</summary>
    public static readonly DateTimeOffset Friday = At("2024-03-08T07:00:00Z");

    public static readonly TenantSettings Shanghai = TenantSettings.Default("Asia/Shanghai");

    public static readonly Actor Homeroom = new("homeroom@t", [Roles.Caseworker]);
    public static readonly Actor Psych = new("psych@t", [Roles.Counsellor]);
    public static readonly Actor Clinician = new("clinician@t", [Roles.Clinician]);
    public static readonly Actor GradeLeader = new("grade@t", [Roles.Coordinator]);
    public static readonly Actor Volunteer = new("volunteer@t", [Roles.Volunteer]);
    public static readonly Actor Auditor = new("auditor@t", [Roles.Auditor]);

    public static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    /// <summary>A case reported by <paramref name="by"/> at <paramref name="at"/> (default <see cref="Friday"/>), graded <paramref name="risk"/> by the reporter.</summary>
    public static CaseAggregate Reported(RiskLevel risk = RiskLevel.Low, Actor? by = null, DateTimeOffset? at = null, TenantSettings? settings = null)
    {
        var reporter = by ?? Homeroom;
        var opened = CaseAggregate.Open("student-1", "class-1", "Told a classmate he wants to disappear", reporter, settings ?? Shanghai, at ?? Friday);
        opened.RaiseRisk(risk, reporter, CaseAggregate.ReporterGradingReason, firstGrading: true); // as the case grain opens it
        return opened;
    }

    /// <summary>The next command on the same case at <paramref name="now"/> (a new aggregate, as the grain builds one per command).</summary>
    public static CaseAggregate Then(this CaseAggregate c, DateTimeOffset now, TenantSettings? settings = null) => new(c.State, settings ?? Shanghai, now);

    /// <summary>
    /// <paramref name="c"/> with <paramref name="subject"/> known to the staff index with <paramref name="roles"/>, as the
    /// grain looks up the assignee of <c>activateCase</c> (docs/api.md).
    /// </summary>
    public static CaseAggregate Known(this CaseAggregate c, string subject, params string[] roles)
    {
        c.NamedAssignee = new NamedAssignee("case-1", subject, roles);
        return c;
    }

    /// <summary>
    /// Marks the open guidance-to-a-psychiatric-institution task done by <paramref name="by"/> (default <see cref="Psych"/>)
    /// at <paramref name="c"/>'s time, its consent granted: the crisis worked, so a High or Imminent case may close after a
    /// level-3 reassessment (R-1.10, <see cref="CaseAggregate.CrisisWorkedThisEpisode"/>). Returns <paramref name="c"/>.
    /// </summary>
    public static CaseAggregate GuidedToHospital(this CaseAggregate c, Actor? by = null) =>
        c.TaskDoneBy(CaseTaskKind.GuideToPsychiatricInstitution, by ?? Psych, "accompanied to the psychiatric clinic");

    /// <summary>
    /// Completes the open task of <paramref name="kind"/> on <paramref name="c"/> (at its time) as <paramref name="by"/> with
    /// <paramref name="note"/>, passing its consent gate with consent granted, as <c>completeTask</c> does. Returns <paramref name="c"/>.
    /// </summary>
    public static CaseAggregate TaskDoneBy(this CaseAggregate c, CaseTaskKind kind, Actor by, string? note)
    {
        var task = c.State.Tasks.Single(t => t.Kind == kind && t.Status == CaseTaskStatus.Open);
        var closure = c.PrepareTaskClosure(task.Id, note, by, CaseTaskStatus.Done)!;
        if (closure.Gate is { } gate)
        {
            CaseConsent.Gate(c, gate, by, CaseWorkFixtures.Granted, null);
        }

        c.CloseTask(closure);
        return c;
    }

    /// <summary>The next command on the same case at the same instant.</summary>
    public static CaseAggregate Then(this CaseAggregate c) => c.Then(c.Now);

    /// <summary>What a refused command must leave untouched.</summary>
    public static string Snapshot(CaseState s) => string.Join("|",
        s.Status, s.RiskLevel, s.EscalationLevel, s.AssigneeId, s.Timeline.Count, s.Sequence, s.Notifications.Count, s.Screenings.Count,
        s.VisitEveryHours, s.HighRiskSince, s.Level3ReassessedAt, s.InterventionStartedAt, s.UpdatedAt,
        string.Join(",", s.Tasks.Select(t => $"{t.Id}:{t.Kind}:{t.Status}:{t.OwnerId}:{t.EscalationCount}")));

    /// <summary>Asserts <paramref name="command"/> is refused with <paramref name="code"/> and leaves the state as it was.</summary>
    public static CareGridException Refused(CaseAggregate c, string code, Action command)
    {
        var before = Snapshot(c.State);
        var error = Assert.Throws<CareGridException>(command);
        Assert.Equal(code, error.Code);
        Assert.Equal(before, Snapshot(c.State));
        return error;
    }

    /// <summary>China's 2024 National Day schedule: 1–7 October off, make-up working days 29 September and 12 October.</summary>
    public static TenantSettings China2024(IReadOnlyDictionary<CaseTaskKind, DeadlineSpec>? deadlines = null) => new(
        new WorkingCalendar("Asia/Shanghai",
            holidays: Enumerable.Range(1, 7).Select(d => new DateOnly(2024, 10, d)),
            extraWorkingDays: [new DateOnly(2024, 9, 29), new DateOnly(2024, 10, 12)]),
        deadlines ?? TenantSettings.DefaultDeadlines);
}
