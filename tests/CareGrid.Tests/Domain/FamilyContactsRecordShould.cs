using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;

namespace CareGrid.Tests.Domain;

/// <summary>
/// <see cref="PersonRecord.SetFamilyContacts"/> without a silo (R-6.2, the three knows; docs/visits.md): it replaces the
/// guardians and parents, keeps the emergency contacts, and refuses an emergency contact or more than 10 contacts in all
/// without changing anything; and <see cref="PersonRecord.SetContacts"/> keeps what a replacement removed or changed.
/// </summary>
[Trait("tier", "domain")]
public sealed class FamilyContactsRecordShould
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly PersonContact Neighbour = new(ContactKind.EmergencyContact, "邻居", null, "13700000000", null);

    private static readonly PersonContact Guardian = new(ContactKind.Guardian, "旧监护人", null, "13600000000", null);

    private static PersonState State() => new()
    {
        Exists = true,
        Contacts = [Guardian, Neighbour],
    };

    private static string Kinds(PersonState s) => string.Join(",", s.Contacts.Select(c => $"{c.Kind}:{c.Name}"));

    [Fact]
    public void Replace_the_guardians_and_parents_and_keep_the_emergency_contacts()
    {
        var state = State();
        new PersonRecord(state, Now).SetFamilyContacts(
            [new(ContactKind.Guardian, "李奶奶", "祖母", "13800000001", null), new(ContactKind.Parent, "李父", "父亲", "13900000001", "浙江省宁波市")], "teacher@s");
        Assert.Equal("Guardian:李奶奶,Parent:李父,EmergencyContact:邻居", Kinds(state));
        // the guardian it replaced is kept, with who replaced it and when (round-24 red team); the kept neighbour is not
        Assert.Equal([("旧监护人", Now, "teacher@s")], state.ReplacedContacts!.Select(r => (r.Contact.Name, r.ReplacedAt, r.ReplacedBy)));
    }

    [Fact]
    public void Keep_every_contact_a_replacement_removes_or_changes_the_first_five_and_the_latest()
    {
        var state = State();
        var record = new PersonRecord(state, Now);
        // the guardian's phone corrected: the old entry is kept; the unchanged neighbour is not
        record.SetContacts([Guardian with { Phone = "13700000009" }, Neighbour], "teacher@s");
        Assert.Equal([Guardian], state.ReplacedContacts!.Select(r => r.Contact));
        record.SetContacts([Guardian with { Phone = "13700000009" }, Neighbour], "teacher@s"); // the same list again: nothing replaced
        Assert.Single(state.ReplacedContacts!);

        for (var i = 0; i < 25; i++)
        {
            record.SetContacts([new PersonContact(ContactKind.Guardian, $"监护人{i}", null, null, null)], "admin@s");
        }

        Assert.Equal(PersonRecord.MaxReplacedContacts, state.ReplacedContacts!.Count);
        Assert.Equal("监护人23", state.ReplacedContacts[^1].Contact.Name);
        Assert.Equal("监护人24", Assert.Single(state.Contacts).Name);
        // The run of 25 replacements did not push out the family's contacts as first recorded (round-26 red team).
        Assert.Equal([Guardian, Guardian with { Phone = "13700000009" }, Neighbour, new PersonContact(ContactKind.Guardian, "监护人0", null, null, null),
            new PersonContact(ContactKind.Guardian, "监护人1", null, null, null)], state.ReplacedContacts.Take(PersonRecord.LongestStandingContactsKept).Select(r => r.Contact));
        Assert.Equal("监护人9", state.ReplacedContacts[PersonRecord.LongestStandingContactsKept].Contact.Name);
    }

    [Fact]
    public void Keep_the_contacts_that_stood_longest_when_junk_is_padded_in_and_replaced_first()
    {
        // Round-28 red team: junk added beside the real guardian and replaced before it filled the five places of
        // "the first ever replaced"; twenty more junk lists then pushed the guardian out.
        var state = State();
        state.RegisteredAt = Now.AddYears(-1); // the guardian and the neighbour were recorded at registration, a year ago
        var junk = Enumerable.Range(0, 5).Select(i => new PersonContact(ContactKind.Parent, $"x{i}", null, null, null)).ToList();
        new PersonRecord(state, Now).SetContacts([Guardian, Neighbour, .. junk], "intruder@s");
        new PersonRecord(state, Now.AddMinutes(1)).SetContacts([Guardian, Neighbour], "intruder@s");
        for (var i = 0; i < 20; i++)
        {
            new PersonRecord(state, Now.AddMinutes(2 + i)).SetContacts([new PersonContact(ContactKind.Guardian, $"y{i}", null, null, null)], "intruder@s");
        }

        Assert.Equal(PersonRecord.MaxReplacedContacts, state.ReplacedContacts!.Count);
        Assert.Contains(state.ReplacedContacts, r => r.Contact == Guardian && r.RecordedAt == Now.AddYears(-1) && r.ReplacedAt == Now.AddMinutes(2));
        Assert.Contains(state.ReplacedContacts, r => r.Contact == Neighbour);
        Assert.Equal("y18", state.ReplacedContacts[^1].Contact.Name); // the latest are kept beside them, oldest first
        Assert.Equal(state.ReplacedContacts.OrderBy(r => r.ReplacedAt).ToList(), state.ReplacedContacts);
    }

    [Fact]
    public void Refuse_an_emergency_contact_and_change_nothing()
    {
        var state = State();
        var ex = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).SetFamilyContacts(
            [new(ContactKind.Parent, "李父", null, "13900000001", "宁波"), Neighbour with { Name = "新邻居" }], "teacher@s"));
        Assert.Equal((ErrorCodes.ValidationFailed, "contacts[1].kind"), (ex.Code, ex.Details["field"]));
        Assert.Equal("Guardian:旧监护人,EmergencyContact:邻居", Kinds(state));
        Assert.Null(state.ReplacedContacts);
    }

    [Fact]
    public void Refuse_more_than_ten_contacts_in_all_and_change_nothing()
    {
        var state = State();
        var ten = Enumerable.Range(0, 10).Select(i => new PersonContact(ContactKind.Parent, $"家长{i}", null, "13900000001", "宁波")).ToList();
        var ex = Assert.Throws<CareGridException>(() => new PersonRecord(state, Now).SetFamilyContacts(ten, "teacher@s"));
        Assert.Equal((ErrorCodes.ValidationFailed, "contacts"), (ex.Code, ex.Details["field"]));
        Assert.Equal("Guardian:旧监护人,EmergencyContact:邻居", Kinds(state));
    }
}
