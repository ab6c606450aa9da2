using CareGrid.Grains.People;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>input</c> of <c>registerPerson</c> (<see cref="RegisterPersonInputType"/>); null members were not sent.</summary>
public sealed class RegisterPersonInput
{
    /// <summary>Local id, or null to generate one (or derive it from <see cref="IdempotencyKey"/>).</summary>
    public string? Id { get; set; }

    /// <summary>Display name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>The person's unit (local id).</summary>
    public string? OrganizationId { get; set; }

    /// <summary>Sex, or null for unspecified.</summary>
    public Sex? Sex { get; set; }

    /// <summary>Year of birth, or null.</summary>
    public int? BirthYear { get; set; }

    /// <summary>Date of birth, or null (docs/consent.md).</summary>
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Id in the tenant's own roster, or null.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Target group codes, or null for none.</summary>
    public List<string>? TargetGroups { get; set; }

    /// <summary>Optional idempotency key (docs/idempotency.md).</summary>
    public string? IdempotencyKey { get; set; }
}
