using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain;

/// <summary>Cases, actors and consents for the domain tests of the case work classes (fixed time, no silo).</summary>
internal static class CaseWorkFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static readonly Actor Counsellor = new("counsellor-1", [Roles.Counsellor]);
    public static readonly Actor Clinician = new("clinician-1", [Roles.Clinician]);
    public static readonly Actor Coordinator = new("coordinator-1", [Roles.Coordinator]);
    public static readonly Actor Homeroom = new("homeroom-1", [Roles.Caseworker]);
    public static readonly Actor Volunteer = new("volunteer-1", [Roles.Volunteer]);
    public static readonly Actor Reporter = new("reporter-1", [Roles.Reporter]);

    public static readonly ConsentSnapshot Granted = new(ConsentStatus.Granted, ConsentStatus.Granted);
    public static readonly ConsentSnapshot Pending = new(ConsentStatus.Pending, ConsentStatus.Pending);
    public static readonly ConsentSnapshot Withdrawn = new(ConsentStatus.Withdrawn, ConsentStatus.Granted);
    public static readonly ConsentSnapshot NoSharing = new(ConsentStatus.Granted, ConsentStatus.Refused);

    public const string DutyOfCare = "on the roof edge, guardian unreachable";

    /// <summary>An existing case of person <c>p1</c> reported an hour before <see cref="Now"/>.</summary>
    public static CaseState Case(CaseStatus status = CaseStatus.Active, RiskLevel risk = RiskLevel.Moderate) => new()
    {
        Exists = true,
        PersonId = "p1",
        OrganizationId = "school-1",
        Status = status,
        RiskLevel = risk,
        EscalationLevel = risk >= RiskLevel.High ? 3 : 1,
        ReportedBy = "reporter-0",
        ReportedAt = Now.AddHours(-1),
        UpdatedAt = Now.AddHours(-1),
    };

    /// <summary>The case's rules over <paramref name="s"/> at <see cref="Now"/> (no tenant settings: these commands need none).</summary>
    public static CaseAggregate At(CaseState s) => new(s, null, Now);

    /// <summary>The code of the <see cref="CareGrid.Grains.Errors.CareGridException"/> <paramref name="act"/> throws.</summary>
    public static CareGrid.Grains.Errors.CareGridException Refused(Action act) => Assert.Throws<CareGrid.Grains.Errors.CareGridException>(act);

    /// <summary>A snapshot of what a refused command must leave unchanged.</summary>
    public static string Snapshot(CaseState s) =>
        $"{s.Status}|{s.Sequence}|{s.Timeline.Count}|{s.Contacts.Count}|{s.Tasks.Count}|{string.Join(",", s.Referrals.Select(r => r.Id + r.Status))}";
}
