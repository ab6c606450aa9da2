using Microsoft.Extensions.Compliance.Classification;

namespace CareGrid.Grains.Telemetry;

/// <summary>
/// CareGrid's data classification taxonomy for telemetry (docs/observability.md "Logs"): a value that identifies or describes
/// a person — a person id, a staff subject, a name, a consent giver — is <see cref="Personal"/>. Logged values carrying it
/// are erased by the redactor the host registers (PIPL art. 51, GDPR art. 32: personal data kept out of operational logs).
/// </summary>
public static class CareGridTaxonomy
{
    /// <summary>The taxonomy's name, <c>CareGrid</c>.</summary>
    public const string Name = "CareGrid";

    /// <summary>Personal data: identifies or describes a person (a served person or a staff member).</summary>
    public static DataClassification Personal { get; } = new(Name, nameof(Personal));
}

/// <summary>Marks a logged value (a <c>[LoggerMessage]</c> parameter) as <see cref="CareGridTaxonomy.Personal"/>: it is redacted in every log.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field)]
public sealed class PersonalDataAttribute() : DataClassificationAttribute(CareGridTaxonomy.Personal);
