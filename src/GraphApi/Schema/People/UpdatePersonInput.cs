using CareGrid.Grains.People;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>input</c> of <c>updatePerson</c> (<see cref="UpdatePersonInputType"/>); null members were not sent.</summary>
public sealed class UpdatePersonInput
{
    /// <summary>The person's local id.</summary>
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
}
