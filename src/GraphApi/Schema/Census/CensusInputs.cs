using CareGrid.Grains.Census;
using CareGrid.Grains.People;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input of <c>startCensusRound</c> (R-3.5): a named round over 1–50 units.</summary>
public sealed class StartCensusRoundInput
{
    /// <summary>Local id; generated (or derived from <see cref="IdempotencyKey"/>) when omitted.</summary>
    public string? Id { get; set; }

    /// <summary>The round's name, as people call it.</summary>
    public string Name { get; set; } = "";

    /// <summary>Classes or communities (local ids, 1–50).</summary>
    public List<string> OrganizationIds { get; set; } = [];

    /// <summary>Retry key (docs/idempotency.md).</summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>Input of <c>recordCensus</c> (R-7.4 level 1, R-4.4 flags).</summary>
public sealed class RecordCensusInput
{
    /// <summary>The round's local id.</summary>
    public string RoundId { get; set; } = "";

    /// <summary>The person's local id.</summary>
    public string PersonId { get; set; } = "";

    /// <summary>The person's mood.</summary>
    public CensusMood Mood { get; set; } = CensusMood.Stable;

    /// <summary>Exposure flags and screening items; null or empty for none.</summary>
    public List<CensusFlags>? Flags { get; set; }

    /// <summary>A note, at most 1000 characters.</summary>
    public string? Note { get; set; }

    /// <summary>Retry key (docs/idempotency.md).</summary>
    public string? IdempotencyKey { get; set; }
}
