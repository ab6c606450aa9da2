using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Discharge;

/// <summary>
/// The plain rules of <c>recordDischarge</c> and of the key-population step (R-2.4, R-2.5; docs/discharge.md): which kinds of
/// unit may discharge, be the place of residence and receive as the primary health institution; which queues own the two
/// tasks; how old a discharge may be; and what moving a person into the key-population follow-up changes on their record.
/// No I/O, no clock: <see cref="DischargeIntake"/> gathers the facts and asks here.
/// </summary>
public static class DischargeRules
{
    /// <summary>The longest note of a discharge, in UTF-16 units (the rest of the concern's summary names the units and the date).</summary>
    public const int MaxNote = 3000;

    /// <summary>How far back a discharge may be recorded: a year (a later one is a late hand-over, escalated at once; an older one is a typo).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(366);

    /// <summary>The target group of recovered patients, as statistics name it.</summary>
    public const string RecoveredPatient = "RecoveredPatient";

    /// <summary>Kinds of unit that discharge patients: a hospital, or a psychiatric institution .</summary>
    public static readonly IReadOnlyList<OrganizationKind> HospitalKinds = [OrganizationKind.Hospital, OrganizationKind.PsychiatricInstitution];

    /// <summary>Kinds of unit that are a place of residence under grid management: a community or a village .</summary>
    public static readonly IReadOnlyList<OrganizationKind> ResidenceKinds = [OrganizationKind.Community, OrganizationKind.Village];

    /// <summary>Kinds of unit that receive as the primary health institution: a primary health centre .</summary>
    public static readonly IReadOnlyList<OrganizationKind> PrimaryHealthKinds = [OrganizationKind.PrimaryHealthCentre];

    /// <summary>
    /// <c>VALIDATION_FAILED</c> on <paramref name="field"/> unless <paramref name="unit"/> is of one of <paramref name="kinds"/> and not
    /// closed; <c>NOT_FOUND</c> (Organization) when it does not exist.
    /// </summary>
    public static OrganizationInfo CheckUnit(OrganizationInfo? unit, string id, string field, IReadOnlyList<OrganizationKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (unit is null)
        {
            throw CareGridException.NotFound("Organization", id);
        }

        if (!kinds.Contains(unit.Kind))
        {
            throw CareGridException.Validation(field, $"{field} names '{id}', a {SchemaNames.Value(unit.Kind)}; it must be a unit of kind "
                + string.Join(" or ", kinds.Select(k => SchemaNames.Value(k))) + " (R-2.4).");
        }

        if (unit.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation(field, $"{field} names '{id}', which is closed; name a unit in service.");
        }

        return unit;
    }

    /// <summary>
    /// The discharge instant as UTC: <c>VALIDATION_FAILED</c> (<c>dischargedAt</c>) when after <paramref name="now"/> or more than
    /// <see cref="MaxAge"/> before it.
    /// </summary>
    public static DateTimeOffset CheckDischargedAt(DateTimeOffset dischargedAt, DateTimeOffset now)
    {
        if (dischargedAt > now)
        {
            throw CareGridException.Validation("dischargedAt", "dischargedAt is in the future: record a discharge once the patient has left the hospital.");
        }

        if (dischargedAt < now - MaxAge)
        {
            throw CareGridException.Validation("dischargedAt", "dischargedAt is more than a year ago; check the date.");
        }

        return dischargedAt.ToUniversalTime();
    }

    /// <summary>The note trimmed (null when blank): at most <see cref="MaxNote"/> characters, stored-text safe, else <c>VALIDATION_FAILED</c> (<c>note</c>).</summary>
    public static string? CheckNote(string? note)
    {
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (trimmed is { Length: > MaxNote })
        {
            throw CareGridException.Validation("note", $"note is at most {MaxNote} characters.");
        }

        StoredText.Ensure(trimmed, "note", multiline: true);
        return trimmed;
    }

    /// <summary>The queue of a unit's escalation level, or of <paramref name="fallbackLevel"/> when the unit has none (R-4.3 levels).</summary>
    public static string QueueOf(OrganizationInfo unit, int fallbackLevel)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return CaseQueues.ForLevel(unit.EscalationLevel ?? fallbackLevel);
    }

    /// <summary>The summary of the concern a discharge raises on the person's case (sensitive, like every summary).</summary>
    public static string Summary(string hospitalName, string residenceId, string primaryHealthId, DateOnly localDate, string? note) =>
        $"Discharged from {hospitalName} on {localDate:yyyy-MM-dd}; handed over to {residenceId} and {primaryHealthId} (R-2.4)" + (note is null ? "." : ": " + note);

    /// <summary>
    /// What moving <paramref name="person"/> into the key-population follow-up under grid management changes:
    /// the <see cref="RecoveredPatient"/> target group from <paramref name="dischargeDate"/> (kept when an open period already
    /// covers that date, its start kept when earlier), and <c>START_TRACKING</c> when the person is at <c>NONE</c> or <c>CENSUS</c>
    /// (a person already tracked or with an individual case stays where they are).
    /// </summary>
    /// <returns>The target group's new start date (null: leave it), and whether to start tracking.</returns>
    public static (DateOnly? TargetGroupFrom, bool StartTracking) KeyPopulation(PersonInfo person, DateOnly dischargeDate)
    {
        ArgumentNullException.ThrowIfNull(person);
        var period = person.TargetGroupPeriods.FirstOrDefault(p => p.Code == RecoveredPatient);
        var covered = period is not null && (period.From is null || period.From <= dischargeDate) && period.Until is null;
        DateOnly? from = covered ? null : period?.From is { } earlier && earlier < dischargeDate ? earlier : dischargeDate;
        return (from, person.Monitoring is MonitoringLevel.None or MonitoringLevel.Census);
    }
}
