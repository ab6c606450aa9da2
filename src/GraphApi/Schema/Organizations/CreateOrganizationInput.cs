using CareGrid.Grains.Organizations;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>input</c> of <c>createOrganization</c> (<see cref="CreateOrganizationInputType"/>); null members were not sent.</summary>
public sealed class CreateOrganizationInput
{
    /// <summary>Local id, or null to generate one (or derive it from <see cref="IdempotencyKey"/>).</summary>
    public string? Id { get; set; }

    /// <summary>Display name.</summary>
    public string? Name { get; set; }

    /// <summary>Kind of unit.</summary>
    public OrganizationKind? Kind { get; set; }

    /// <summary>Parent unit's local id, or null for a root.</summary>
    public string? ParentId { get; set; }

    /// <summary>Escalation level 1–3 the unit stands for, or null.</summary>
    public int? EscalationLevel { get; set; }

    /// <summary>Optional idempotency key (docs/idempotency.md).</summary>
    public string? IdempotencyKey { get; set; }
}
