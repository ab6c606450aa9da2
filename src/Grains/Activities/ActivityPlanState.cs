namespace CareGrid.Grains.Activities;

/// <summary>
/// Persisted state of one unit's <see cref="ActivityPlanGrain"/>: its activity plan and its hazard ledger of the
/// bullying-risk sweep. Bounded by <see cref="ActivityPlanLimits"/> (docs/storage.md, docs/activities.md).
/// </summary>
[GenerateSerializer, Alias("CareGrid.ActivityPlanState")]
public sealed class ActivityPlanState
{
    /// <summary>False until the first activity or hazard is recorded.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>The activities, in the order they were added.</summary>
    [Id(1)] public List<ActivityEntry> Activities { get; set; } = [];
    /// <summary>The hazards of the bullying-risk sweep, in the order they were recorded.</summary>
    [Id(2)] public List<HazardEntry> Hazards { get; set; } = [];
}

/// <summary>One activity of a unit's plan .</summary>
[GenerateSerializer, Alias("CareGrid.ActivityEntry")]
public sealed class ActivityEntry
{
    /// <summary>Local id, unique in the unit's plan.</summary>
    [Id(0)] public string Id { get; set; } = "";
    /// <summary>Title as entered (or the template's English name).</summary>
    [Id(1)] public string Title { get; set; } = "";
    /// <summary>Simplified Chinese title, or null.</summary>
    [Id(2)] public string? TitleZh { get; set; }
    /// <summary>What is to be done, or null.</summary>
    [Id(3)] public string? Description { get; set; }
    /// <summary>The owner: the login sub of the staff member responsible.</summary>
    [Id(4)] public string Owner { get; set; } = "";
    /// <summary>The deadline, a date in the tenant's time zone; null for an ongoing activity.</summary>
    [Id(5)] public DateOnly? DueOn { get; set; }
    /// <summary>Status.</summary>
    [Id(6)] public ActivityStatus Status { get; set; }
    /// <summary>When it was added (UTC).</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Who added it (sub).</summary>
    [Id(8)] public string CreatedBy { get; set; } = "";
    /// <summary>When it reached Done or Cancelled (UTC), or null.</summary>
    [Id(9)] public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>The template item it came from (e.g. <c>launch</c>), or null.</summary>
    [Id(10)] public string? TemplateItem { get; set; }
    /// <summary>Evidence notes, oldest first.</summary>
    [Id(11)] public List<EvidenceNote> Evidence { get; set; } = [];
}

/// <summary>An evidence note on an activity (R-7.1: what was done, kept for the archive).</summary>
/// <param name="At">When it was written (UTC).</param>
/// <param name="By">Who wrote it (sub).</param>
/// <param name="Text">The note.</param>
[GenerateSerializer, Alias("CareGrid.EvidenceNote")]
public sealed record EvidenceNote([property: Id(0)] DateTimeOffset At, [property: Id(1)] string By, [property: Id(2)] string Text);

/// <summary>One hazard of the bullying-risk sweep ledger (R-7.6: place, hazard, owner, fix deadline, fixed at).</summary>
[GenerateSerializer, Alias("CareGrid.HazardEntry")]
public sealed class HazardEntry
{
    /// <summary>Local id, unique in the unit's ledger.</summary>
    [Id(0)] public string Id { get; set; } = "";
    /// <summary>Where (e.g. "the stairwell behind the gym").</summary>
    [Id(1)] public string Place { get; set; } = "";
    /// <summary>The hazard found.</summary>
    [Id(2)] public string Hazard { get; set; } = "";
    /// <summary>Who fixes it: the login sub of the staff member responsible.</summary>
    [Id(3)] public string Owner { get; set; } = "";
    /// <summary>The fix deadline, a date in the tenant's time zone.</summary>
    [Id(4)] public DateOnly FixBy { get; set; }
    /// <summary>When it was recorded (UTC).</summary>
    [Id(5)] public DateTimeOffset RecordedAt { get; set; }
    /// <summary>Who recorded it (sub).</summary>
    [Id(6)] public string RecordedBy { get; set; } = "";
    /// <summary>When it was fixed (UTC), or null while open.</summary>
    [Id(7)] public DateTimeOffset? FixedAt { get; set; }
    /// <summary>Who recorded the fix (sub), or null.</summary>
    [Id(8)] public string? FixedBy { get; set; }
    /// <summary>How it was fixed, or null.</summary>
    [Id(9)] public string? FixNote { get; set; }
}
