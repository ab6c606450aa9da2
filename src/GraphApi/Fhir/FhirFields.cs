using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Fhir;

/// <summary>
/// <c>screeningsFhir(personId)</c>: a person's screenings as a FHIR R4 Bundle of QuestionnaireResponses for a health record
/// (docs/fhir.md). Case staff with need-to-know of the person; only the screenings of the person's cases the caller may open;
/// the person's INFORMATION_SHARING consent must be GRANTED (R-1.7: the data leaves CareGrid for another system); audited as a
/// READ of the person.
/// </summary>
public sealed class FhirFields(IGrainFactory grains, IReadModelStore readModel, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : ISchemaContributor
{
    /// <summary>Cases read per page of the read side while gathering the person's cases.</summary>
    private const int PageSize = 100;

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<StringGraphType>>("screeningsFhir")
            .Description("A person's screenings (PHQ-9, GAD-7, C-SSRS screener, K10) as one FHIR R4 Bundle (type collection, JSON) of QuestionnaireResponse "
                + "resources, oldest first: PHQ-9 answers LOINC 44249-1, GAD-7 LOINC 69737-5, the others CareGrid's own canonical names; the person and "
                + "staff appear by CareGrid identifiers only (docs/fhir.md). Only screenings of the person's cases the caller may open. Needs the person's "
                + "INFORMATION_SHARING consent GRANTED (R-1.7). Errors: FORBIDDEN (rule need-to-know) as person(id), NOT_FOUND, CONSENT_REQUIRED "
                + "(extensions.purpose INFORMATION_SHARING).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsRead("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                var person = await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Get(actor) ?? throw CareGridException.NotFound("Person", id);
                RequireSharingConsent(person, await grains.GetRef<ITenantGrain>(tenant.Id).GetSettings(), clock.GetUtcNow());
                var screenings = await ScreeningsAsync(tenant.Id, id, actor);
                return ScreeningBundle.Serialize(tenant.Id, id, screenings, clock.GetUtcNow());
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
    }

    /// <summary>
    /// <c>CONSENT_REQUIRED</c> unless the person's INFORMATION_SHARING consent counts as GRANTED today (R-1.7; a guardian's
    /// grant no longer counts once the person is of the age of consent, <see cref="PersonInfo.EffectiveConsentFor"/>).
    /// </summary>
    private static void RequireSharingConsent(PersonInfo person, TenantSettings settings, DateTimeOffset now)
    {
        var status = person.EffectiveConsentFor(ConsentPurpose.InformationSharing, settings, now);
        if (status != ConsentStatus.Granted)
        {
            throw new CareGridException(ErrorCodes.ConsentRequired,
                "screeningsFhir shares the person's screenings with a health record: record INFORMATION_SHARING consent as GRANTED first (recordConsent, R-1.7).",
                new Dictionary<string, string> { ["purpose"] = "INFORMATION_SHARING", ["status"] = SchemaNames.Value(status), ["grantedBy"] = "recordConsent" });
        }
    }

    /// <summary>Every screening, with its complete history, of the person's cases that <paramref name="actor"/> may open.</summary>
    private async Task<List<CaseScreening>> ScreeningsAsync(string tenantId, string personId, Actor actor)
    {
        var screenings = new List<CaseScreening>();
        string? after = null;
        do
        {
            var page = await readModel.QueryCasesAsync(tenantId, new CaseQuery(PersonId: personId), PageSize, after);
            foreach (var row in page.Items)
            {
                var grain = grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, row.Id));
                if (await grain.HasNeedToKnow(actor) && await grain.GetComplete(actor) is { } view)
                {
                    screenings.AddRange(view.Screenings.Select(s => new CaseScreening(view.Id, s)));
                }
            }

            after = page.HasNextPage ? page.Items[^1].Id : null;
        }
        while (after is not null);
        return screenings;
    }
}
