namespace CareGrid.Grains.Organizations;

/// <summary>Persisted state of an <see cref="OrganizationGrain"/>; its rules are in <see cref="OrganizationAggregate"/>.</summary>
[GenerateSerializer, Alias("CareGrid.OrganizationState")]
public sealed class OrganizationState
{
    /// <summary>False until created.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Display name.</summary>
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>Kind.</summary>
    [Id(2)] public OrganizationKind Kind { get; set; }
    /// <summary>Parent local id.</summary>
    [Id(3)] public string? ParentId { get; set; }
    /// <summary>Escalation level 1–3 or null.</summary>
    [Id(4)] public int? EscalationLevel { get; set; }
    /// <summary>Lifecycle status.</summary>
    [Id(5)] public OrganizationStatus Status { get; set; }
    /// <summary>Child local ids.</summary>
    [Id(6)] public List<string> ChildIds { get; set; } = [];
    /// <summary>Creation time (UTC).</summary>
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The person responsible for the unit, or null.</summary>
    [Id(8)] public string? ResponsiblePersonId { get; set; }
    /// <summary>Members with roles, oldest first.</summary>
    [Id(9)] public List<OrganizationMember> Members { get; set; } = [];
    /// <summary>The keyed request that created the unit under a derived id, or null (docs/idempotency.md).</summary>
    [Id(40)] public Idempotency.RememberedWrite? CreatedBy { get; set; }
}
