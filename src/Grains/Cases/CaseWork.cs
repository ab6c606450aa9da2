using CareGrid.Grains.Cases.Referrals;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Validation;
using Stateless;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Small rules shared by the case work classes (<see cref="CaseContacts"/>, <see cref="CaseReferrals"/>,
/// <see cref="ConcernJoin"/>, <see cref="CaseConsent"/>): the timeline entry of an accepted change, role and text checks,
/// and the case lifecycle machine over a <see cref="CaseState"/>. Pure: state and <c>now</c> in, no I/O.
/// </summary>
internal static class CaseWork
{
    /// <summary>Longest free text of a note, reason or institution, in UTF-16 units.</summary>
    public const int MaxText = 4000;

    /// <summary>Appends a timeline entry at <paramref name="now"/> (<paramref name="from"/> defaults to the current status).</summary>
    public static void Record(CaseState s, DateTimeOffset now, string actor, string action, string? reason, CaseStatus? from = null) =>
        s.Timeline.Add(new TimelineEntry(now, actor, action, from ?? s.Status, s.Status, reason));

    /// <summary>The next id with <paramref name="prefix"/> from the case's sequence (<c>r1</c>, <c>t2</c>, …).</summary>
    public static string NextId(CaseState s, string prefix) => $"{prefix}{++s.Sequence}";

    /// <summary><c>FORBIDDEN</c> (<c>extensions.requiredRoles</c>) unless <paramref name="actor"/> holds one of <paramref name="roles"/>.</summary>
    public static void RequireAny(Actor actor, IReadOnlyList<string> roles, string what)
    {
        if (!actor.HasAny(roles))
        {
            throw new CareGridException(ErrorCodes.Forbidden, $"Your roles do not allow you to {what} on this case.",
                new Dictionary<string, string> { ["requiredRoles"] = string.Join(",", roles) });
        }
    }

    /// <summary>
    /// The trimmed text, or null when null or blank; <c>VALIDATION_FAILED</c> on <paramref name="field"/> past
    /// <see cref="MaxText"/> characters or with characters stored text refuses (<see cref="StoredText"/>).
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

    /// <summary>The case lifecycle machine (<see cref="CaseStateMachine"/>) reading and writing <paramref name="s"/>'s status.</summary>
    public static StateMachine<CaseStatus, CaseTrigger> Machine(CaseState s) =>
        CaseStateMachine.Build(() => s.Status, x => s.Status = x, () => s.InterventionStartedAt is null, () => CaseReferrals.OpenOf(s) is null);

    /// <summary>True when the case machine permits <paramref name="trigger"/> now.</summary>
    public static bool Permits(CaseState s, CaseTrigger trigger) =>
        CaseStateMachine.Permits(s.Status, s.InterventionStartedAt is null, CaseReferrals.OpenOf(s) is null, trigger);

    /// <summary><c>INVALID_TRANSITION</c> unless the case machine permits <paramref name="trigger"/> now.</summary>
    public static void EnsurePermitted(CaseState s, CaseTrigger trigger)
    {
        if (!Permits(s, trigger))
        {
            throw Transitions.Invalid(s.Status, trigger, Machine(s).Permitted());
        }
    }

    /// <summary><c>INVALID_TRANSITION</c> (naming <paramref name="action"/>) when the case is closed: work needs an open case.</summary>
    public static void EnsureOpen(CaseState s, string action)
    {
        if (s.Status == CaseStatus.Closed)
        {
            throw Transitions.Invalid(s.Status, action, Machine(s).Permitted().Select(t => t.ToString()));
        }
    }
}
