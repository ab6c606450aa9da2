using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Stateless;

namespace CareGrid.Grains.Cases;

/// <summary>
/// The grain's short names for rules that live in <see cref="CaseAggregate"/>, used by the grain's other paths
/// (contacts, referrals, concerns, consent, history): each builds the aggregate over the loaded state at the domain
/// clock's now and calls it, so there is one place for each rule.
/// </summary>
public sealed partial class CaseGrain
{
    private bool ReassessedSinceHighRisk => Case().ReassessedSinceHighRisk;

    private StateMachine<CaseStatus, CaseTrigger> BuildMachine() => Case().BuildMachine();

    private void EnsurePermitted(CaseTrigger trigger) => Case().EnsurePermitted(trigger);

    private void EnsureOpen(string action) => Case().EnsureOpen(action);

    private static IReadOnlyList<string> RolesFor(CaseTrigger trigger) => CaseAggregate.RolesFor(trigger);

    private static void RequireAny(Actor actor, IReadOnlyList<string> roles, string what) => CaseAggregate.RequireAny(actor, roles, what);

    private static string? OptionalText(string? text, string field) => CaseAggregate.OptionalText(text, field);

    private void Record(string actor, string action, string? reason, CaseStatus? from = null) => Case().Record(actor, action, reason, from);

    private string NextId(string prefix) => Case().NextId(prefix);

    private CaseTask AddTask(CaseTaskKind kind, DateTimeOffset dueAt, string owner) => Case().AddTask(kind, dueAt, owner);

    private void CompleteOpenTasks(CaseTaskKind kind, Actor actor, string note) => Case().CompleteOpenTasks(kind, actor, note);

    /// <summary>Raises the risk by an added concern and runs the high-risk protocol when it becomes High or Imminent (R-1.10; <see cref="CaseAggregate.RaiseRisk"/>).</summary>
    private void ApplyRisk(RiskLevel level, Actor actor, string reason, TenantSettings settings) => Case(settings).RaiseRisk(level, actor, reason);
}
