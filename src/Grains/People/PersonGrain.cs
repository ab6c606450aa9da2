using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.People;

/// <summary>
/// A person served by the tenant, with consents by purpose. Thin: the rules are <see cref="PersonRecord"/> (registration,
/// consent, contacts, monitoring, directory edits), <see cref="NeedToKnowPolicy"/> (who sees the record) and the two machines
/// (<see cref="ConsentStateMachine"/>, <see cref="MonitoringStateMachine"/>); the grain loads, calls, saves and publishes.
/// </summary>
[GrainType("person")]
public sealed partial class PersonGrain(
    [PersistentState("person", StorageNames.Default)] IPersistentState<PersonState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<PersonGrain> logger) : Grain, IPersonGrain
{
    /// <summary>
    /// While a consent decision is being stored: the person as before it. <see cref="Get()"/> interleaves and answers this,
    /// so no case ever acts on a decision that storage may still refuse.
    /// </summary>
    private PersonInfo? _beforeDecision;

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Exists)
        {
            await PublishRowAsync();
            if (state.State.StaffSubject is not null)
            {
                await SyncStaffScopeAsync((null, [])); // heals the staff-scope index (docs/access.md); a no-op when it is in step
            }
        }
    }

    /// <inheritdoc />
    public async Task<PersonInfo> Register(RegisterPerson input, Actor actor)
    {
        var fingerprint = Idempotency.IdempotencyKey.Fingerprint("registerPerson", input with { IdempotencyKey = null });
        var now = clock.GetUtcNow();
        // The input is checked before the id is: a probe with a bad input answers the same for an id that exists and one
        // that does not (round-24 red team: ALREADY_EXISTS against VALIDATION_FAILED told case staff which ids exist).
        var registration = PersonInput.Registration(input, now);
        if (state.State.Exists)
        {
            if (!Idempotency.RememberedWrites.Replays(state.State.CreatedBy, actor.Subject, input.IdempotencyKey, fingerprint, "registerPerson"))
            {
                throw new CareGridException(ErrorCodes.AlreadyExists, $"Person '{LocalId}' already exists.");
            }

            // A retry answers the record as need-to-know allows it now (round-27 red team: a retry weeks later returned the
            // contacts, replaced contacts and consents the registrar may no longer read).
            return await NeedToKnowAsync(actor) ? ToInfo() : WithoutSensitiveFields(ToInfo());
        }

        await EnsureOpenUnitAsync(registration.OrganizationId);
        await EnsureIdsFreeAsync(registration.ExternalId, "id");
        var createdBy = input.IdempotencyKey is { } key ? new Idempotency.RememberedWrite(actor.Subject, key, fingerprint, now) : null;
        state.State = PersonRecord.Register(registration, createdBy, now);
        await state.CommitAsync();
        await PublishRowAsync();
        return ToInfo();
    }

    /// <summary>
    /// <paramref name="info"/> with what the <c>people</c> list does not show left out (birth data, target groups, consents,
    /// contacts and replaced contacts, monitoring history, census records, roles, qualifications): the answer to a caller
    /// outside need-to-know (docs/access.md).
    /// </summary>
    private static PersonInfo WithoutSensitiveFields(PersonInfo info) => info with
    {
        BirthYear = null, DateOfBirth = null, TargetGroups = [], TargetGroupPeriods = [], Consents = [], Contacts = [], ReplacedContacts = [],
        MonitoringHistory = [], CensusRecords = [], Roles = [], Qualifications = [], StaffSubject = null,
    };

    /// <inheritdoc />
    public Task<PersonInfo?> Get() => Task.FromResult(_beforeDecision ?? (state.State.Exists ? ToInfo() : null));

    /// <inheritdoc />
    public async Task<PersonInfo> RecordConsent(ConsentPurpose purpose, ConsentStatus decision, ConsentGivenBy givenBy, Actor actor)
    {
        await EnsureMayChangeAsync(actor); // first, as the API did: an unknown person is FORBIDDEN to staff, not NOT_FOUND; a grant alone reads only
        EnsureExists();
        var settings = await SettingsAsync();
        var record = new PersonRecord(state.State, clock.GetUtcNow());
        _beforeDecision = ToInfo();
        PersonOutcome outcome;
        try
        {
            outcome = record.RecordConsent(purpose, decision, givenBy, actor.Subject, settings);
            await state.CommitAsync();
        }
        finally
        {
            _beforeDecision = null;
        }

        await NotifyOpenCasesAsync(outcome.ConsentChanges);
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<PersonInfo> NoteGuardianAgreement(ConsentPurpose purpose, bool agreed, string? guardianName, Actor actor)
    {
        await EnsureMayChangeAsync(actor);
        EnsureExists();
        var settings = await SettingsAsync();
        await ApplyAsync(Record().NoteGuardianAgreement(purpose, agreed, guardianName, actor.Subject, settings));
        return ToInfo();
    }

    /// <summary>The tenant's settings: its age of consent and time zone (PIPL art. 31; <see cref="AgeOfConsent"/>).</summary>
    private Task<TenantSettings> SettingsAsync() => GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings();

    /// <summary><c>NOT_FOUND</c> unless <paramref name="organizationId"/> names a unit of the tenant; <c>VALIDATION_FAILED</c> when it is closed.</summary>
    private async Task EnsureOpenUnitAsync(string organizationId)
    {
        var org = await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, organizationId)).Get()
            ?? throw CareGridException.NotFound("Organization", organizationId);
        if (org.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("organizationId", "The organization is closed.");
        }
    }

    /// <summary>
    /// Tells each open case of this person about each consent change (found on the read side), so the case records it on its
    /// timeline at once. The decision itself already holds: every gated case command reads the person's consent live. A
    /// case that cannot be reached is logged and skipped (the decision stays recorded; its timeline misses the entry).
    /// </summary>
    private async Task NotifyOpenCasesAsync(IReadOnlyList<ConsentChange> changes)
    {
        foreach (var change in changes)
        {
            string? after = null;
            do
            {
                var page = await readModel.QueryCasesAsync(TenantId, new CaseQuery(PersonId: LocalId, OpenOnly: true), 100, after);
                await Task.WhenAll(page.Items.Select(row => NotifyCaseAsync(row.Id, change)));
                after = page.HasNextPage && page.Items.Count > 0 ? page.Items[^1].Id : null;
            }
            while (after is not null);
        }
    }

    private async Task NotifyCaseAsync(string caseId, ConsentChange change)
    {
        try
        {
            await GrainFactory.GetRef<ICaseGrain>(TenantIds.Key(TenantId, caseId)).ConsentChanged(change);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogConsentNotRecorded(logger, ex, LocalId, caseId, TenantId);
        }
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        var staffBefore = StaffMembership();
        await state.ClearStateAsync();
        state.State = new PersonState();
        await SyncStaffScopeAsync(staffBefore);
        DeactivateOnIdle();
    }

    private PersonRow ToRow() => PersonProjection.Row(TenantId, LocalId, state.State);

    private PersonInfo ToInfo() => PersonProjection.Info(TenantId, LocalId, state.State);

    /// <summary>Writes the person's read-side row and tells the tenant's statistics (docs/statistics.md) of it.</summary>
    private async Task PublishRowAsync()
    {
        var row = ToRow();
        await readModel.UpsertPersonAsync(row);
        await GrainFactory.GetGrain<Statistics.ITenantStatisticsGrain>(row.TenantId).Apply(new Statistics.StatisticsFeed(null, [], row));
    }

    /// <summary>The person id is personal data: redacted in every log (docs/observability.md "Logs").</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "Consent change of person {Person} was not recorded on case {Case} of tenant {Tenant}")]
    private static partial void LogConsentNotRecorded(ILogger logger, Exception exception, [Telemetry.PersonalData] string person, string @case, string tenant);
}
