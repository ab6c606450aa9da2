namespace CareGrid.GraphApi.Schema;

/// <summary>One element of <c>setQualifications(qualifications:)</c> (<see cref="QualificationInputType"/>, R-1.4, R-7.7).</summary>
public sealed class QualificationInput
{
    /// <summary>Qualification code.</summary>
    public string? Code { get; set; }

    /// <summary>Last valid day, or null when it does not expire.</summary>
    public DateOnly? ValidUntil { get; set; }
}
