using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// Collects the next actions of a case (<see cref="CaseActions"/>) by running each mutation's own checks — the same
/// <c>Prepare…</c>/<c>Check…</c> methods and consent decision (<see cref="CaseConsent.RefusalWithoutOverride"/>, the rule of <see cref="CaseConsent.Gate"/>) the mutation runs, in its order —
/// on the case without changing it: passing is <c>allowed</c>, a refusal gives its code and message, and
/// <c>INVALID_TRANSITION</c> (the state does not permit the mutation) leaves the action out. So a next action that says
/// allowed is never refused by its mutation, and the reverse (given the same consent, R-1.7). With <c>namesOnly</c>
/// (only <c>availableActions</c> is answered) a consent refusal is decided by the same rule without writing its text.
/// </summary>
internal sealed class NextActionChecks(CaseAggregate c, Actor viewer, ConsentSnapshot consent, bool namesOnly = false)
{
    /// <summary>
    /// The refusals met so far that depend only on the viewer's roles, by action (such a role refusal is the same for every
    /// task). A refusal by the task's kind (<c>rule: task-role</c>, <see cref="CaseAggregate.CompleteTaskRolesFor"/>: the
    /// crisis-intervention task is level 3 only, R-4.3) depends on the task and is never kept here.
    /// </summary>
    private readonly Dictionary<string, NextAction> _roleRefusals = new(StringComparer.Ordinal);

    /// <summary>The actions collected, in the order checked.</summary>
    public List<NextAction> Items { get; } = [];

    /// <summary>
    /// Checks <paramref name="action"/>: left out unless <paramref name="possible"/> (the state's own precondition, the
    /// same one the check's first guard tests); otherwise runs <paramref name="check"/> — the mutation's checks, returning
    /// the consent gate the mutation then passes (null when none) — and that gate. <paramref name="requires"/> names the
    /// optional arguments the call needs (<see cref="NextAction.RequiredArguments"/>), on the item whether allowed or not.
    /// </summary>
    public void Check(string action, bool possible, Func<GatedAction?> check, string? taskId = null, IReadOnlyList<string>? requires = null)
    {
        var before = Items.Count;
        CheckOne(action, possible, check, taskId);
        if (requires is not null && Items.Count > before)
        {
            Items[^1] = Items[^1] with { RequiredArguments = requires };
        }
    }

    private void CheckOne(string action, bool possible, Func<GatedAction?> check, string? taskId)
    {
        if (!possible)
        {
            return;
        }

        if (taskId is not null && _roleRefusals.TryGetValue(action, out var refused))
        {
            Items.Add(refused with { TaskId = taskId });
            return;
        }

        GatedAction? gate = null;
        try
        {
            gate = check();
            // The gate the mutation passes, decided without an override reason and without throwing (a read decides every
            // action; a thrown refusal per action was most of a case read's cost). A consent refusal is never a role refusal.
            if (gate is { } g && ConsentRefused(action, g, taskId) is { } byConsent)
            {
                Items.Add(byConsent);
                return;
            }

            Items.Add(new NextAction(action, true, TaskId: taskId));
        }
        catch (CareGridException e) when (e.Code == ErrorCodes.InvalidTransition && !IsStanding(e))
        {
            // The state does not permit it: not a next action.
        }
        catch (CareGridException e)
        {
            var item = Refused(action, e, gate, taskId);
            if (e.Code == ErrorCodes.Forbidden && taskId is not null && !(e.Details.TryGetValue("rule", out var rule) && rule == "task-role"))
            {
                _roleRefusals[action] = item;
            }

            Items.Add(item);
        }
    }

    /// <summary>
    /// The item of <paramref name="action"/> when the consent gate <paramref name="gate"/> refuses it without an override
    /// reason, else null: with its refusal's code, text and purpose, or — when only the names are answered
    /// (<c>namesOnly</c>) — decided by the same rule with the code alone.
    /// </summary>
    private NextAction? ConsentRefused(string action, GatedAction gate, string? taskId) => namesOnly
        ? CaseConsent.AllowsWithoutOverride(c.State, gate, viewer, consent) ? null : new NextAction(action, false, ErrorCodes.ConsentRequired, TaskId: taskId)
        : CaseConsent.RefusalWithoutOverride(c.State, gate, viewer, consent) is { } refusal ? Refused(action, refusal, gate, taskId) : null;

    /// <summary>Checks a lifecycle mutation with valid arguments: <see cref="CaseAggregate.PrepareTransition"/>, then its gate.</summary>
    public void Transition(CaseTrigger trigger, string action) =>
        Check(action, c.Permits(trigger), () =>
            c.PrepareTransition(trigger, new CaseCommand("next action check", trigger == CaseTrigger.Activate ? c.State.AssigneeId ?? viewer.Subject : null), viewer).Gate,
            requires: CaseAggregate.TransitionNeedsReason(trigger) ? Reason : null);

    /// <summary><see cref="NextAction.RequiredArguments"/> of a lifecycle mutation that needs a reason.</summary>
    private static readonly IReadOnlyList<string> Reason = ["reason"];

    /// <summary>
    /// True for an <c>INVALID_TRANSITION</c> the case's lifecycle permits but another record forbids — <c>reopenCase</c> on a
    /// case whose unit is closed (rule <c>unit-closed</c>, RT17-2) — which is listed as not allowed with that refusal rather
    /// than left out, so the console does not offer an action the service refuses (RT17-8).
    /// </summary>
    private static bool IsStanding(CareGridException e) => e.Details.GetValueOrDefault("rule") == "unit-closed";

    private NextAction Refused(string action, CareGridException e, GatedAction? gate, string? taskId)
    {
        var roles = e.Details.TryGetValue("requiredRoles", out var r) && r.Length > 0 ? r.Split(',') : null;
        var rule = e.Details.GetValueOrDefault("rule");
        if (e.Code != ErrorCodes.ConsentRequired || gate is not { } g)
        {
            return new NextAction(action, false, e.Code, e.Message, RequiredRoles: roles, TaskId: taskId, Rule: rule);
        }

        var decision = ConsentGate.Decide(g, viewer.Roles, c.State.RiskLevel, consent, null);
        var overridable = ConsentGate.Decide(g, viewer.Roles, c.State.RiskLevel, consent, "duty of care").Allowed;
        return new NextAction(action, false, e.Code, e.Message, decision.Lacking.Count > 0 ? decision.Lacking[0].Purpose : null, roles, taskId, overridable, rule);
    }
}
