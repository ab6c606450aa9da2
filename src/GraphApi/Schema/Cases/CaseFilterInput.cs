using CareGrid.Grains.Cases;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>filter</c> of <c>cases</c>, as read by <see cref="CaseFilterInputType"/>; every member null means "any".</summary>
public sealed class CaseFilterInput
{
    /// <summary>Only cases in this status.</summary>
    public CaseStatus? Status { get; init; }

    /// <summary>True: every status but CLOSED; null or false: no condition.</summary>
    public bool? Open { get; init; }

    /// <summary>Only graded cases at this risk level: a case not yet graded, whose Low is a placeholder, never matches Low
    /// (docs/api.md "The cases list and ungraded cases").</summary>
    public RiskLevel? RiskLevel { get; init; }

    /// <summary>False: only cases not yet graded (reported as unsure, docs/protocol.md "Ungraded reports"); true: only graded
    /// cases; null: both.</summary>
    public bool? RiskGraded { get; init; }

    /// <summary>Escalation level 1–3; anything else is VALIDATION_FAILED (field <c>filter.level</c>).</summary>
    public int? Level { get; init; }

    /// <summary>The sub of the assignee.</summary>
    public string? Assignee { get; init; }

    /// <summary>Local id of the responsible organization.</summary>
    public string? Organization { get; init; }

    /// <summary>Local id of the person.</summary>
    public string? Person { get; init; }
}
