using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Visits;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The guardian and parent contacts of the three knows (R-6.2, R-2.2; docs/visits.md, docs/access.md "need-to-know by
/// organization"): case staff whose units cover the person's unit — the homeroom teacher their class — read and record a
/// person's GUARDIAN and PARENT contacts without an open case. Emergency contacts and the rest of the person record stay
/// behind need-to-know by case (<c>person</c>, <c>setPersonContacts</c>). Audited READ / WRITE Person; refusals are
/// FORBIDDEN with rule need-to-know, audited like every refusal (docs/audit-refusals.md).
/// </summary>
public sealed class FamilyContactsFields(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PersonContactType>>>>("familyContacts")
            .Description("A person's guardians and parents (GUARDIAN, PARENT; the three knows, R-6.2) — not the emergency contacts (case staff whose units cover "
                + "the person's unit). Errors: NOT_FOUND, FORBIDDEN (need-to-know).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsRead("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var person = await VisitAccess.EnsureAsync(grains, tenant.Id, LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), actor);
                return Family(person);
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PersonContactType>>>>("setFamilyContacts")
            .Description("Replaces a person's guardians and parents (kinds GUARDIAN and PARENT; the three knows, R-6.2, R-2.2) and keeps the emergency contacts and the person's own phone (SELF); "
                + "answers the guardians and parents (case staff whose units cover the person's unit — the homeroom teacher their class). Errors: NOT_FOUND, "
                + "FORBIDDEN (need-to-know), VALIDATION_FAILED (contacts[i].kind for EMERGENCY_CONTACT or SELF, rule family-contacts-only; contacts[i].field, contacts past 10 in all).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<ContactInputType>>>>("contacts")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Unit).AuditsWrite("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                await VisitAccess.EnsureAsync(grains, tenant.Id, id, actor);
                var contacts = (ctx.GetArgument<List<ContactInput>>("contacts") ?? [])
                    .Select(c => new PersonContact(c.Kind ?? ContactKind.Guardian, c.Name ?? "", c.Relationship, c.Phone, c.Workplace))
                    .ToList();
                return Family(await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).SetFamilyContacts(contacts, actor));
            });

    private static List<PersonContact> Family(PersonInfo person) =>
        [.. person.Contacts.Where(c => c.Kind is ContactKind.Guardian or ContactKind.Parent)];
}
