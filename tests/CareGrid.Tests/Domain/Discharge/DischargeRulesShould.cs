using CareGrid.Grains.Cases;
using CareGrid.Grains.Discharge;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using static CareGrid.Tests.Domain.CaseDomain;

namespace CareGrid.Tests.Domain.Discharge;

/// <summary>The plain rules of <c>recordDischarge</c> and the key-population step (R-2.4, R-2.5, docs/discharge.md).</summary>
[Trait("tier", "domain")]
public sealed class DischargeRulesShould
{
    private static readonly DateOnly DischargeDay = new(2026, 12, 31);

    private static OrganizationInfo Unit(string id, OrganizationKind kind, int? level = null, OrganizationStatus status = OrganizationStatus.Active) =>
        new("t", id, id, kind, null, level, status, [], Friday);

    private static PersonInfo Person(MonitoringLevel monitoring, params TargetGroupPeriod[] periods) =>
        new("t", "p1", "Mr Chen", "north-village", Sex.Male, 1961, null, [.. periods.Select(p => p.Code)], [], Friday)
        {
            TargetGroupPeriods = periods,
            Monitoring = monitoring,
        };

    [Fact]
    public void Accept_only_the_kinds_of_unit_R_2_4_names_and_units_in_service()
    {
        Assert.Equal("h", DischargeRules.CheckUnit(Unit("h", OrganizationKind.Hospital), "h", "hospitalOrganizationId", DischargeRules.HospitalKinds).Id);
        Assert.Equal("v", DischargeRules.CheckUnit(Unit("v", OrganizationKind.Village), "v", "residenceOrganizationId", DischargeRules.ResidenceKinds).Id);

        var kind = Assert.Throws<CareGridException>(() => DischargeRules.CheckUnit(Unit("v", OrganizationKind.Village), "v", "hospitalOrganizationId", DischargeRules.HospitalKinds));
        Assert.Equal((ErrorCodes.ValidationFailed, "hospitalOrganizationId"), (kind.Code, kind.Details["field"]));
        Assert.Contains("HOSPITAL or PSYCHIATRIC_INSTITUTION", kind.Message, StringComparison.Ordinal);
        var closed = Assert.Throws<CareGridException>(() => DischargeRules.CheckUnit(Unit("c", OrganizationKind.Community, status: OrganizationStatus.Closed), "c", "residenceOrganizationId", DischargeRules.ResidenceKinds));
        Assert.Equal("residenceOrganizationId", closed.Details["field"]);
        Assert.Equal(ErrorCodes.NotFound, Assert.Throws<CareGridException>(() => DischargeRules.CheckUnit(null, "x", "primaryHealthOrganizationId", DischargeRules.PrimaryHealthKinds)).Code);
    }

    [Fact]
    public void Give_each_task_to_the_queue_of_its_units_level()
    {
        Assert.Equal(CaseQueues.Level3, DischargeRules.QueueOf(Unit("ph", OrganizationKind.PrimaryHealthCentre, 3), 3));
        Assert.Equal(CaseQueues.Level1, DischargeRules.QueueOf(Unit("v", OrganizationKind.Village, 1), 1));
        Assert.Equal(CaseQueues.Level3, DischargeRules.QueueOf(Unit("ph", OrganizationKind.PrimaryHealthCentre), 3)); // no level: the fallback
    }

    [Fact]
    public void Refuse_a_discharge_in_the_future_or_over_a_year_ago()
    {
        Assert.Equal(Friday, DischargeRules.CheckDischargedAt(Friday, Friday));
        Assert.Equal("dischargedAt", Assert.Throws<CareGridException>(() => DischargeRules.CheckDischargedAt(Friday.AddSeconds(1), Friday)).Details["field"]);
        Assert.Equal("dischargedAt", Assert.Throws<CareGridException>(() => DischargeRules.CheckDischargedAt(Friday.AddDays(-367), Friday)).Details["field"]);
        Assert.Equal("note", Assert.Throws<CareGridException>(() => DischargeRules.CheckNote(new string('x', DischargeRules.MaxNote + 1))).Details["field"]);
        Assert.Null(DischargeRules.CheckNote("   "));
    }

    [Fact]
    public void Move_a_person_into_the_key_population_follow_up_only_by_what_is_missing()
    {
        Assert.Equal(((DateOnly?)DischargeDay, true), DischargeRules.KeyPopulation(Person(MonitoringLevel.None), DischargeDay));
        Assert.Equal(((DateOnly?)DischargeDay, true), DischargeRules.KeyPopulation(Person(MonitoringLevel.Census), DischargeDay));
        // An open period since before the discharge is kept; a person tracked or with an individual case stays where they are.
        Assert.Equal(((DateOnly?)null, false), DischargeRules.KeyPopulation(Person(MonitoringLevel.Tracking, new TargetGroupPeriod("RecoveredPatient", new DateOnly(2025, 1, 1), null)), DischargeDay));
        Assert.Equal(((DateOnly?)null, false), DischargeRules.KeyPopulation(Person(MonitoringLevel.IndividualCase, new TargetGroupPeriod("RecoveredPatient", null, null)), DischargeDay));
        // An ended period is reopened from its first day.
        Assert.Equal(((DateOnly?)new DateOnly(2025, 1, 1), false), DischargeRules.KeyPopulation(Person(MonitoringLevel.Tracking, new TargetGroupPeriod("RecoveredPatient", new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30))), DischargeDay));
    }
}
