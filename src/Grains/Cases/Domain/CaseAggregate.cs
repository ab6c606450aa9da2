using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Validation;
using Stateless;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// The rules of one case, as a plain class over its persisted <see cref="CaseState"/>: lifecycle transitions with their
/// role checks and close rules, risk grading with the high-risk protocol (R-1.10), escalation along the three-level chain
/// (R-4.3), deadline tasks and their escalation when overdue, screenings (risk raised, never lowered), and the timeline.
/// </summary>
/// <remarks>
/// Built per command by <see cref="CaseGrain"/> from the state it loaded, the tenant's settings (needed only where the
/// protocol creates tasks or sets the visit interval) and the domain clock's <c>now</c>. A guarded method either throws a
/// <see cref="CareGridException"/> before it changes anything, or changes the state and notes what it caused in
/// <see cref="Change"/>. Commands that pass the consent gate (R-1.7) come in two steps — a <c>Prepare…</c> method that checks
/// the command, then the method that applies it — so the grain can ask the person's current consent in between, after the
/// command's own checks and before any change (docs/consent.md). Nothing here does I/O or reads a clock.
/// </remarks>
public sealed partial class CaseAggregate
{
    /// <summary>Longest free text of a note, reason or institution (<see cref="OptionalText"/>), in UTF-16 units.</summary>
    public const int MaxText = 4000;

    private readonly TenantSettings? _settings;

    /// <summary>Builds the aggregate over <paramref name="state"/> (changed in place by the commands).</summary>
    /// <param name="state">The case's persisted state.</param>
    /// <param name="settings">
    /// The tenant's protocol settings (deadlines, calendar, visit intervals); may be null for commands that neither grade
    /// risk nor create protocol tasks (transitions, escalation, task closing, deadline checks).
    /// </param>
    /// <param name="now">The domain clock's current instant (UTC); every timestamp the command writes.</param>
    public CaseAggregate(CaseState state, TenantSettings? settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        State = state;
        _settings = settings;
        Now = now;
        BackfillFacts();
    }

    /// <summary>The case's state, changed in place by accepted commands.</summary>
    public CaseState State { get; }

    /// <summary>The instant every timestamp of this command carries (UTC, from the domain clock).</summary>
    public DateTimeOffset Now { get; }

    /// <summary>What the commands run on this instance caused: timeline entries, tasks, notifications, escalations.</summary>
    public CaseChange Change { get; } = new();

    /// <summary>The tenant settings; a command that grades risk without them is a programming error.</summary>
    private TenantSettings Settings =>
        _settings ?? throw new InvalidOperationException("This case command needs the tenant's settings (deadlines, calendar, visit intervals).");

    /// <summary>True when a level-3 professional reassessed the risk since it last rose to High or Imminent (R-4.3, R-1.10).</summary>
    public bool ReassessedSinceHighRisk =>
        State.Level3ReassessedAt is { } r && (State.HighRiskSince is null || r >= State.HighRiskSince);

    /// <summary>
    /// The case's referral still under way (Proposed, Sent or Accepted: <see cref="ReferralStateMachine.IsOpen"/>), or null;
    /// at most one is open at a time (R-1.5, R-1.10, <see cref="CaseReferrals"/>). The lifecycle's guard of <c>Referred → FollowUp</c>.
    /// </summary>
    public Referral? OpenReferral => State.Referrals.LastOrDefault(r => ReferralStateMachine.IsOpen(r.Status));

    /// <summary>
    /// Adds a timeline entry at <see cref="Now"/> from <paramref name="from"/> (default: the current status) to the
    /// current status. Every accepted change is on the timeline (docs/architecture.md "CaseGrain").
    /// </summary>
    /// <param name="actor">The <c>sub</c> of who acted, or <c>system</c>.</param>
    /// <param name="action">The action name (a trigger, <c>AssessRisk</c>, <c>TaskCreated</c>, …).</param>
    /// <param name="reason">Free text; null when none.</param>
    /// <param name="from">The status before a transition; null when the status did not change.</param>
    public void Record(string actor, string action, string? reason, CaseStatus? from = null)
    {
        var entry = new TimelineEntry(Now, actor, action, from ?? State.Status, State.Status, reason);
        State.Timeline.Add(entry);
        Change.Timeline.Add(entry);
    }

    /// <summary>The next id of a task, screening or referral: <paramref name="prefix"/> and the case's sequence (<c>t1</c>, <c>s2</c>, …).</summary>
    public string NextId(string prefix) => $"{prefix}{++State.Sequence}";

    /// <summary>
    /// The lifecycle machine over <see cref="State"/>. Built per use on purpose: a Stateless machine holds a few kilobytes
    /// of configuration, which kept in each of 100,000 active case grains would cost far more memory than building one
    /// takes time (see the CaseTransition micro-benchmark).
    /// </summary>
    internal StateMachine<CaseStatus, CaseTrigger> BuildMachine() =>
        CaseStateMachine.Build(() => State.Status, s => State.Status = s, () => State.InterventionStartedAt is null, () => OpenReferral is null);

    /// <summary>Whether the lifecycle permits <paramref name="trigger"/> now (status and guards; roles not considered).</summary>
    public bool Permits(CaseTrigger trigger) =>
        CaseStateMachine.Permits(State.Status, State.InterventionStartedAt is null, OpenReferral is null, trigger);

    /// <summary><c>INVALID_TRANSITION</c> (with <c>state</c> and <c>permittedTriggers</c>) unless the lifecycle permits <paramref name="trigger"/>.</summary>
    public void EnsurePermitted(CaseTrigger trigger)
    {
        if (!Permits(trigger))
        {
            throw Transitions.Invalid(State.Status, trigger, BuildMachine().Permitted());
        }
    }

    /// <summary><c>INVALID_TRANSITION</c> for the mutation <paramref name="action"/> (e.g. <c>logContact</c>) on a closed case (only <c>reopenCase</c> is permitted there).</summary>
    public void EnsureOpen(string action)
    {
        if (State.Status == CaseStatus.Closed)
        {
            throw Transitions.Invalid(State.Status, action, BuildMachine().Permitted().Select(t => SchemaNames.Action(t)));
        }
    }

    /// <summary>The roles that may fire <paramref name="trigger"/>: level 3 starts intervention (R-4.3, R-1.10); case staff the rest.</summary>
    public static IReadOnlyList<string> RolesFor(CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.StartIntervention => Roles.Level3,
        _ => Roles.CaseStaff,
    };

    /// <summary>
    /// <c>FORBIDDEN</c> (detail <c>requiredRoles</c>, comma-separated) unless <paramref name="actor"/> holds one of
    /// <paramref name="roles"/>; the message names the roles that may.
    /// </summary>
    /// <param name="actor">Who acts.</param>
    /// <param name="roles">The roles that may.</param>
    /// <param name="what">The action in words or as the mutation, for the message (e.g. <c>assess risk</c>, <c>call closeCase</c>).</param>
    public static void RequireAny(Actor actor, IReadOnlyList<string> roles, string what)
    {
        if (!actor.HasAny(roles))
        {
            throw new CareGridException(ErrorCodes.Forbidden, $"Your roles do not allow you to {what} on this case; it takes one of the roles {string.Join(", ", roles)}.",
                new Dictionary<string, string> { ["requiredRoles"] = string.Join(",", roles) });
        }
    }

    /// <summary>
    /// A free-text field trimmed (null when null or blank): at most <see cref="MaxText"/> characters and stored-text safe
    /// (<see cref="StoredText"/>), else <c>VALIDATION_FAILED</c> on <paramref name="field"/>.
    /// </summary>
    public static string? OptionalText(string? text, string field)
    {
        var trimmed = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (trimmed is { Length: > MaxText })
        {
            throw CareGridException.Validation(field, $"{field} is at most {MaxText} characters.");
        }

        StoredText.Ensure(trimmed, field, multiline: true);
        return trimmed;
    }
}
