using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.People;

/// <summary>Persisted state of a <see cref="PersonGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.PersonState")]
public sealed class PersonState
{
    /// <summary>False until registered.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Display name.</summary>
    [Id(1)] public string DisplayName { get; set; } = "";
    /// <summary>Organization local id.</summary>
    [Id(2)] public string OrganizationId { get; set; } = "";
    /// <summary>Sex.</summary>
    [Id(3)] public Sex Sex { get; set; }
    /// <summary>Year of birth.</summary>
    [Id(4)] public int? BirthYear { get; set; }
    /// <summary>Roster id.</summary>
    [Id(5)] public string? ExternalId { get; set; }
    /// <summary>Target groups .</summary>
    [Id(6)] public List<string> TargetGroups { get; set; } = [];
    /// <summary>Consents, one per purpose.</summary>
    [Id(7)] public List<Consent> Consents { get; set; } = [];
    /// <summary>Registration time (UTC).</summary>
    [Id(8)] public DateTimeOffset RegisteredAt { get; set; }
    /// <summary>Target groups with dates .</summary>
    [Id(9)] public List<TargetGroupPeriod> TargetGroupPeriods { get; set; } = [];
    /// <summary>Guardians, parents and emergency contacts. Sensitive.</summary>
    [Id(10)] public List<PersonContact> Contacts { get; set; } = [];
    /// <summary>Monitoring level of the three-level archive .</summary>
    [Id(11)] public MonitoringLevel Monitoring { get; set; }
    /// <summary>Changes of the monitoring level, oldest first.</summary>
    [Id(12)] public List<MonitoringChange> MonitoringHistory { get; set; } = [];
    /// <summary>Roles held in units of the tenant .</summary>
    [Id(13)] public List<OrganizationRoleAssignment> Roles { get; set; } = [];
    /// <summary>Staff qualifications .</summary>
    [Id(14)] public List<Qualification> Qualifications { get; set; } = [];
    /// <summary>The staff member's login sub, or null.</summary>
    [Id(15)] public string? StaffSubject { get; set; }
    /// <summary>Census records (R-7.4 level 1), the latest <see cref="PersonGrain.MaxCensusRecords"/>, oldest first.</summary>
    [Id(16)] public List<CensusRecord> CensusRecords { get; set; } = [];
    /// <summary>Last change (UTC).</summary>
    [Id(17)] public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>Date of birth, or null (see <see cref="AgeOfConsent"/>).</summary>
    [Id(18)] public DateOnly? DateOfBirth { get; set; }
    /// <summary>The person's open cases, oldest first: a new concern joins the first (docs/idempotency.md, R-1.5).</summary>
    [Id(40)] public List<string>? OpenCaseIds { get; set; }
    /// <summary>True once open cases reported before <see cref="OpenCaseIds"/> existed were looked up on the read side.</summary>
    [Id(41)] public bool OpenCasesKnown { get; set; }
    /// <summary>Keyed concerns routed lately (result: <c>caseId\nseparatedFrom</c>), so a retry goes to the same case (bounded).</summary>
    [Id(42)] public List<Idempotency.RememberedWrite>? ConcernRoutes { get; set; }
    /// <summary>The keyed request that registered the person under a derived id, or null.</summary>
    [Id(43)] public Idempotency.RememberedWrite? CreatedBy { get; set; }
}

/// <summary>A person served by the tenant, with consents by purpose.</summary>
[GrainType("person")]
public sealed partial class PersonGrain(
    [PersistentState("person", StorageNames.Default)] IPersistentState<PersonState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<PersonGrain> logger) : Grain, IPersonGrain
{
    /// <summary>
    /// While a consent decision is being stored: the person as before it. <see cref="Get"/> interleaves and answers this,
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
            await readModel.UpsertPersonAsync(ToRow());
        }
    }

    /// <inheritdoc />
    public async Task<PersonInfo> Register(RegisterPerson input, Actor actor)
    {
        var fingerprint = Idempotency.IdempotencyKey.Fingerprint("registerPerson", input with { IdempotencyKey = null });
        if (state.State.Exists)
        {
            return Idempotency.RememberedWrites.Replays(state.State.CreatedBy, actor.Subject, input.IdempotencyKey, fingerprint, "registerPerson")
                ? ToInfo()
                : throw new CareGridException(ErrorCodes.AlreadyExists, $"Person '{LocalId}' already exists.");
        }

        var name = input.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            throw CareGridException.Validation("displayName", "A display name is 1–200 characters.");
        }

        StoredText.Ensure(name, "displayName");
        var externalId = PersonValidation.OptionalText(input.ExternalId, "externalId", 64);

        if (!Enum.IsDefined(input.Sex))
        {
            throw CareGridException.Validation("sex", "Unknown sex value.");
        }

        var (birthYear, dateOfBirth) = PersonValidation.Birth(input.BirthYear, input.DateOfBirth, clock.GetUtcNow());
        var groups = (input.TargetGroups ?? []).Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (groups.Any(g => g.Length > 64))
        {
            throw CareGridException.Validation("targetGroups", "A target group code is at most 64 characters.");
        }

        groups.ForEach(g => StoredText.Ensure(g, "targetGroups"));

        if (string.IsNullOrWhiteSpace(input.OrganizationId))
        {
            throw CareGridException.Validation("organizationId", "A person belongs to an organization.");
        }

        var org = await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, input.OrganizationId)).Get()
            ?? throw CareGridException.NotFound("Organization", input.OrganizationId);
        if (org.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("organizationId", "The organization is closed.");
        }

        state.State = new PersonState
        {
            Exists = true,
            DisplayName = name,
            OrganizationId = input.OrganizationId,
            Sex = input.Sex,
            BirthYear = birthYear,
            DateOfBirth = dateOfBirth,
            ExternalId = externalId,
            TargetGroups = groups,
            TargetGroupPeriods = groups.Select(g => new TargetGroupPeriod(g, Today, null)).ToList(),
            RegisteredAt = clock.GetUtcNow(),
            CreatedBy = input.IdempotencyKey is { } key ? new Idempotency.RememberedWrite(actor.Subject, key, fingerprint, clock.GetUtcNow()) : null,
        };
        await state.CommitAsync();
        await readModel.UpsertPersonAsync(ToRow());
        return ToInfo();
    }

    /// <inheritdoc />
    public Task<PersonInfo?> Get() => Task.FromResult(_beforeDecision ?? (state.State.Exists ? ToInfo() : null));

    /// <inheritdoc />
    public async Task<PersonInfo> RecordConsent(ConsentPurpose purpose, ConsentStatus decision, ConsentGivenBy givenBy, Actor actor)
    {
        if (!state.State.Exists)
        {
            throw CareGridException.NotFound("Person", LocalId);
        }

        var current = state.State.Consents.FirstOrDefault(c => c.Purpose == purpose);
        var from = current?.Status ?? ConsentStatus.Pending;
        var allowed = from switch
        {
            ConsentStatus.Pending => decision is ConsentStatus.Granted or ConsentStatus.Refused,
            ConsentStatus.Refused => decision is ConsentStatus.Granted,
            ConsentStatus.Granted => decision is ConsentStatus.Withdrawn,
            ConsentStatus.Withdrawn => decision is ConsentStatus.Granted,
            _ => false,
        };
        if (!allowed)
        {
            var permitted = from switch
            {
                ConsentStatus.Pending => new[] { ConsentStatus.Granted, ConsentStatus.Refused },
                ConsentStatus.Refused or ConsentStatus.Withdrawn => [ConsentStatus.Granted],
                _ => [ConsentStatus.Withdrawn],
            };
            throw Transitions.Invalid(from, decision, permitted);
        }

        await EnsureMayDecideAsync(givenBy);

        var record = new Consent(purpose, decision, givenBy, clock.GetUtcNow(), actor.Subject);
        _beforeDecision = ToInfo();
        try
        {
            var index = state.State.Consents.FindIndex(c => c.Purpose == purpose);
            if (index >= 0)
            {
                state.State.Consents[index] = record;
            }
            else
            {
                state.State.Consents.Add(record);
            }

            await state.CommitAsync();
        }
        finally
        {
            _beforeDecision = null;
        }

        var info = ToInfo();
        await NotifyOpenCasesAsync(new ConsentChange(purpose, decision, givenBy, actor.Subject, ConsentSnapshot.Of(info)));
        return info;
    }

    /// <summary>Below the tenant's age of consent only a guardian decides (docs/architecture.md "Security and privacy", PIPL art. 31; <see cref="AgeOfConsent"/>).</summary>
    private async Task EnsureMayDecideAsync(ConsentGivenBy givenBy)
    {
        var settings = await GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings();
        AgeOfConsent.EnsureMayDecide(givenBy, state.State.DateOfBirth, state.State.BirthYear, state.State.Contacts.Any(c => c.Kind == ContactKind.Guardian),
            settings.Calendar.LocalDate(clock.GetUtcNow()), settings.AgeOfConsent);
    }

    /// <summary>The reason of a self-given consent withdrawn by the system when the birth data puts the person below the age of consent.</summary>
    public const string BelowAgeReason = "birth date changed: below the age of consent; a guardian decides";

    /// <summary>The reason of a self-given consent withdrawn by the system when the birth data is removed (age unknown).</summary>
    public const string UnknownAgeReason = "birth date removed: age unknown; a guardian decides";

    /// <summary>
    /// After the birth data changed from (<paramref name="dateOfBirth"/>, <paramref name="birthYear"/>) to what the state now
    /// holds: when the person can no longer decide for themself (below the tenant's age of consent on its local date, or of
    /// unknown age — <see cref="AgeOfConsent"/>), every consent they gave themselves (<see cref="ConsentGivenBy.Self"/>) that
    /// is <see cref="ConsentStatus.Granted"/> becomes <see cref="ConsentStatus.Withdrawn"/>, recorded by <c>system</c> with a
    /// <see cref="Consent.Reason"/> (docs/architecture.md "Security and privacy", PIPL art. 31; docs/consent.md). Changes the state
    /// only (the caller saves it) and returns the changes to tell the open cases after saving.
    /// </summary>
    private async Task<List<ConsentChange>> WithdrawSelfConsentsBelowAgeAsync(DateOnly? dateOfBirth, int? birthYear)
    {
        var s = state.State;
        if ((s.DateOfBirth == dateOfBirth && s.BirthYear == birthYear)
            || !s.Consents.Any(c => c is { GivenBy: ConsentGivenBy.Self, Status: ConsentStatus.Granted }))
        {
            return [];
        }

        var settings = await GrainFactory.GetRef<ITenantGrain>(TenantId).GetSettings();
        var capacity = AgeOfConsent.CapacityOn(s.DateOfBirth, s.BirthYear, settings.Calendar.LocalDate(clock.GetUtcNow()), settings.AgeOfConsent);
        if (capacity == ConsentCapacity.OfAge)
        {
            return [];
        }

        var reason = capacity == ConsentCapacity.Minor ? BelowAgeReason : UnknownAgeReason;
        var now = clock.GetUtcNow();
        var purposes = new List<ConsentPurpose>();
        for (var i = 0; i < s.Consents.Count; i++)
        {
            if (s.Consents[i] is { GivenBy: ConsentGivenBy.Self, Status: ConsentStatus.Granted } granted)
            {
                s.Consents[i] = new Consent(granted.Purpose, ConsentStatus.Withdrawn, ConsentGivenBy.Self, now, "system") { Reason = reason };
                purposes.Add(granted.Purpose);
            }
        }

        var after = ConsentSnapshot.Of(ToInfo());
        return purposes.Select(p => new ConsentChange(p, ConsentStatus.Withdrawn, ConsentGivenBy.Self, "system", after, reason)).ToList();
    }

    /// <summary>Tells the open cases of each consent the system withdrew (<see cref="WithdrawSelfConsentsBelowAgeAsync"/>), after it is saved.</summary>
    private async Task NotifyWithdrawalsAsync(List<ConsentChange> withdrawn)
    {
        foreach (var change in withdrawn)
        {
            await NotifyOpenCasesAsync(change);
        }
    }

    /// <summary>
    /// Tells each open case of this person about a consent decision (found on the read side), so the case records it on its
    /// timeline at once. The decision itself already holds: every gated case command reads the person's consent live. A
    /// case that cannot be reached is logged and skipped (the decision stays recorded; its timeline misses the entry).
    /// </summary>
    private async Task NotifyOpenCasesAsync(ConsentChange change)
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

    private async Task NotifyCaseAsync(string caseId, ConsentChange change)
    {
        try
        {
            await GrainFactory.GetRef<ICaseGrain>(TenantIds.Key(TenantId, caseId)).ConsentChanged(change);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Consent change of person {Person} was not recorded on case {Case} of tenant {Tenant}", LocalId, caseId, TenantId);
        }
    }

    private PersonRow ToRow() => new(TenantId, LocalId, state.State.DisplayName, state.State.OrganizationId)
    {
        Monitoring = state.State.Monitoring,
        TargetGroups = [.. state.State.TargetGroups],
        IsStaff = state.State.Roles.Any(r => r.Staff) || state.State.Qualifications.Count > 0 || state.State.StaffSubject is not null,
    };

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new PersonState();
        DeactivateOnIdle();
    }

    private PersonInfo ToInfo() => new(TenantId, LocalId, state.State.DisplayName, state.State.OrganizationId, state.State.Sex,
        state.State.BirthYear, state.State.ExternalId, [.. state.State.TargetGroups], [.. state.State.Consents], state.State.RegisteredAt)
    {
        TargetGroupPeriods = [.. state.State.TargetGroupPeriods],
        Contacts = [.. state.State.Contacts],
        Monitoring = state.State.Monitoring,
        MonitoringHistory = [.. state.State.MonitoringHistory],
        Roles = [.. state.State.Roles],
        Qualifications = [.. state.State.Qualifications],
        StaffSubject = state.State.StaffSubject,
        CensusRecords = [.. state.State.CensusRecords],
        UpdatedAt = state.State.UpdatedAt ?? state.State.RegisteredAt,
        DateOfBirth = state.State.DateOfBirth,
    };
}
