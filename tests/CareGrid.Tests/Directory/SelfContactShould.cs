using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// The person's own contact (<see cref="ContactKind.Self"/>, 本人): an adult resident living alone is called on their own phone
/// (R-6.2 "know how to reach them"; new-user trial 2026-12-06, a town's roster). At most one, a name and a phone only (PIPL
/// art. 6), never a guardian for consent, not family for <c>setFamilyContacts</c>. On <see cref="PersonRecord"/>, without a silo.
/// </summary>
[Trait("tier", "domain")]
public sealed class SelfContactShould
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    private static readonly TenantSettings Shanghai = TenantSettings.Default("Asia/Shanghai");

    private static readonly PersonContact OwnPhone = new(ContactKind.Self, "李桂英", null, "13912345678", null);

    private static PersonState Resident(int birthYear, params PersonContact[] contacts) => new()
    {
        Exists = true,
        DisplayName = "李桂英",
        OrganizationId = "east-village",
        BirthYear = birthYear,
        Contacts = [.. contacts],
    };

    [Fact]
    public void Keep_the_persons_own_phone_beside_the_other_contacts()
    {
        var state = Resident(1950);
        new PersonRecord(state, Now).SetContacts([OwnPhone, new PersonContact(ContactKind.EmergencyContact, "邻居王姐", null, "13700000000", null)], "grid-worker");

        Assert.Equal([ContactKind.Self, ContactKind.EmergencyContact], state.Contacts.Select(c => c.Kind));
        Assert.Equal(OwnPhone, state.Contacts[0]);
    }

    [Fact]
    public void Refuse_a_second_own_contact_leaving_the_contacts_unchanged()
    {
        var state = Resident(1950, OwnPhone);
        var e = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).SetContacts(
            [OwnPhone, new PersonContact(ContactKind.EmergencyContact, "邻居", null, "13700000000", null), OwnPhone with { Phone = "13800000000" }], "grid-worker"));

        Assert.Equal((ErrorCodes.ValidationFailed, "contacts[2].kind", "one-self-contact"), (e.Code, e.Details["field"], e.Details["rule"]));
        Assert.Contains("at most one contact of kind SELF", e.Message, StringComparison.Ordinal);
        Assert.Contains("每人最多一条“本人”联系方式", e.Message, StringComparison.Ordinal);
        Assert.Equal([OwnPhone], state.Contacts);
    }

    [Theory]
    [InlineData(null, null, null, "contacts[0].phone")]
    [InlineData("13912345678", "本人", null, "contacts[0].relationship")]
    [InlineData("13912345678", null, "镇卫生院", "contacts[0].workplace")]
    public void Keep_only_a_name_and_a_phone_for_the_person_themself(string? phone, string? relationship, string? workplace, string field)
    {
        var e = Assert.Throws<CareGridException>(() => PersonValidation.Contacts([new PersonContact(ContactKind.Self, "李桂英", relationship, phone, workplace)]));

        Assert.Equal((ErrorCodes.ValidationFailed, field, "self-contact-phone-only"), (e.Code, e.Details["field"], e.Details["rule"]));
        Assert.Contains("本人", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_count_the_persons_own_contact_as_a_guardian_for_consent()
    {
        // a 12-year-old with only their own phone: a guardian's decision needs a guardian, and the own contact is none
        var state = Resident(2014, OwnPhone with { Name = "李小明" });
        var e = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).RecordConsent(
            ConsentPurpose.ProfessionalIntervention, ConsentStatus.Granted, ConsentGivenBy.Guardian, "psych", Shanghai));

        Assert.Equal((ErrorCodes.ValidationFailed, "guardian-required"), (e.Code, e.Details["rule"]));
        Assert.Empty(state.Consents);
        Assert.False(PersonProjection.Info("t", "p", state).HasGuardian);
    }

    [Fact]
    public void Refuse_the_own_contact_through_set_family_contacts_and_keep_it_when_the_family_changes()
    {
        var state = Resident(1950, OwnPhone);
        var refused = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).SetFamilyContacts([OwnPhone with { Phone = "13800000000" }], "teacher"));
        Assert.Equal(("contacts[0].kind", "family-contacts-only"), (refused.Details["field"], refused.Details["rule"]));
        Assert.Contains("SELF", refused.Message, StringComparison.Ordinal);
        Assert.Equal([OwnPhone], state.Contacts);

        var son = new PersonContact(ContactKind.Guardian, "李建国", "儿子", "13600000000", null);
        new PersonRecord(state, Now).SetFamilyContacts([son], "teacher");
        Assert.Equal([son, OwnPhone], state.Contacts);
    }

    [Fact]
    public void Keep_a_replaced_own_phone_so_it_can_be_restored()
    {
        var state = Resident(1950, OwnPhone);
        new PersonRecord(state, Now).SetContacts([OwnPhone with { Phone = "13800000000" }], "grid-worker");

        var replaced = Assert.Single(state.ReplacedContacts!);
        Assert.Equal((OwnPhone, "grid-worker", Now), (replaced.Contact, replaced.ReplacedBy, replaced.ReplacedAt));
    }

    /// <summary>
    /// A roster row replaces only the kinds of contact it carries (nothing lost): re-importing a town roster with 联系电话
    /// leaves the son entered as guardian in the console, and a later guardian column leaves the own phone (the builder of the
    /// own-phone column found the whole list replaced; docs/rosters.md "The person's own phone").
    /// </summary>
    [Fact]
    public void Replace_only_the_kinds_a_roster_row_carries()
    {
        var son = new PersonContact(ContactKind.Guardian, "李建国", "儿子", "13600000000", null);
        var state = Resident(1950, son);
        var profile = new UpdatePerson("李桂英", "east-village", Sex.Female, 1950, "R-001");
        var record = new PersonRecord(state, Now);

        Assert.Equal(ImportOutcome.Updated, record.Import(new PersonImport(profile, [], [OwnPhone], [], null), profile, Shanghai, "import").Outcome);
        Assert.Equal([son, OwnPhone], state.Contacts);
        Assert.Null(state.ReplacedContacts);

        Assert.Equal(ImportOutcome.Unchanged, record.Import(new PersonImport(profile, [], [OwnPhone], [], null), profile, Shanghai, "import").Outcome);

        var daughter = new PersonContact(ContactKind.Guardian, "李红", "女儿", "13500000000", null);
        record.Import(new PersonImport(profile, [], [daughter], [], null), profile, Shanghai, "import");
        Assert.Equal([OwnPhone, daughter], state.Contacts);
        Assert.Equal(son, Assert.Single(state.ReplacedContacts!).Contact);
    }

    /// <summary>Round-35 red team: a row taking a person past ten contacts was refused with an English-only reason.</summary>
    [Fact]
    public void Refuse_a_row_that_would_pass_ten_contacts_in_both_languages_changing_nothing()
    {
        var ten = Enumerable.Range(0, 10).Select(i => new PersonContact(ContactKind.EmergencyContact, $"邻居{i}", null, $"1370000000{i}", null)).ToArray();
        var state = Resident(1950, ten);
        var profile = new UpdatePerson("李桂英", "east-village", Sex.Female, 1950, "R-001");

        var e = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).Import(new PersonImport(profile, [], [OwnPhone], [], null), profile, Shanghai, "import"));

        Assert.Equal((ErrorCodes.ValidationFailed, "contacts", "contacts-limit"), (e.Code, e.Details["field"], e.Details["rule"]));
        Assert.Contains("每人最多保存 10 条联系人", e.Message, StringComparison.Ordinal);
        Assert.Equal(ten, state.Contacts);
    }
}
