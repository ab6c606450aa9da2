using CareGrid.Grains.Cases;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>PersonContact</c> (R-6.2). Sensitive: only on <c>person</c>.</summary>
public sealed class PersonContactType : ObjectGraphType<PersonContact>
{
    /// <summary>Defines the fields.</summary>
    public PersonContactType()
    {
        this.ReachedThroughParent();
        Name = "PersonContact";
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<ContactKind>>))
            .Description("GUARDIAN, PARENT, EMERGENCY_CONTACT, or SELF: the person's own phone (at most one; only a name and a phone).");
        Field(x => x.Name);
        Field(x => x.Relationship, nullable: true);
        Field(x => x.Phone, nullable: true);
        Field(x => x.Workplace, nullable: true).Description("Where a parent working far away works (R-6.2).");
    }
}

/// <summary>
/// GraphQL <c>ReplacedContact</c>: a contact a later list removed or changed, with who replaced it and when (round-24 red
/// team: an overwritten guardian could not be recovered). Sensitive as the contacts: only on <c>person</c>.
/// </summary>
public sealed class ReplacedContactType : ObjectGraphType<ReplacedContact>
{
    /// <summary>Defines the fields.</summary>
    public ReplacedContactType()
    {
        this.ReachedThroughParent();
        Name = "ReplacedContact";
        Field(x => x.Contact, type: typeof(NonNullGraphType<PersonContactType>)).Description("The contact as it was before.");
        Field(x => x.ReplacedAt).Description("When it was removed or changed (UTC).");
        Field(x => x.ReplacedBy).Description("The sub of who replaced it (setPersonContacts, setFamilyContacts or a roster import); 'system' for the service.");
        Field(x => x.RecordedAt, nullable: true).Description("When it had been recorded (UTC). For a contact recorded at registration, or by any write before 2026-12-05, this is the person's registration: the earliest it can have been. Null when replaced before 2026-12-05. The 5 replaced contacts that stood longest are never dropped.");
    }
}
