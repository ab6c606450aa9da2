namespace CareGrid.Grains.Jurisdictions;

/// <summary>
/// Which units a member of a unit serves: the reach of their queue and level visibility (need-to-know by organization,
/// docs/access.md). Set per organization kind by the template's <c>serves</c> property. Persisted by name in template files
/// and by value in stored templates: append only.
/// </summary>
[GenerateSerializer, Alias("CareGrid.OrganizationServes")]
public enum OrganizationServes
{
    /// <summary>The unit itself and every unit below it (the default): a class's homeroom teacher, a subdistrict's official.</summary>
    Subtree = 0,

    /// <summary>
    /// The unit's parent and every unit below the parent: a school's counselling centre, student affairs office and
    /// leadership group serve the whole school.
    /// </summary>
    Parent = 1,

    /// <summary>Every unit of the tenant: a town's health centre keeps the whole town's archive; a district's health commission supervises .</summary>
    Tenant = 2,
}
