using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Consents;

/// <summary>
/// A consent decision and a gated case command at the same moment: the person grain tells the case while the case asks
/// the person — neither waits for the other (no call cycle), every decision lands on the timeline, and the command is
/// either done with consent or refused with CONSENT_REQUIRED.
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class ConsentConcurrencyShould(ClusterFixture fixture)
{
    [Fact]
    public async Task Record_decisions_and_gate_commands_that_race_without_a_call_cycle()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        TenantContext.Set(tenant);
        try
        {
            var person = fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, student));
            await person.SetContacts([new PersonContact(ContactKind.Guardian, "Mother One", "mother", null, null)], Actor.System);
            var grain = await Seeds.ReportAsync(fixture.Grains, tenant, student, RiskLevel.High);
            var psych = Seeds.PsychologyTeacher(tenant);
            const int rounds = 12;
            var done = 0;
            for (var i = 0; i < rounds; i++)
            {
                var decision = i % 2 == 0 ? ConsentStatus.Granted : ConsentStatus.Withdrawn;
                var consent = person.RecordConsent(ConsentPurpose.ProfessionalIntervention, decision, ConsentGivenBy.Guardian, psych);
                var contact = grain.LogContact(ContactChannel.Phone, 5, null, psych);
                await consent;
                try
                {
                    await contact;
                    done++;
                }
                catch (CareGridException ex)
                {
                    Assert.Equal(ErrorCodes.ConsentRequired, ex.Code);
                }
            }

            var view = (await grain.Get(Actor.System))!;
            Assert.Equal(rounds, view.Timeline.Count(e => e.Action is "ConsentGranted" or "ConsentWithdrawn"));
            Assert.Equal(done, view.Contacts.Count);
            Assert.InRange(done, 1, rounds); // the first round always passes (PENDING or GRANTED); later ones depend on who came first
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
