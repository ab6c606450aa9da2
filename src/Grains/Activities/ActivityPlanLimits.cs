using System.Text;

namespace CareGrid.Grains.Activities;

/// <summary>
/// Bounds of one unit's activity plan and hazard ledger (docs/storage.md: one grain's state is one Azure Table entity,
/// about 960 KiB). Past a count limit a command answers <c>VALIDATION_FAILED</c> naming the limit; past the byte estimate
/// it answers <c>STORAGE_LIMIT</c>. Nothing is changed either way (docs/activities.md).
/// </summary>
public static class ActivityPlanLimits
{
    /// <summary>Most activities in one unit's plan.</summary>
    public const int MaxActivities = 150;

    /// <summary>Most evidence notes on one activity.</summary>
    public const int MaxEvidence = 20;

    /// <summary>Most hazards in one unit's ledger.</summary>
    public const int MaxHazards = 300;

    /// <summary>Longest title, place or owner sub, in characters.</summary>
    public const int MaxTitle = 200;

    /// <summary>Longest description, hazard, evidence note or fix note, in characters.</summary>
    public const int MaxNote = 1000;

    /// <summary>Most estimated bytes of the unit's stored state (UTF-8 text plus a fixed cost per entry).</summary>
    public const int MaxStateBytes = 900 * 1024;

    /// <summary>The estimated stored size of <paramref name="state"/> in bytes.</summary>
    public static long EstimatedBytes(ActivityPlanState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        long total = 16;
        foreach (var a in state.Activities)
        {
            total += 96 + Bytes(a.Id) + Bytes(a.Title) + Bytes(a.TitleZh) + Bytes(a.Description) + Bytes(a.Owner) + Bytes(a.CreatedBy) + Bytes(a.TemplateItem);
            total += a.Evidence.Sum(e => 24L + Bytes(e.By) + Bytes(e.Text));
        }

        foreach (var h in state.Hazards)
        {
            total += 96 + Bytes(h.Id) + Bytes(h.Place) + Bytes(h.Hazard) + Bytes(h.Owner) + Bytes(h.RecordedBy) + Bytes(h.FixedBy) + Bytes(h.FixNote);
        }

        return total;
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/> (0 for null).</summary>
    public static int Bytes(string? text) => text is null ? 0 : Encoding.UTF8.GetByteCount(text);
}
