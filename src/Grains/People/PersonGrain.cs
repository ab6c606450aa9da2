using Microsoft.Extensions.DependencyInjection;
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
}

/// <summary>A person served by the tenant, with consents by purpose.</summary>
[GrainType("person")]
public sealed partial class PersonGrain(
    [PersistentState("person", StorageNames.Default)] IPersistentState<PersonState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IPersonGrain
{
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
        if (state.State.Exists)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Person '{LocalId}' already exists.");
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

        var thisYear = clock.GetUtcNow().Year;
        if (input.BirthYear is { } y && (y < 1900 || y > thisYear))
        {
            throw CareGridException.Validation("birthYear", $"The birth year is between 1900 and {thisYear}.");
        }

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
            BirthYear = input.BirthYear,
            ExternalId = externalId,
            TargetGroups = groups,
            TargetGroupPeriods = groups.Select(g => new TargetGroupPeriod(g, Today, null)).ToList(),
            RegisteredAt = clock.GetUtcNow(),
        };
        await state.CommitAsync();
        await readModel.UpsertPersonAsync(ToRow());
        return ToInfo();
    }

    /// <inheritdoc />
    public Task<PersonInfo?> Get() => Task.FromResult(state.State.Exists ? ToInfo() : null);

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

        var record = new Consent(purpose, decision, givenBy, clock.GetUtcNow(), actor.Subject);
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
        return ToInfo();
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
    };
}
