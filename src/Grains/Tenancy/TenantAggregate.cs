using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Tenancy;

/// <summary>
/// The tenant's rules over its <see cref="TenantState"/> at one instant (docs/architecture.md "Tenancy"): onboarding,
/// the lifecycle <c>Provisioning → Active ⇄ Suspended → Offboarding → Deleted</c> (<see cref="TenantStateMachine"/>),
/// the offboarding export that deletion needs, and protocol settings (<see cref="TenantSettingsRules"/>). It touches
/// no storage and no other grain: <see cref="TenantGrain"/> loads the state, calls it, saves and publishes to the registry.
/// Every refused command throws a <see cref="CareGridException"/> before the state is changed.
/// </summary>
/// <param name="id">The tenant id (the grain key).</param>
/// <param name="state">The tenant's state; commands change it in place.</param>
/// <param name="now">The instant of the command (UTC, from the domain clock).</param>
public sealed class TenantAggregate(string id, TenantState state, DateTimeOffset now)
{
    /// <summary>Most entries kept in the tenant's own history list (older ones stay in the audit log, docs/storage.md).</summary>
    public const int MaxHistory = 200;

    /// <summary>The time zone used when onboarding names none: the plans are Chinese jurisdictions.</summary>
    public const string DefaultTimeZone = "Asia/Shanghai";

    /// <summary>The state the commands work on.</summary>
    public TenantState State => state;

    /// <summary>
    /// Checks an onboarding input against the grain key <paramref name="key"/> and returns it normalized: name and
    /// admin trimmed, the time zone defaulted to <see cref="DefaultTimeZone"/>, the admin's name defaulted to their subject.
    /// Whether the parent exists is the grain's question (it asks the registry).
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> with field <c>id</c> (malformed, reserved or not the
    /// key), <c>name</c> (1–200 characters of stored text), <c>firstAdminName</c>, <c>kind</c>, <c>timeZone</c> (an IANA id),
    /// <c>firstAdmin.subject</c> (1–200 characters) or <c>parentId</c> (the tenant itself).</exception>
    public static OnboardTenant CheckOnboarding(string key, OnboardTenant input)
    {
        TenantIds.EnsureAvailable(input.Id);
        if (!string.Equals(key, input.Id, StringComparison.Ordinal))
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
        if (input.ParentId == key)
        {
            throw CareGridException.Validation("parentId", "A tenant cannot be its own parent.");
        }

        var adminName = string.IsNullOrWhiteSpace(input.FirstAdminName) ? adminSubject : input.FirstAdminName.Trim();
        return input with { Name = name, TimeZone = timeZone, FirstAdminSubject = adminSubject, FirstAdminName = adminName };
    }

    /// <summary>
    /// The state of the tenant onboarded from <paramref name="input"/> (checked by <see cref="CheckOnboarding"/>): it
    /// passes through <c>Provisioning</c> and is <c>Active</c> with its first TenantAdmin and default settings.
    /// The current state is left as it is (the grain swaps the result in once the registry reserved the id).
    /// </summary>
    /// <exception cref="CareGridException"><c>ALREADY_EXISTS</c> (field <c>id</c>) when the tenant exists.</exception>
    public TenantState Onboard(OnboardTenant input, Actor actor)
    {
        if (state.Exists)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Tenant '{id}' already exists.", new Dictionary<string, string> { ["field"] = "id" });
        }

        var onboarded = new TenantState
        {
            Exists = true,
            Name = input.Name,
            Kind = input.Kind,
            Status = TenantStatus.Provisioning,
            ParentId = input.ParentId,
            TimeZone = input.TimeZone,
            CreatedAt = now,
            UpdatedAt = now,
            Settings = TenantSettings.Default(input.TimeZone) with { Intake = IntakeRule.ForKind(input.Kind) },
            Admins = [new TenantAdmin(input.FirstAdminSubject, input.FirstAdminName)],
        };
        var next = new TenantAggregate(id, onboarded, now);
        next.Record(TenantTrigger.Activate, actor, "onboarded");
        TenantStateMachine.Over(onboarded).Fire(TenantTrigger.Activate);
        return onboarded;
    }

    /// <summary>Fires a lifecycle trigger and records it in the history; <see cref="TenantStateMachine"/> says what is permitted.</summary>
    /// <exception cref="CareGridException"><c>TENANT_NOT_FOUND</c> when not onboarded; <c>INVALID_TRANSITION</c> (with
    /// <c>state</c> and <c>permittedTriggers</c>) when the machine refuses, or on <c>Delete</c> before the export was taken.</exception>
    public void Fire(TenantTrigger trigger, string? reason, Actor actor)
    {
        EnsureExists();
        var machine = TenantStateMachine.Over(state);
        if (!machine.CanFire(trigger))
        {
            throw Transitions.Invalid(state.Status, trigger, machine.Permitted());
        }

        if (trigger == TenantTrigger.Delete && state.ExportedAt is null)
        {
            throw new CareGridException(ErrorCodes.InvalidTransition, "Export the tenant's data (exportTenant) before deleteTenant.",
                new Dictionary<string, string> { ["state"] = SchemaNames.Value(state.Status), ["trigger"] = SchemaNames.Action(trigger), ["permittedTriggers"] = "" });
        }

        machine.Fire(trigger);
        state.UpdatedAt = now;
        Record(trigger, actor, reason);
    }

    /// <summary>Records that the offboarding export was taken (deletion needs it).</summary>
    /// <exception cref="CareGridException"><c>INVALID_TRANSITION</c> (trigger <c>Export</c>) unless the tenant is Offboarding.</exception>
    public void MarkExported(Actor actor)
    {
        if (state.Status != TenantStatus.Offboarding)
        {
            throw Transitions.Invalid(state.Status, "exportTenant", TenantStateMachine.Over(state).Permitted().Select(t => SchemaNames.Action(t)));
        }

        state.ExportedAt = now;
        AddHistory($"{now:O} Export by {actor.Subject}");
    }

    /// <summary>
    /// The protocol settings in force: the stored ones, else the defaults in the tenant's time zone. Settings stored before
    /// intake rules existed (no <see cref="TenantSettings.Intake"/>) get the rule of the tenant's kind
    /// (<see cref="IntakeRule.ForKind"/>: a school's concerns reach level 3, a district's or town's level 2), which is what its
    /// kind's template says — so such a tenant routes concerns as one onboarded today (docs/protocol.md "How a concern travels").
    /// </summary>
    public TenantSettings Settings
    {
        get
        {
            var stored = state.Settings ?? TenantSettings.Default(state.Exists ? state.TimeZone : DefaultTimeZone);
            return stored.Intake is null ? stored with { Intake = IntakeRule.ForKind(state.Kind) } : stored;
        }
    }

    /// <summary>
    /// Replaces the protocol settings after <see cref="TenantSettingsRules.Ensure"/> accepted them; the tenant's time
    /// zone follows the calendar's.
    /// </summary>
    /// <exception cref="CareGridException"><c>TENANT_NOT_FOUND</c> when not onboarded; <c>VALIDATION_FAILED</c> on bad values, and
    /// (rule <c>deadline-bound</c>) for a changed deadline longer than its kind allows (<see cref="ProtocolDeadlineBounds"/>, F13).</exception>
    public void UpdateSettings(TenantSettings settings, Actor actor)
    {
        EnsureExists();
        TenantSettingsRules.Ensure(settings);
        ProtocolDeadlineBounds.EnsureChanges(Settings, settings); // F13: no deadline changed past its kind's bound
        state.Settings = settings;
        state.TimeZone = settings.Calendar.TimeZoneId;
        state.UpdatedAt = now;
        AddHistory($"{now:O} UpdateSettings by {actor.Subject}");
    }

    /// <summary>
    /// Switches sharing of the tenant's de-identified statistics with its parent tenant's roll-up on or off
    /// (docs/statistics.md "Roll-up"). Setting the value it already has changes nothing.
    /// </summary>
    /// <exception cref="CareGridException"><c>TENANT_NOT_FOUND</c> when not onboarded; <c>VALIDATION_FAILED</c> (field
    /// <c>enabled</c>) when switching it on for a tenant without a parent tenant.</exception>
    public void SetStatisticsSharing(bool enabled, Actor actor)
    {
        EnsureExists();
        if (enabled && state.ParentId is null)
        {
            throw CareGridException.Validation("enabled",
                "setStatisticsSharing(enabled: true) needs a parent tenant to share with; this tenant has none (parentId is null).");
        }

        if (state.StatisticsSharing == enabled)
        {
            return;
        }

        state.StatisticsSharing = enabled;
        state.UpdatedAt = now;
        AddHistory($"{now:O} StatisticsSharing {(enabled ? "on" : "off")} by {actor.Subject}");
    }

    /// <summary>The tenant's public description.</summary>
    public TenantInfo Info() => new(id, state.Name, state.Kind, state.Status, state.ParentId, state.TimeZone,
        state.CreatedAt, state.UpdatedAt, [.. state.Admins], state.StatisticsSharing);

    private void EnsureExists()
    {
        if (!state.Exists)
        {
            throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{id}' was not found.");
        }
    }

    private void Record(TenantTrigger trigger, Actor actor, string? reason) =>
        AddHistory($"{now:O} {trigger} by {actor.Subject}{(string.IsNullOrWhiteSpace(reason) ? "" : ": " + reason)}");

    private void AddHistory(string entry)
    {
        state.History.Add(entry);
        if (state.History.Count > MaxHistory)
        {
            state.History.RemoveRange(0, state.History.Count - MaxHistory);
        }
    }
}
