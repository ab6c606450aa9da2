using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Idempotency;

/// <summary>
/// Round-27 red team: a keyed <c>registerPerson</c> sent again weeks later answered the whole record — contacts, replaced
/// contacts, consents — to a registrar who may no longer read it. A retry now answers as need-to-know allows it now.
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class RegisterRetryShould(ClusterFixture fixture)
{
    [Fact]
    public async Task Answer_a_retry_without_the_sensitive_fields_the_registrar_may_not_read()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var registrar = new Actor("homeroom-x@" + tenant, [Roles.Caseworker]);
        var input = new RegisterPerson("林小雨", "class-7-1", Sex.Female, 2012, null, [], IdempotencyKey: "reg-retry-1");
        var person = fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, "reg-retry-p1"));
        TenantContext.Set(tenant);
        try
        {
            var first = await person.Register(input, registrar);
            await person.SetContacts([new PersonContact(ContactKind.Guardian, "林母", "母亲", "13900000001", null)], Actor.System);
            await person.SetContacts([new PersonContact(ContactKind.Guardian, "林父", "父亲", "13900000002", null)], Actor.System);

            var retried = await person.Register(input, registrar);

            Assert.Equal((first.Id, first.DisplayName, first.OrganizationId), (retried.Id, retried.DisplayName, retried.OrganizationId));
            Assert.Equal((0, 0, 0, (int?)null), (retried.Contacts.Count, retried.ReplacedContacts.Count, retried.Consents.Count, retried.BirthYear));
            Assert.Single((await person.Get(Actor.System))!.ReplacedContacts); // the record itself keeps them
        }
        finally
        {
            TenantContext.Clear();
        }
    }
}
