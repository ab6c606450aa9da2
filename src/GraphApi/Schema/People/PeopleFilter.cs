using CareGrid.Grains.People;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>filter</c> of <c>people</c> (<see cref="PeopleFilterInputType"/>); null members were not sent.</summary>
public sealed class PeopleFilter
{
    /// <summary>Only people of this unit, or null.</summary>
    public string? Organization { get; set; }

    /// <summary>With <see cref="Organization"/>: also the units below it.</summary>
    public bool? IncludeSubtree { get; set; }

    /// <summary>Only people in this target group, or null.</summary>
    public string? TargetGroup { get; set; }

    /// <summary>Only people at this level, or null.</summary>
    public MonitoringLevel? MonitoringLevel { get; set; }

    /// <summary>Only staff (true) or only people served (false); null: both.</summary>
    public bool? Staff { get; set; }

    /// <summary>Only people whose display name starts with this text, compared normalized (docs/search.md), or null.</summary>
    public string? Name { get; set; }

    /// <summary>Only the people whose roster id (<c>externalId</c>, e.g. a student number) is exactly this, or null.</summary>
    public string? ExternalId { get; set; }
}
