using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Stateless;

namespace CareGrid.Grains.People;

/// <summary>Directory commands of a person: profile, target groups, contacts, monitoring level, roles, qualifications, roster import.</summary>
public sealed partial class PersonGrain
{
    /// <summary>How many census records a person keeps (the latest; older ones stay in their census rounds' counts).</summary>
    public const int MaxCensusRecords = 20;

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <inheritdoc />
    public async Task<PersonInfo> Update(UpdatePerson input, Actor actor)
    {
        EnsureExists();
        var profile = await CheckProfileAsync(input);
        var (dateOfBirth, birthYear) = (state.State.DateOfBirth, state.State.BirthYear);
        Apply(profile);
        var withdrawn = await WithdrawSelfConsentsBelowAgeAsync(dateOfBirth, birthYear);
        await SaveAsync();
        await NotifyWithdrawalsAsync(withdrawn);
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<ImportOutcome> Import(PersonImport input, Actor actor)
    {
        var profile = await CheckProfileAsync(input.Profile, input.OrganizationVerified);
        var groups = CheckCodes(input.TargetGroups, "targetGroups");
        var contacts = PersonValidation.Contacts(input.Contacts);
        var qualifications = PersonValidation.Qualifications(input.Qualifications);
        var subject = PersonValidation.OptionalText(input.StaffSubject, "subject", 200);
        var s = state.State;
        if (!s.Exists)
        {
            state.State = new PersonState
            {
                Exists = true,
                RegisteredAt = clock.GetUtcNow(),
                TargetGroups = groups,
                TargetGroupPeriods = groups.Select(g => new TargetGroupPeriod(g, Today, null)).ToList(),
                Contacts = contacts,
                Qualifications = qualifications,
                StaffSubject = subject,
            };
            Apply(profile);
            await SaveAsync();
            return ImportOutcome.Created;
        }

        var changed = s.DisplayName != profile.DisplayName || s.OrganizationId != profile.OrganizationId || s.Sex != profile.Sex
            || s.BirthYear != profile.BirthYear || s.DateOfBirth != profile.DateOfBirth || s.ExternalId != profile.ExternalId
            || groups.Any(g => !s.TargetGroups.Contains(g))
            || (contacts.Count > 0 && !contacts.SequenceEqual(s.Contacts))
            || (qualifications.Count > 0 && !qualifications.SequenceEqual(s.Qualifications))
            || (subject is not null && subject != s.StaffSubject);
        if (!changed)
        {
            return ImportOutcome.Unchanged;
        }

        var (dateOfBirth, birthYear) = (s.DateOfBirth, s.BirthYear);
        Apply(profile);
        var withdrawn = await WithdrawSelfConsentsBelowAgeAsync(dateOfBirth, birthYear);
        foreach (var g in groups.Where(g => !s.TargetGroups.Contains(g)))
        {
            s.TargetGroups.Add(g);
            s.TargetGroupPeriods.Add(new TargetGroupPeriod(g, Today, null));
        }

        if (contacts.Count > 0)
        {
            s.Contacts = contacts;
        }

        if (qualifications.Count > 0)
        {
            s.Qualifications = qualifications;
        }

        s.StaffSubject = subject ?? s.StaffSubject;
        await SaveAsync();
        await NotifyWithdrawalsAsync(withdrawn);
        return ImportOutcome.Updated;
    }

    /// <inheritdoc />
    public async Task<PersonInfo> SetTargetGroup(string code, DateOnly? from, DateOnly? until, Actor actor)
    {
        EnsureExists();
        if (!PersonValidation.IsCode(code))
        {
            throw CareGridException.Validation("code", "A target group code is 1–64 letters and digits (R-1.2).");
        }

        if (from is { } f && until is { } u && u < f)
        {
            throw CareGridException.Validation("until", "The end date is on or after the start date.");
        }

        var s = state.State;
        s.TargetGroupPeriods.RemoveAll(p => p.Code == code);
        s.TargetGroupPeriods.Add(new TargetGroupPeriod(code, from, until));
        if (!s.TargetGroups.Contains(code))
        {
            s.TargetGroups.Add(code);
        }

        await SaveAsync();
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<PersonInfo> SetContacts(IReadOnlyList<PersonContact> contacts, Actor actor)
    {
        EnsureExists();
        state.State.Contacts = PersonValidation.Contacts(contacts);
        await SaveAsync();
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<PersonInfo> ChangeMonitoring(MonitoringTrigger trigger, string? reason, Actor actor)
    {
        EnsureExists();
        var note = PersonValidation.OptionalText(reason, "reason", 1000);
        var machine = MonitoringMachine();
        if (!Enum.IsDefined(trigger) || !machine.CanFire(trigger))
        {
            throw Transitions.Invalid(state.State.Monitoring, trigger, machine.Permitted());
        }

        Fire(machine, trigger, actor.Subject, note);
        await SaveAsync();
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task<PersonInfo> RecordCensus(CensusRecord record)
    {
        EnsureExists();
        var s = state.State;
        if (record.IdempotencyKey is { } key && s.CensusRecords.LastOrDefault(r => r.IdempotencyKey == key && r.By == record.By) is { } earlier)
        {
            // A retry (docs/idempotency.md): the same request answers without writing; the key on another request is refused.
            return earlier with { At = record.At } == record ? ToInfo() : throw Idempotency.IdempotencyKey.Reused("recordCensus");
        }

        s.CensusRecords.Add(record);
        if (s.CensusRecords.Count > MaxCensusRecords)
        {
            s.CensusRecords.RemoveRange(0, s.CensusRecords.Count - MaxCensusRecords);
        }

        var machine = MonitoringMachine();
        Fire(machine, MonitoringTrigger.RecordCensus, record.By, $"census {record.RoundId}");
        if (record.IsFlagged && machine.CanFire(MonitoringTrigger.StartTracking))
        {
            Fire(machine, MonitoringTrigger.StartTracking, record.By, $"flagged in census {record.RoundId}");
        }

        await SaveAsync();
        return ToInfo();
    }

    /// <inheritdoc />
    public async Task AssignRole(string organizationId, string role, bool staff, Actor actor)
    {
        EnsureExists();
        if (!state.State.Roles.Any(r => r.OrganizationId == organizationId && r.Role == role))
        {
            state.State.Roles.Add(new OrganizationRoleAssignment(organizationId, role, clock.GetUtcNow(), staff));
            await SaveAsync();
        }
    }

    /// <inheritdoc />
    public async Task UnassignRole(string organizationId, string role, Actor actor)
    {
        EnsureExists();
        if (state.State.Roles.RemoveAll(r => r.OrganizationId == organizationId && r.Role == role) > 0)
        {
            await SaveAsync();
        }
    }

    /// <inheritdoc />
    public async Task<PersonInfo> SetQualifications(IReadOnlyList<Qualification> qualifications, string? staffSubject, Actor actor)
    {
        EnsureExists();
        var checkedList = PersonValidation.Qualifications(qualifications);
        var subject = PersonValidation.OptionalText(staffSubject, "subject", 200);
        state.State.Qualifications = checkedList;
        state.State.StaffSubject = subject ?? state.State.StaffSubject;
        await SaveAsync();
        return ToInfo();
    }

    private void EnsureExists()
    {
        if (!state.State.Exists)
        {
            throw CareGridException.NotFound("Person", LocalId);
        }
    }

    private async Task SaveAsync()
    {
        state.State.UpdatedAt = clock.GetUtcNow();
        await state.CommitAsync();
        await readModel.UpsertPersonAsync(ToRow());
    }

    private void Apply(UpdatePerson p)
    {
        state.State.DisplayName = p.DisplayName;
        state.State.OrganizationId = p.OrganizationId;
        state.State.Sex = p.Sex;
        state.State.BirthYear = p.BirthYear;
        state.State.DateOfBirth = p.DateOfBirth;
        state.State.ExternalId = p.ExternalId;
    }

    /// <summary>Checks and normalizes identifying data; asks the unit only when it changes (so re-imports stay cheap).</summary>
    private async Task<UpdatePerson> CheckProfileAsync(UpdatePerson input, bool organizationVerified = false)
    {
        var name = PersonValidation.Text(input.DisplayName, "displayName", 200);
        if (!Enum.IsDefined(input.Sex))
        {
            throw CareGridException.Validation("sex", "Unknown sex value.");
        }

        var (birthYear, dateOfBirth) = PersonValidation.Birth(input.BirthYear, input.DateOfBirth, clock.GetUtcNow());
        if (dateOfBirth is null && state.State is { Exists: true, DateOfBirth: { } known } && known.Year == birthYear)
        {
            dateOfBirth = known; // a year-only row or update does not erase a known date of that year
        }

        var externalId = PersonValidation.OptionalText(input.ExternalId, "externalId", 64);
        if (string.IsNullOrWhiteSpace(input.OrganizationId))
        {
            throw CareGridException.Validation("organizationId", "A person belongs to an organization.");
        }

        if (!organizationVerified && (!state.State.Exists || state.State.OrganizationId != input.OrganizationId))
        {
            var org = await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, input.OrganizationId)).Get()
                ?? throw CareGridException.NotFound("Organization", input.OrganizationId);
            if (org.Status == OrganizationStatus.Closed)
            {
                throw CareGridException.Validation("organizationId", "The organization is closed.");
            }
        }

        return new UpdatePerson(name, input.OrganizationId, input.Sex, birthYear, externalId, dateOfBirth);
    }

    private static List<string> CheckCodes(IReadOnlyList<string>? codes, string field)
    {
        var list = (codes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (list.Any(c => !PersonValidation.IsCode(c)))
        {
            throw CareGridException.Validation(field, "A target group code is 1–64 letters and digits (R-1.2).");
        }

        return list;
    }

    private StateMachine<MonitoringLevel, MonitoringTrigger> MonitoringMachine()
    {
        var m = new StateMachine<MonitoringLevel, MonitoringTrigger>(() => state.State.Monitoring, s => state.State.Monitoring = s);
        m.Configure(MonitoringLevel.None)
            .Permit(MonitoringTrigger.RecordCensus, MonitoringLevel.Census)
            .Permit(MonitoringTrigger.StartTracking, MonitoringLevel.Tracking)
            .Permit(MonitoringTrigger.OpenIndividualCase, MonitoringLevel.IndividualCase);
        m.Configure(MonitoringLevel.Census)
            .PermitReentry(MonitoringTrigger.RecordCensus)
            .Permit(MonitoringTrigger.StartTracking, MonitoringLevel.Tracking)
            .Permit(MonitoringTrigger.OpenIndividualCase, MonitoringLevel.IndividualCase);
        m.Configure(MonitoringLevel.Tracking)
            .Ignore(MonitoringTrigger.RecordCensus)
            .Permit(MonitoringTrigger.OpenIndividualCase, MonitoringLevel.IndividualCase)
            .Permit(MonitoringTrigger.StepDown, MonitoringLevel.Census);
        m.Configure(MonitoringLevel.IndividualCase)
            .Ignore(MonitoringTrigger.RecordCensus)
            .Permit(MonitoringTrigger.StepDown, MonitoringLevel.Tracking);
        return m;
    }

    private void Fire(StateMachine<MonitoringLevel, MonitoringTrigger> machine, MonitoringTrigger trigger, string by, string? reason)
    {
        var from = state.State.Monitoring;
        machine.Fire(trigger);
        if (state.State.Monitoring != from)
        {
            state.State.MonitoringHistory.Add(new MonitoringChange(clock.GetUtcNow(), by, from, state.State.Monitoring, reason));
        }
    }
}
