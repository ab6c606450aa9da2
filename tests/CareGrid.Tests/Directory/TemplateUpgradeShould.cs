using CareGrid.Grains.Jurisdictions;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// A tenant follows the newer file of its template (<see cref="JurisdictionTemplateCatalog.Current"/>): session 41 added the
/// town's supervision role (TownSupervisor, R-2.8) and the "someone supervises" health rule in version 4; a town onboarded
/// from version 3 stores the copy without them, so without this its overdue level-3 work would still reach nobody and its
/// health check would not say so.
/// </summary>
[Trait("tier", "domain")]
public sealed class TemplateUpgradeShould
{
    private static readonly JurisdictionTemplateCatalog Catalog = JurisdictionTemplateCatalog.Load(JurisdictionTemplateCatalog.DefaultFolder);

    [Fact]
    public void Give_a_town_stored_from_version_3_the_supervision_role_and_rule_of_the_current_file()
    {
        var file = Catalog.Find("town")!;
        var stored = file with
        {
            Version = 3,
            Roles = [.. file.Roles.Where(r => r.Code != "TownSupervisor")],
            HealthRules = [.. file.HealthRules.Where(r => r.Requirement != "R-2.8")],
        };

        var current = Catalog.Current(stored);

        Assert.Same(file, current);
        Assert.Equal("Supervisor", current.Role("TownSupervisor")!.AccessRole);
        Assert.Contains(current.HealthRules, r => r.Requirement == "R-2.8" && r.Roles.Contains("TownSupervisor"));
    }

    [Fact]
    public void Keep_the_stored_copy_when_the_file_is_not_newer_or_is_gone()
    {
        var file = Catalog.Find("school")!;
        var same = file with { Name = "as stored" };
        Assert.Same(same, Catalog.Current(same));
        var retired = file with { Id = "retired-template", Version = 1 };
        Assert.Same(retired, Catalog.Current(retired));
    }
}
