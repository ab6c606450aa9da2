using CareGrid.Grains.People;

namespace CareGrid.GraphApi.Schema;

/// <summary>One element of <c>setPersonContacts(contacts:)</c> (<see cref="ContactInputType"/>, R-6.2).</summary>
public sealed class ContactInput
{
    /// <summary>Guardian, parent or emergency contact.</summary>
    public ContactKind? Kind { get; set; }

    /// <summary>The contact's name.</summary>
    public string? Name { get; set; }

    /// <summary>Relationship to the person, or null.</summary>
    public string? Relationship { get; set; }

    /// <summary>Phone number, or null.</summary>
    public string? Phone { get; set; }

    /// <summary>Where a parent working far away works, or null.</summary>
    public string? Workplace { get; set; }
}
