using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Statistics;

/// <summary>
/// Timeliness of a tenant or some of its units over a period (<see cref="Sections.TimelinessSection"/>, docs/statistics.md
/// "Timeliness"; ): counts and durations only.
/// </summary>
/// <param name="FirstProfessionalContact">Report to first professional contact, for cases reported in the period.</param>
/// <param name="CrisisIntervention">High/Imminent to crisis intervention, for high-risk episodes that began in the period.</param>
/// <param name="Protocol">R-1.10 protocol outcomes of the high-risk episodes that began in the period.</param>
/// <param name="DischargeHandOvers">Discharge hand-overs due in the period.</param>
/// <param name="Referrals">Referrals proposed in the period: by outcome, and sent to accepted.</param>
/// <param name="ServiceVolume">Contacts and minutes logged in the period, per provider unit, ordered by unit id (no unit last).</param>
[GenerateSerializer, Alias("CareGrid.TimelinessFigures"), Immutable]
public sealed record TimelinessFigures(
    [property: Id(0)] DurationFigures FirstProfessionalContact,
    [property: Id(1)] DurationFigures CrisisIntervention,
    [property: Id(2)] ProtocolFigures Protocol,
    [property: Id(3)] HandOverFigures DischargeHandOvers,
    [property: Id(4)] ReferralFigures Referrals,
    [property: Id(5)] IReadOnlyList<ServiceVolume> ServiceVolume);

/// <summary>
/// A duration over a set of cases: exact nearest-rank median and 90th percentile (docs/statistics.md "Timeliness"), in
/// elapsed hours and in the tenant's working days (<see cref="StatisticsMath.WorkingMinutes"/>), to two decimals; null
/// when nothing was measured.
/// </summary>
/// <param name="Measured">Cases whose duration is known (the end happened).</param>
/// <param name="Waiting">Cases still waiting for the end (not in the percentiles).</param>
/// <param name="MedianHours">Median, hours.</param>
/// <param name="P90Hours">90th percentile, hours.</param>
/// <param name="MedianWorkingDays">Median, working days.</param>
/// <param name="P90WorkingDays">90th percentile, working days.</param>
[GenerateSerializer, Alias("CareGrid.DurationFigures"), Immutable]
public sealed record DurationFigures(
    [property: Id(0)] long Measured,
    [property: Id(1)] long Waiting,
    [property: Id(2)] decimal? MedianHours,
    [property: Id(3)] decimal? P90Hours,
    [property: Id(4)] decimal? MedianWorkingDays,
    [property: Id(5)] decimal? P90WorkingDays);

/// <summary>R-1.10 protocol outcomes (<see cref="ProtocolOutcome"/>) of high-risk episodes; <paramref name="Missed"/> includes episodes whose open task passed its deadline by now.</summary>
/// <param name="Episodes">High-risk episodes counted (with protocol tasks).</param>
/// <param name="Met">Every protocol task done by its deadline.</param>
/// <param name="Missed">Some task done or cancelled late, or open past its deadline now.</param>
/// <param name="Cancelled">None late, none open, some cancelled in time.</param>
/// <param name="Pending">Some task open and not yet due, none late.</param>
/// <param name="MetShare">Met ÷ (Met + Missed + Cancelled), 0–1 to four decimals; null when none decided.</param>
[GenerateSerializer, Alias("CareGrid.ProtocolFigures"), Immutable]
public sealed record ProtocolFigures(
    [property: Id(0)] long Episodes,
    [property: Id(1)] long Met,
    [property: Id(2)] long Missed,
    [property: Id(3)] long Cancelled,
    [property: Id(4)] long Pending,
    [property: Id(5)] decimal? MetShare);

/// <summary>Discharge hand-over tasks (R-2.4: within 5 working days, the tenant's deadline).</summary>
/// <param name="DoneInTime">Done at or before the deadline.</param>
/// <param name="DoneLate">Done after it.</param>
/// <param name="Overdue">Still open past it now.</param>
/// <param name="Open">Open, not yet due.</param>
/// <param name="Cancelled">Cancelled.</param>
/// <param name="InTimeShare">DoneInTime ÷ (DoneInTime + DoneLate + Overdue), 0–1 to four decimals; null when none.</param>
[GenerateSerializer, Alias("CareGrid.HandOverFigures"), Immutable]
public sealed record HandOverFigures(
    [property: Id(0)] long DoneInTime,
    [property: Id(1)] long DoneLate,
    [property: Id(2)] long Overdue,
    [property: Id(3)] long Open,
    [property: Id(4)] long Cancelled,
    [property: Id(5)] decimal? InTimeShare);

/// <summary>Referrals by their status now, and the time from sent to accepted.</summary>
/// <param name="ByOutcome">Every status listed, in lifecycle order.</param>
/// <param name="TimeToAcceptance">Sent to accepted (<see cref="DurationFigures.Waiting"/>: sent, no answer yet).</param>
[GenerateSerializer, Alias("CareGrid.ReferralFigures"), Immutable]
public sealed record ReferralFigures(
    [property: Id(0)] IReadOnlyList<CountOf<ReferralStatus>> ByOutcome,
    [property: Id(1)] DurationFigures TimeToAcceptance);

/// <summary>Service volume of one provider unit .</summary>
/// <param name="OrganizationId">The unit's local id, or null for contacts on cases without a unit.</param>
/// <param name="Contacts">Contacts logged.</param>
/// <param name="Minutes">Their minutes.</param>
[GenerateSerializer, Alias("CareGrid.ServiceVolume"), Immutable]
public sealed record ServiceVolume([property: Id(0)] string? OrganizationId, [property: Id(1)] long Contacts, [property: Id(2)] long Minutes)
{
    /// <summary>The provider unit's name when the report knows it (<c>StatisticsContext.UnitName</c>), else null.</summary>
    [Id(3)] public string? Name { get; init; }
}
