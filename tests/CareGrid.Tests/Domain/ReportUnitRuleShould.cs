using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain;

/// <summary>
/// <see cref="ReportUnit.Allows"/> without a silo (R-1.10, R-4.3; docs/access.md): a report's named unit must be the person's
/// unit or within its subtree, so every scope that covers the person's unit covers the case.
/// </summary>
[Trait("tier", "domain")]
public sealed class ReportUnitRuleShould
{
    /// <summary>The subtree of east-subdistrict: itself and its community and quarantine site.</summary>
    private static readonly StaffScope EastSubtree = new(false, ["east-subdistrict", "harbour-hotel-site", "riverside-community"]);

    private static readonly StaffScope RiversideSubtree = new(false, ["riverside-community"]);

    [Fact]
    public void Allow_the_persons_own_unit_and_units_below_it()
    {
        Assert.True(ReportUnit.Allows("riverside-community", "riverside-community", RiversideSubtree));
        Assert.True(ReportUnit.Allows("east-subdistrict", "riverside-community", EastSubtree));
        Assert.True(ReportUnit.Allows("east-subdistrict", "east-subdistrict", EastSubtree));
    }

    [Fact]
    public void Refuse_a_parent_a_sibling_and_an_unrelated_unit()
    {
        Assert.False(ReportUnit.Allows("riverside-community", "east-subdistrict", RiversideSubtree));
        Assert.False(ReportUnit.Allows("riverside-community", "harbour-hotel-site", RiversideSubtree));
        Assert.False(ReportUnit.Allows("riverside-community", "police-liaison", RiversideSubtree));
        Assert.False(ReportUnit.Allows("riverside-community", "Riverside-Community", RiversideSubtree)); // ids are ordinal
    }

    [Fact]
    public void Never_read_a_whole_tenant_scope_as_the_persons_subtree()
    {
        Assert.False(ReportUnit.Allows("riverside-community", "police-liaison", StaffScope.Tenant));
    }

    [Fact]
    public void Allow_any_unit_for_a_person_without_one()
    {
        Assert.True(ReportUnit.Allows(null, "police-liaison", StaffScope.Unassigned));
    }
}
