using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Screening;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CareGrid.GraphApi.Fhir;

/// <summary>One screening of a case, as the FHIR export reads it.</summary>
/// <param name="CaseId">The case's local id.</param>
/// <param name="Screening">The screening: answers, scored result, when and by whom.</param>
public sealed record CaseScreening(string CaseId, ScreeningRecord Screening);

/// <summary>
/// A person's screenings as a FHIR R4 <c>Bundle</c> of type <c>collection</c> holding one <c>QuestionnaireResponse</c> per
/// screening, oldest first (docs/fhir.md). Each response names its Questionnaire (<see cref="ScreeningQuestionnaires"/>), is
/// <c>completed</c>, refers to the person and the staff member by CareGrid identifiers (no names or other details), carries
/// when it was recorded, one item per answered question (an integer score; C-SSRS answers as booleans) and the instrument's
/// total where it has one. Serialized with the Firely SDK (Hl7.Fhir.R4).
/// </summary>
public static class ScreeningBundle
{
    /// <summary>JSON options that read and write FHIR R4 resources (Firely's System.Text.Json converters).</summary>
    public static JsonSerializerOptions Json { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>The identifier system of a tenant's people (the value is the person's local id).</summary>
    public static string PersonSystem(string tenantId) => $"urn:caregrid:{tenantId}:person";

    /// <summary>The identifier system of a tenant's staff (the value is the staff member's sub).</summary>
    public static string StaffSystem(string tenantId) => $"urn:caregrid:{tenantId}:staff";

    /// <summary>The identifier system of a tenant's screenings (the value is <c>{caseId}/{screeningId}</c>).</summary>
    public static string ScreeningSystem(string tenantId) => $"urn:caregrid:{tenantId}:screening";

    /// <summary>The bundle of <paramref name="screenings"/> of person <paramref name="personId"/>, stamped <paramref name="now"/>, as FHIR JSON.</summary>
    public static string Serialize(string tenantId, string personId, IEnumerable<CaseScreening> screenings, DateTimeOffset now) =>
        JsonSerializer.Serialize(Build(tenantId, personId, screenings, now), Json);

    /// <summary>The bundle of <paramref name="screenings"/> of person <paramref name="personId"/>, stamped <paramref name="now"/>.</summary>
    public static Bundle Build(string tenantId, string personId, IEnumerable<CaseScreening> screenings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(screenings);
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = now };
        foreach (var screening in screenings.OrderBy(s => s.Screening.At).ThenBy(s => s.CaseId, StringComparer.Ordinal))
        {
            bundle.Entry.Add(new Bundle.EntryComponent { Resource = Response(tenantId, personId, screening) });
        }

        return bundle;
    }

    private static QuestionnaireResponse Response(string tenantId, string personId, CaseScreening entry)
    {
        var (caseId, screening) = entry;
        var instrument = screening.Result.Instrument;
        var response = new QuestionnaireResponse
        {
            Id = ResourceId(caseId, screening.Id),
            Identifier = new Identifier(ScreeningSystem(tenantId), $"{caseId}/{screening.Id}"),
            Questionnaire = ScreeningQuestionnaires.Canonical(instrument),
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference { Identifier = new Identifier(PersonSystem(tenantId), personId) },
            AuthoredElement = new FhirDateTime(screening.At),
            Author = new ResourceReference { Identifier = new Identifier(StaffSystem(tenantId), screening.By) },
        };
        for (var i = 0; i < screening.Answers.Count; i++)
        {
            if (screening.Answers[i] is { } value)
            {
                DataType answer = instrument == ScreeningInstrument.Cssrs ? new FhirBoolean(value == 1) : new Integer(value);
                response.Item.Add(Item(ScreeningQuestionnaires.ItemLinkId(instrument, i), answer));
            }
        }

        if (ScreeningQuestionnaires.TotalLinkId(instrument) is { } total && screening.Result.TotalScore is { } score)
        {
            response.Item.Add(Item(total, new Integer(score)));
        }

        return response;
    }

    private static QuestionnaireResponse.ItemComponent Item(string linkId, DataType value) =>
        new() { LinkId = linkId, Answer = [new QuestionnaireResponse.AnswerComponent { Value = value }] };

    /// <summary>A FHIR id (<c>[A-Za-z0-9\-\.]{1,64}</c>) stable for one screening of one case: <c>s-</c> and 32 hex digits of its SHA-256.</summary>
    private static string ResourceId(string caseId, string screeningId) =>
        "s-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caseId + "/" + screeningId)).AsSpan(0, 16));
}
