using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Validation;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Root mutations of a person's record: registration, consent, identifying data, target groups, contacts
/// the three-level archive and qualifications. Every command on an existing person
/// checks the caller's need-to-know of that person before anything changes; each is audited as a WRITE of the person.
/// </summary>
public sealed class PeopleMutations(IGrainFactory grains) : ISchemaContributor
{
    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query)
    {
    }

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
        AddRegisterPerson(mutation);
        AddRecordConsent(mutation);
        AddRecordGuardianAgreement(mutation);
        AddUpdatePerson(mutation);
        AddSetTargetGroup(mutation);
        AddSetPersonContacts(mutation);
        AddChangeMonitoringLevel(mutation);
        AddSetQualifications(mutation);
    }

    private void AddRegisterPerson(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonType>>("registerPerson")
            .Description("Registers a person served by the tenant (TenantAdmin, Coordinator, Counsellor, Clinician, Caseworker) in a unit the caller's units cover (else FORBIDDEN, rule need-to-know, field organizationId). "
                + "An id starting with ext- or exth- is refused VALIDATION_FAILED (rule roster-id): those are the ids roster imports give; send the number as externalId instead.")
            .Argument<NonNullGraphType<RegisterPersonInputType>>("input")
            .AllowTenantRoles(Roles.CaseStaff).AuditsWrite("Person", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.GetArgument<RegisterPersonInput>("input");
                var key = IdempotencyKey.Check(input.IdempotencyKey);
                var id = input.Id is null && key is not null ? IdempotencyKey.DeriveId("person", tenant.Id, actor.Subject, key) : LocalIds.OrNew(ResidentIdNumber.Ensure(input.Id, "id", externalId: true), "person", "id");
                var org = LocalIds.Check(input.OrganizationId, "organizationId");
                PersonRegistration.EnsureNotRosterId(input.Id);
                PersonRegistration.EnsureUnitInScope(await StaffScopes.ResolveAsync(grains, tenant.Id, actor), org);
                return await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).Register(
                    new RegisterPerson(input.DisplayName ?? "", org, input.Sex ?? Sex.Unspecified,
                        input.BirthYear, input.ExternalId, input.TargetGroups ?? [], input.DateOfBirth, key), actor);
            });

    private void AddRecordConsent(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonType>>("recordConsent")
            .Description("Records a consent decision for a purpose (R-1.7) and notes it on the timeline of each open case of the person; a withdrawal takes effect at once. "
                + "givenBy SELF (default) needs the person at or above the tenant's age of consent (protocolSettings.ageOfConsent) on the tenant's local date; "
                + "GUARDIAN needs a guardian named on the person (setPersonContacts). Errors: INVALID_TRANSITION, NOT_FOUND, VALIDATION_FAILED (field givenBy, dateOfBirth or contacts; rule).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<EnumerationGraphType<ConsentPurpose>>>("purpose")
            .Argument<NonNullGraphType<EnumerationGraphType<ConsentStatus>>>("decision")
            .Argument<EnumerationGraphType<ConsentGivenBy>>("givenBy")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsWrite("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                return await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).RecordConsent(
                    ctx.GetArgument<ConsentPurpose>("purpose"), ctx.GetArgument<ConsentStatus>("decision"),
                    ctx.GetArgument<ConsentGivenBy?>("givenBy") ?? ConsentGivenBy.Self, actor);
            });

    private void AddRecordGuardianAgreement(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonType>>("recordGuardianAgreement")
            .Description("Notes a guardian's view (agreed true or false) beside a minor's own consent decision on a purpose (docs/consent.md \"The guardian's view\"): "
                + "for a person at or above the tenant's age of consent and under 18 (PIPL art. 31: they decide alone; Civil Code art. 17), whose school asks a parent as well. "
                + "For the record only: it changes nothing the decision allows, and a new decision drops it. guardianName names a guardian on the person's contacts; "
                + "omit it when there is exactly one. Errors: VALIDATION_FAILED (field personId with rule guardian-decides or adult; purpose, rule own-decision-first; "
                + "guardianName, rule guardian-required), NOT_FOUND, FORBIDDEN.")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<EnumerationGraphType<ConsentPurpose>>>("purpose")
            .Argument<NonNullGraphType<BooleanGraphType>>("agreed")
            .Argument<StringGraphType>("guardianName")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsWrite("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var id = LocalIds.Check(ctx.GetArgument<string>("personId"), "personId");
                return await grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id)).NoteGuardianAgreement(
                    ctx.GetArgument<ConsentPurpose>("purpose"), ctx.GetArgument<bool>("agreed"), ctx.GetArgument<string?>("guardianName"), actor);
            });

    private void AddUpdatePerson(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonType>>("updatePerson")
            .Description("Changes a person's identifying data (case staff, need-to-know as for person). sex, birthYear, dateOfBirth and externalId left out keep "
                + "what is known; given as null they clear it (as a roster row's empty cell keeps it, docs/rosters.md). A new organizationId moves the person, and each of their open "
                + "cases follows (docs/access.md \"A case follows its person\"): the caller's units must cover both the person's unit and the new one (else FORBIDDEN, "
                + "field organizationId, rule need-to-know). Errors: VALIDATION_FAILED (with field), NOT_FOUND, FORBIDDEN.")
            .Argument<NonNullGraphType<UpdatePersonInputType>>("input")
            .TakesPersonId("input.id")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsWrite("Person", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var input = ctx.GetArgument<UpdatePersonInput>("input");
                var id = LocalIds.Check(input.Id, "id");
                var org = LocalIds.Check(input.OrganizationId, "organizationId");
                var person = await KnownPersonAsync(tenant, id, actor);
                var current = await person.Get();
                if (current?.OrganizationId is { } from && from != org)
                {
                    PersonRegistration.EnsureMoveInScope(await StaffScopes.ResolveAsync(grains, tenant.Id, actor), from, org);
                }

                return await person.Update(UpdatePersonFields.Merge(input, ctx.GetArgument<Dictionary<string, object?>>("input") ?? [], current, org), actor);
            });

    private void AddSetTargetGroup(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonType>>("setTargetGroup")
            .Description("Adds or replaces a person's period in a target group (R-1.2; from/until inclusive, open when omitted) (case staff).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .Argument<DateOnlyGraphType>("from")
            .Argument<DateOnlyGraphType>("until")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsWrite("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await (await KnownPersonAsync(tenant, LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), actor)).SetTargetGroup(
                    ctx.GetArgument<string>("code"), ctx.GetArgument<DateOnly?>("from"), ctx.GetArgument<DateOnly?>("until"), actor);
            });

    private void AddSetPersonContacts(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonType>>("setPersonContacts")
            .Description("Replaces a person's guardians, parents, emergency contacts and own phone (SELF: at most one, a name and a phone only), at most 10 (R-6.2, R-1.10) "
                + "(case staff). Errors: VALIDATION_FAILED (contacts[i].field; a second SELF: contacts[i].kind, rule one-self-contact; a SELF without a phone or "
                + "with a relationship or workplace: rule self-contact-phone-only).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<ContactInputType>>>>("contacts")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsWrite("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var contacts = (ctx.GetArgument<List<ContactInput>>("contacts") ?? [])
                    .Select(c => new PersonContact(c.Kind ?? ContactKind.Guardian, c.Name ?? "", c.Relationship, c.Phone, c.Workplace))
                    .ToList();
                return await (await KnownPersonAsync(tenant, LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), actor)).SetContacts(contacts, actor);
            });

    private void AddChangeMonitoringLevel(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonType>>("changeMonitoringLevel")
            .Description("Moves a person in the three-level archive (R-7.4): START_TRACKING (NONE | CENSUS → TRACKING), OPEN_INDIVIDUAL_CASE (→ INDIVIDUAL_CASE), "
                + "STEP_DOWN (INDIVIDUAL_CASE → TRACKING → CENSUS), RECORD_CENSUS (NONE → CENSUS) (case staff). Errors: INVALID_TRANSITION.")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<EnumerationGraphType<MonitoringTrigger>>>("action")
            .Argument<StringGraphType>("reason")
            .TakesPersonId("personId")
            .AllowTenantRoles(Roles.CaseStaff, NeedToKnow.Person).AuditsWrite("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                return await (await KnownPersonAsync(tenant, LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), actor))
                    .ChangeMonitoring(ctx.GetArgument<MonitoringTrigger>("action"), ctx.GetArgument<string?>("reason"), actor);
            });

    private void AddSetQualifications(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PersonType>>("setQualifications")
            .Description("Replaces a staff member's qualifications, at most 20, and optionally their login sub (TenantAdmin; R-1.4, R-7.7).")
            .Argument<NonNullGraphType<IdGraphType>>("personId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<QualificationInputType>>>>("qualifications")
            .Argument<StringGraphType>("staffSubject")
            .TakesPersonId("personId")
            .AllowTenantRoles([Roles.TenantAdmin], NeedToKnow.Person).AuditsWrite("Person", "personId")
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var list = (ctx.GetArgument<List<QualificationInput>>("qualifications") ?? [])
                    .Select(q => new Qualification(q.Code ?? "", q.ValidUntil))
                    .ToList();
                return await (await KnownPersonAsync(tenant, LocalIds.Check(ctx.GetArgument<string>("personId"), "personId"), actor))
                    .SetQualifications(list, ctx.GetArgument<string?>("staffSubject"), actor);
            });

    /// <summary>
    /// The person's grain, for a command that returns the person's record: <c>FORBIDDEN</c> (rule need-to-know) unless the
    /// caller works on one of the person's open cases or broke the glass — the same rule as the <c>person</c> query, checked
    /// before anything changes — and, when only a break-the-glass grant opened the record, the caller's units must cover the
    /// person's unit (<c>FORBIDDEN</c>, rule break-the-glass-read-only; <see cref="NeedToKnowPolicy.MayChangePerson"/>). An id that names nobody never gets here: it is refused as a person outside need-to-know
    /// when it is resolved (<see cref="PersonIdArguments.ResolveAsync"/>, F12); <c>NOT_FOUND</c> only for the system.
    /// </summary>
    private async Task<IPersonGrain> KnownPersonAsync(TenantInfo tenant, string id, Actor actor)
    {
        var grain = grains.GetRef<IPersonGrain>(TenantIds.Key(tenant.Id, id));
        await grain.EnsureMayChange(actor);
        return grain;
    }
}
