namespace CareGrid.Grains.Census;

/// <summary>Persisted state of a <see cref="CensusRoundGrain"/>; its rules are in <see cref="CensusRoundAggregate"/>.</summary>
[GenerateSerializer, Alias("CareGrid.CensusRoundState")]
public sealed class CensusRoundState
{
    /// <summary>False until started.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Name.</summary>
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>Status.</summary>
    [Id(2)] public CensusRoundStatus Status { get; set; }
    /// <summary>Units screened, in the order given.</summary>
    [Id(3)] public List<string> OrganizationIds { get; set; } = [];
    /// <summary>Expected person id → unit.</summary>
    [Id(4)] public Dictionary<string, string> Expected { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Recorded person id → unit.</summary>
    [Id(5)] public Dictionary<string, string> Recorded { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Flagged person ids (the latest record of each counts).</summary>
    [Id(6)] public HashSet<string> Flagged { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Person id → case opened from their flag.</summary>
    [Id(7)] public Dictionary<string, string> Cases { get; set; } = new(StringComparer.Ordinal);
    /// <summary>When it started (UTC).</summary>
    [Id(8)] public DateTimeOffset StartedAt { get; set; }
    /// <summary>Who started it.</summary>
    [Id(9)] public string StartedBy { get; set; } = "";
    /// <summary>When it closed.</summary>
    [Id(10)] public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Person id → <c>sub\nkey</c> of the keyed request that opened their case (docs/idempotency.md).</summary>
    [Id(40)] public Dictionary<string, string>? CaseKeys { get; set; }
    /// <summary>The keyed request that started the round, or null (docs/idempotency.md).</summary>
    [Id(41)] public Idempotency.RememberedWrite? CreatedBy { get; set; }
}
