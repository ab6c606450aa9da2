using CareGrid.Grains.Census;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.StateFixtures;
using CareGrid.Tests.Durable;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>The directory's stored state stays readable: the fixtures written by this version read back with every field.</summary>
[Trait("tier", "domain")]
public sealed class DirectoryStateFixturesShould
{
    private static T Load<T>(string name)
    {
        var path = Path.Combine(StateFixturesShould.Folder, name + ".b64");
        Assert.True(File.Exists(path), $"Missing fixture {path}; see {nameof(StateFixturesShould)} for how to generate it.");
        var serializer = StateFixtureSerializer.Create();
        return Assert.IsType<T>(serializer.Deserialize<T>(Convert.FromBase64String(File.ReadAllText(path))));
    }

    [Fact]
    public void Read_organizations_and_people_with_the_directory_fields()
    {
        var org = Load<OrganizationState>("OrganizationState.v2");
        var expectedOrg = DirectoryStateSamples.OrganizationV2;
        Assert.Equal((expectedOrg.ResponsiblePersonId, expectedOrg.Name), (org.ResponsiblePersonId, org.Name));
        Assert.Equal(expectedOrg.Members, org.Members);

        var person = Load<PersonState>("PersonState.v2");
        var expected = DirectoryStateSamples.PersonV2;
        Assert.Equal(expected.TargetGroupPeriods, person.TargetGroupPeriods);
        Assert.Equal(expected.Contacts, person.Contacts);
        Assert.Equal((expected.Monitoring, expected.StaffSubject, expected.UpdatedAt), (person.Monitoring, person.StaffSubject, person.UpdatedAt));
        Assert.Equal(expected.MonitoringHistory, person.MonitoringHistory);
        Assert.Equal(expected.Roles, person.Roles);
        Assert.Equal(expected.Qualifications, person.Qualifications);
        Assert.Equal(expected.CensusRecords, person.CensusRecords);
    }

    [Fact]
    public void Read_the_jurisdiction_import_and_census_round_states()
    {
        var jurisdiction = Load<JurisdictionState>("JurisdictionState.v1");
        Assert.Equal(("school", "platform@ops", "import-1", "week-1"),
            (jurisdiction.Template!.Id, jurisdiction.AppliedBy, jurisdiction.ImportIds.Single(), jurisdiction.CensusRoundIds.Single()));
        Assert.Equal("PsychologyTeacher", jurisdiction.Template.Roles.Single().Code);
        Assert.Equal(HealthRuleKind.BoyAndGirlInRole, jurisdiction.Template.HealthRules.Single().Rule);

        var import = Load<ImportGrainState>("ImportGrainState.v1").Status!;
        Assert.Equal((ImportState.Completed, 3, 1, 1, 1), (import.State, import.Total, import.Created, import.Updated, import.Invalid));
        Assert.Equal(new ImportRowError(3, "birthYear", "birthYear is a year from 1900 to 2026, or empty."), import.Errors.Single());

        var round = Load<CensusRoundState>("CensusRoundState.v1");
        Assert.Equal((CensusRoundStatus.Closed, 2, "case-1"), (round.Status, round.Expected.Count, round.Cases["ext-S1"]));
        Assert.Contains("ext-S1", round.Flagged);
    }
}
