using Microsoft.Extensions.DependencyInjection;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Stateless;

namespace CareGrid.Grains.Cases;

/// <summary>Persisted state of a <see cref="CaseGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.CaseState")]
public sealed class CaseState
{
    /// <summary>False until reported.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Person local id.</summary>
    [Id(1)] public string PersonId { get; set; } = "";
    /// <summary>Responsible organization local id.</summary>
    [Id(2)] public string? OrganizationId { get; set; }
    /// <summary>Status.</summary>
    [Id(3)] public CaseStatus Status { get; set; }
    /// <summary>Risk level.</summary>
    [Id(4)] public RiskLevel RiskLevel { get; set; }
    /// <summary>Escalation level 1–3 .</summary>
    [Id(5)] public int EscalationLevel { get; set; } = 1;
    /// <summary>The <c>sub</c> of the assigned staff member.</summary>
    [Id(6)] public string? AssigneeId { get; set; }
    /// <summary>What was reported (sensitive).</summary>
    [Id(7)] public string Summary { get; set; } = "";
    /// <summary>The reporter's <c>sub</c>.</summary>
    [Id(8)] public string ReportedBy { get; set; } = "";
    /// <summary>When reported (UTC).</summary>
    [Id(9)] public DateTimeOffset ReportedAt { get; set; }
    /// <summary>Last change (UTC).</summary>
    [Id(10)] public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Every accepted transition and event, oldest first.</summary>
    [Id(11)] public List<TimelineEntry> Timeline { get; set; } = [];
}

/// <summary>
/// A case with the state machine <c>Reported → Triage → Active → (Referred) → FollowUp → Closed</c>,
/// <c>Closed → Triage</c> on reopen. Every accepted transition is on the timeline; a refused one changes nothing.
/// </summary>
[GrainType("case")]
public sealed class CaseGrain(
    [PersistentState("case", StorageNames.Default)] IPersistentState<CaseState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ICaseGrain
{
    /// <summary>The action name of <see cref="AssessRisk"/> in <c>availableActions</c>.</summary>
    public const string AssessRiskAction = "AssessRisk";

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Exists)
        {
            await readModel.UpsertCaseAsync(ToRow());
        }
    }

    /// <inheritdoc />
    public async Task<CaseView> Report(ReportConcern input, Actor actor)
    {
        if (state.State.Exists)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Case '{LocalId}' already exists.");
        }

        RequireAny(actor, Roles.CanReport, "report a concern");
        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length is 0 or > 4000)
        {
            throw CareGridException.Validation("summary", "A concern's summary is 1–4000 characters.");
        }

        if (!Enum.IsDefined(input.RiskLevel))
        {
            throw CareGridException.Validation("riskLevel", "Unknown risk level.");
        }

        if (string.IsNullOrWhiteSpace(input.PersonId))
        {
            throw CareGridException.Validation("personId", "A concern names the person concerned.");
        }

        var person = await GrainFactory.GetGrain<IPersonGrain>(TenantIds.Key(TenantId, input.PersonId)).Get()
            ?? throw CareGridException.NotFound("Person", input.PersonId);
        var organizationId = string.IsNullOrWhiteSpace(input.OrganizationId) ? person.OrganizationId : input.OrganizationId;
        var org = await GrainFactory.GetGrain<IOrganizationGrain>(TenantIds.Key(TenantId, organizationId)).Get()
            ?? throw CareGridException.NotFound("Organization", organizationId);
        if (org.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("organizationId", "A closed organization takes no new cases.");
        }

        var now = clock.GetUtcNow();
        state.State = new CaseState
        {
            Exists = true,
            PersonId = input.PersonId,
            OrganizationId = organizationId,
            Status = CaseStatus.Reported,
            RiskLevel = RiskLevel.Low,
            EscalationLevel = 1,
            Summary = summary,
            ReportedBy = actor.Subject,
            ReportedAt = now,
            UpdatedAt = now,
        };
        state.State.Timeline.Add(new TimelineEntry(now, actor.Subject, "Report", CaseStatus.Reported, CaseStatus.Reported, null));
        ApplyRisk(input.RiskLevel, actor, "initial grading by the reporter");
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public Task<CaseView?> Get(Actor viewer) => Task.FromResult(state.State.Exists ? ToView(viewer) : null);

    /// <inheritdoc />
    public async Task<CaseView> Fire(CaseTrigger trigger, CaseCommand command, Actor actor)
    {
        EnsureExists();
        var machine = BuildMachine();
        if (!machine.CanFire(trigger))
        {
            throw Transitions.Invalid(state.State.Status, trigger, machine.Permitted());
        }

        RequireAny(actor, RolesFor(trigger), trigger.ToString());
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (reason is { Length: > 4000 })
        {
            throw CareGridException.Validation("reason", "A reason is at most 4000 characters.");
        }

        if (trigger is CaseTrigger.Close or CaseTrigger.Reopen && reason is null)
        {
            throw CareGridException.Validation("reason", $"{trigger} needs a reason.");
        }

        string? assignee = state.State.AssigneeId;
        if (trigger == CaseTrigger.Activate)
        {
            assignee = string.IsNullOrWhiteSpace(command.AssigneeId) ? assignee : command.AssigneeId.Trim();
            if (assignee is null)
            {
                throw CareGridException.Validation("assigneeId", "Activating a case needs an assignee.");
            }
        }

        var from = state.State.Status;
        machine.Fire(trigger);
        state.State.AssigneeId = assignee;
        state.State.UpdatedAt = clock.GetUtcNow();
        state.State.Timeline.Add(new TimelineEntry(state.State.UpdatedAt, actor.Subject, trigger.ToString(), from, state.State.Status, reason));
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> AssessRisk(RiskLevel level, string reason, Actor actor)
    {
        EnsureExists();
        if (state.State.Status == CaseStatus.Closed)
        {
            throw Transitions.Invalid(state.State.Status, AssessRiskAction, BuildMachine().Permitted().Select(t => t.ToString()));
        }

        RequireAny(actor, Roles.CaseStaff, "assess risk");
        if (!Enum.IsDefined(level))
        {
            throw CareGridException.Validation("riskLevel", "Unknown risk level.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw CareGridException.Validation("reason", "A risk assessment needs a reason.");
        }

        if (level < state.State.RiskLevel && state.State.RiskLevel >= RiskLevel.High && !actor.HasAny(Roles.Level3))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                "Only a level-3 professional (Counsellor or Clinician) may lower a High or Imminent risk level (R-1.10, R-4.3).");
        }

        ApplyRisk(level, actor, reason.Trim());
        await SaveAsync();
        return ToView(actor);
    }

    /// <summary>Sets the risk level; High or Imminent escalate the case to level 3 in the same change .</summary>
    private void ApplyRisk(RiskLevel level, Actor actor, string reason)
    {
        var now = clock.GetUtcNow();
        var status = state.State.Status;
        if (level != state.State.RiskLevel)
        {
            state.State.Timeline.Add(new TimelineEntry(now, actor.Subject, AssessRiskAction, status, status,
                $"{state.State.RiskLevel} → {level}: {reason}"));
            state.State.RiskLevel = level;
        }

        if (level >= RiskLevel.High && state.State.EscalationLevel < 3)
        {
            state.State.Timeline.Add(new TimelineEntry(now, "system", "Escalate", status, status,
                $"level {state.State.EscalationLevel} → 3: risk is {level} (R-1.10)"));
            state.State.EscalationLevel = 3;
        }

        state.State.UpdatedAt = now;
    }

    private static IReadOnlyList<string> RolesFor(CaseTrigger trigger) => Roles.CaseStaff;

    private void RequireAny(Actor actor, IReadOnlyList<string> roles, string what)
    {
        if (!actor.HasAny(roles))
        {
            throw new CareGridException(ErrorCodes.Forbidden, $"Your roles do not allow you to {what} on this case.");
        }

        if (what == nameof(CaseTrigger.Close) && state.State.RiskLevel >= RiskLevel.High && !actor.HasAny(Roles.Level3))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                "Only a level-3 professional (Counsellor or Clinician) may close a High or Imminent case (DESIGN.md, R-4.3).");
        }
    }

    private StateMachine<CaseStatus, CaseTrigger> BuildMachine()
    {
        var m = new StateMachine<CaseStatus, CaseTrigger>(() => state.State.Status, s => state.State.Status = s);
        m.Configure(CaseStatus.Reported).Permit(CaseTrigger.Triage, CaseStatus.Triage);
        m.Configure(CaseStatus.Triage).Permit(CaseTrigger.Activate, CaseStatus.Active).Permit(CaseTrigger.Close, CaseStatus.Closed);
        m.Configure(CaseStatus.Active).Permit(CaseTrigger.Refer, CaseStatus.Referred).Permit(CaseTrigger.StartFollowUp, CaseStatus.FollowUp).Permit(CaseTrigger.Close, CaseStatus.Closed);
        m.Configure(CaseStatus.Referred).Permit(CaseTrigger.StartFollowUp, CaseStatus.FollowUp);
        m.Configure(CaseStatus.FollowUp).Permit(CaseTrigger.Close, CaseStatus.Closed);
        m.Configure(CaseStatus.Closed).Permit(CaseTrigger.Reopen, CaseStatus.Triage);
        return m;
    }

    private async Task SaveAsync()
    {
        await state.CommitAsync();
        await readModel.UpsertCaseAsync(ToRow());
    }

    private void EnsureExists()
    {
        if (!state.State.Exists)
        {
            throw CareGridException.NotFound("Case", LocalId);
        }
    }

    private IReadOnlyList<string> AvailableActions(Actor viewer)
    {
        var actions = new List<string>();
        foreach (var trigger in BuildMachine().Permitted().Distinct().Order())
        {
            if (!viewer.HasAny(RolesFor(trigger)))
            {
                continue;
            }

            if (trigger == CaseTrigger.Close && state.State.RiskLevel >= RiskLevel.High && !viewer.HasAny(Roles.Level3))
            {
                continue;
            }

            actions.Add(trigger.ToString());
        }

        if (state.State.Status != CaseStatus.Closed && viewer.HasAny(Roles.CaseStaff))
        {
            actions.Add(AssessRiskAction);
        }

        return actions;
    }

    private CaseRow ToRow() => new(TenantId, LocalId, state.State.PersonId, state.State.OrganizationId, state.State.Status,
        state.State.RiskLevel, state.State.EscalationLevel, state.State.AssigneeId, state.State.ReportedAt, state.State.UpdatedAt);

    private CaseView ToView(Actor viewer) => new(TenantId, LocalId, state.State.PersonId, state.State.OrganizationId,
        state.State.Status, state.State.RiskLevel, state.State.EscalationLevel, state.State.AssigneeId, state.State.Summary,
        state.State.ReportedBy, state.State.ReportedAt, state.State.UpdatedAt, [.. state.State.Timeline], AvailableActions(viewer));
}
