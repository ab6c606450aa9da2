using Microsoft.Extensions.DependencyInjection;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Validation;
using Stateless;

namespace CareGrid.Grains.Tenancy;

/// <summary>Persisted state of a <see cref="TenantGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.TenantState")]
public sealed class TenantState
{
    /// <summary>False until onboarded.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Display name.</summary>
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>Jurisdiction kind.</summary>
    [Id(2)] public TenantKind Kind { get; set; }
    /// <summary>Lifecycle status.</summary>
    [Id(3)] public TenantStatus Status { get; set; }
    /// <summary>Parent tenant id.</summary>
    [Id(4)] public string? ParentId { get; set; }
    /// <summary>IANA time zone of the tenant's calendar.</summary>
    [Id(5)] public string TimeZone { get; set; } = TenantGrain.DefaultTimeZone;
    /// <summary>Onboarding time (UTC).</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Last change (UTC).</summary>
    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>TenantAdmins named at onboarding.</summary>
    [Id(8)] public List<TenantAdmin> Admins { get; set; } = [];
    /// <summary>Lifecycle and settings history, the newest <see cref="TenantGrain.MaxHistory"/>: time, trigger, actor, reason (every change is also in the audit log).</summary>
    [Id(9)] public List<string> History { get; set; } = [];
    /// <summary>Protocol settings: calendar and deadlines (null in state written before settings existed: defaults apply).</summary>
    [Id(10)] public TenantSettings? Settings { get; set; }
    /// <summary>When the offboarding export was taken (UTC); deletion needs it.</summary>
    [Id(11)] public DateTimeOffset? ExportedAt { get; set; }
}

/// <summary>A tenant with the lifecycle <c>Provisioning → Active ⇄ Suspended → Offboarding → Deleted</c>.</summary>
[GrainType("tenant")]
public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Default)] IPersistentState<TenantState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ITenantGrain
{
    /// <summary>Most entries kept in the tenant's own history list (older ones stay in the audit log).</summary>
    public const int MaxHistory = 200;

    private void AddHistory(string entry)
    {
        state.State.History.Add(entry);
        if (state.State.History.Count > MaxHistory)
        {
            state.State.History.RemoveRange(0, state.State.History.Count - MaxHistory);
        }
    }

    /// <summary>The time zone used when onboarding names none: the plans are Chinese jurisdictions.</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    private ITenantRegistryGrain Registry => GrainFactory.GetRef<ITenantRegistryGrain>(ITenantRegistryGrain.Key);

    /// <inheritdoc />
    public async Task<TenantInfo> Onboard(OnboardTenant input, Actor actor)
    {
        var id = this.GetPrimaryKeyString();
        TenantIds.EnsureAvailable(input.Id);
        if (!string.Equals(id, input.Id, StringComparison.Ordinal))
        {
            throw CareGridException.Validation("id", "The tenant id does not match the grain key.");
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            throw CareGridException.Validation("name", "A tenant name is 1–200 characters.");
        }

        StoredText.Ensure(name, "name");
        StoredText.Ensure(input.FirstAdminName?.Trim(), "firstAdminName");

        if (!Enum.IsDefined(input.Kind))
        {
            throw CareGridException.Validation("kind", "The kind is District, Town or School.");
        }

        var timeZone = string.IsNullOrWhiteSpace(input.TimeZone) ? DefaultTimeZone : input.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            throw CareGridException.Validation("timeZone", $"Unknown time zone '{timeZone}' (use an IANA id such as Asia/Shanghai).");
        }

        var adminSubject = input.FirstAdminSubject?.Trim() ?? "";
        if (adminSubject.Length is 0 or > 200)
        {
            throw CareGridException.Validation("firstAdmin.subject", "The first TenantAdmin needs a subject (the sub claim of their token), 1–200 characters.");
        }

        StoredText.Ensure(adminSubject, "firstAdmin.subject");

        if (input.ParentId is { } parentId)
        {
            if (parentId == id)
            {
                throw CareGridException.Validation("parentId", "A tenant cannot be its own parent.");
            }

            if (await Registry.Get(parentId) is not { Status: not TenantStatus.Deleted })
            {
                throw new CareGridException(ErrorCodes.TenantNotFound, $"Parent tenant '{parentId}' was not found.",
                    new Dictionary<string, string> { ["field"] = "parentId" });
            }
        }

        if (state.State.Exists)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Tenant '{id}' already exists.", new Dictionary<string, string> { ["field"] = "id" });
        }

        await Registry.Reserve(id);
        try
        {
            var now = clock.GetUtcNow();
            state.State = new TenantState
            {
                Exists = true,
                Name = name,
                Kind = input.Kind,
                Status = TenantStatus.Provisioning,
                ParentId = input.ParentId,
                TimeZone = timeZone,
                CreatedAt = now,
                UpdatedAt = now,
                Settings = TenantSettings.Default(timeZone),
                Admins = [new TenantAdmin(adminSubject, string.IsNullOrWhiteSpace(input.FirstAdminName) ? adminSubject : input.FirstAdminName.Trim())],
            };
            Record(TenantTrigger.Activate, actor, "onboarded");
            BuildMachine().Fire(TenantTrigger.Activate);
            await state.CommitAsync();
        }
        catch
        {
            await Registry.Release(id);
            throw;
        }

        var info = ToInfo();
        await Registry.Update(info);
        return info;
    }

    /// <inheritdoc />
    public Task<TenantInfo?> Get() => Task.FromResult(state.State.Exists ? ToInfo() : null);

    /// <inheritdoc />
    public async Task<TenantInfo> MarkExported(Actor actor)
    {
        if (state.State.Status != TenantStatus.Offboarding)
        {
            throw Transitions.Invalid(state.State.Status, "Export", BuildMachine().Permitted().Select(t => t.ToString()));
        }

        state.State.ExportedAt = clock.GetUtcNow();
        AddHistory($"{clock.GetUtcNow():O} Export by {actor.Subject}");
        await state.CommitAsync();
        return ToInfo();
    }

    /// <inheritdoc />
    public Task<TenantSettings> GetSettings() =>
        Task.FromResult(state.State.Settings ?? TenantSettings.Default(state.State.Exists ? state.State.TimeZone : DefaultTimeZone));

    /// <inheritdoc />
    public async Task<TenantSettings> UpdateSettings(TenantSettings settings, Actor actor)
    {
        if (!state.State.Exists)
        {
            throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{this.GetPrimaryKeyString()}' was not found.");
        }

        ArgumentNullException.ThrowIfNull(settings);
        if (settings.VisitEveryHoursDefault is < 1 or > 8784 || settings.VisitEveryHoursHigh is < 1 or > 8784 || settings.VisitEveryHoursImminent is < 1 or > 8784)
        {
            throw CareGridException.Validation("visitEveryHours", "A visit interval is 1–8784 hours.");
        }

        if (settings.AgeOfConsentYears is < People.AgeOfConsent.Min or > People.AgeOfConsent.Max)
        {
            throw CareGridException.Validation("years", $"The age of consent is {People.AgeOfConsent.Min}–{People.AgeOfConsent.Max} years.");
        }

        state.State.Settings = settings;
        state.State.TimeZone = settings.Calendar.TimeZoneId;
        state.State.UpdatedAt = clock.GetUtcNow();
        AddHistory($"{clock.GetUtcNow():O} UpdateSettings by {actor.Subject}");
        await state.CommitAsync();
        await Registry.Update(ToInfo());
        return settings;
    }

    /// <inheritdoc />
    public async Task<TenantInfo> Fire(TenantTrigger trigger, string? reason, Actor actor)
    {
        if (!state.State.Exists)
        {
            throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{this.GetPrimaryKeyString()}' was not found.");
        }

        var machine = BuildMachine();
        if (!machine.CanFire(trigger))
        {
            throw Transitions.Invalid(state.State.Status, trigger, machine.Permitted());
        }

        if (trigger == TenantTrigger.Delete && state.State.ExportedAt is null)
        {
            throw new CareGridException(ErrorCodes.InvalidTransition, "Export the tenant's data (exportTenant) before deleting it.",
                new Dictionary<string, string> { ["state"] = state.State.Status.ToString(), ["trigger"] = trigger.ToString(), ["permittedTriggers"] = "" });
        }

        machine.Fire(trigger);
        state.State.UpdatedAt = clock.GetUtcNow();
        Record(trigger, actor, reason);
        await state.CommitAsync();
        var info = ToInfo();
        await Registry.Update(info);
        return info;
    }

    private void Record(TenantTrigger trigger, Actor actor, string? reason) =>
        AddHistory($"{clock.GetUtcNow():O} {trigger} by {actor.Subject}{(string.IsNullOrWhiteSpace(reason) ? "" : ": " + reason)}");

    private StateMachine<TenantStatus, TenantTrigger> BuildMachine()
    {
        var m = new StateMachine<TenantStatus, TenantTrigger>(() => state.State.Status, s => state.State.Status = s);
        m.Configure(TenantStatus.Provisioning).Permit(TenantTrigger.Activate, TenantStatus.Active);
        m.Configure(TenantStatus.Active).Permit(TenantTrigger.Suspend, TenantStatus.Suspended).Permit(TenantTrigger.Offboard, TenantStatus.Offboarding);
        m.Configure(TenantStatus.Suspended).Permit(TenantTrigger.Reactivate, TenantStatus.Active).Permit(TenantTrigger.Offboard, TenantStatus.Offboarding);
        m.Configure(TenantStatus.Offboarding).Permit(TenantTrigger.Delete, TenantStatus.Deleted);
        return m;
    }

    private TenantInfo ToInfo() => new(this.GetPrimaryKeyString(), state.State.Name, state.State.Kind, state.State.Status,
        state.State.ParentId, state.State.TimeZone, state.State.CreatedAt, state.State.UpdatedAt, [.. state.State.Admins]);
}
