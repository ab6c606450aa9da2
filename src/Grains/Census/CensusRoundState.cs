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
    /// <summary>
    /// Unit → counts of <see cref="Expected"/>, <see cref="Recorded"/>, <see cref="Flagged"/> and <see cref="Cases"/>, kept as
    /// the round changes so its progress and its census coverage (docs/statistics.md "People and census") cost the number of
    /// units, not of people. Null in state stored before they were kept: counted once from the maps.
    /// </summary>
    [Id(42)] public Dictionary<string, CensusUnitTally>? Tallies { get; set; }
}

/// <summary>A census round's counts in one unit (<see cref="CensusRoundState.Tallies"/>, R-3.5, R-7.4).</summary>
[GenerateSerializer, Alias("CareGrid.CensusUnitTally")]
public sealed class CensusUnitTally
{
    /// <summary>People expected in the unit: its people at the start, plus those recorded since who were not.</summary>
    [Id(0)] public int Expected { get; set; }
    /// <summary>People with a census record in this round counted in the unit (screened).</summary>
    [Id(1)] public int Recorded { get; set; }
    /// <summary>Recorded people whose latest record is flagged (moved to tracking, R-7.4 level 2).</summary>
    [Id(2)] public int Flagged { get; set; }
    /// <summary>Cases opened from flags of the unit's people (R-7.4 level 3).</summary>
    [Id(3)] public int CasesOpened { get; set; }
}
