namespace CareGrid.Grains.Imports;

/// <summary>What a roster file lists.</summary>
[GenerateSerializer, Alias("CareGrid.RosterKind")]
public enum RosterKind
{
    /// <summary>People served (students, residents, recovered patients).</summary>
    People = 0,
    /// <summary>Staff with their roles in the unit (and qualifications, R-1.4, R-7.7).</summary>
    Staff = 1,
}
