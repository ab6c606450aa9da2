using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Cases;

/// <summary>One episode of concern for one person. Key: <c>"{tenant}/{caseId}"</c>.</summary>
public interface ICaseGrain : ITenantScopedGrain
{
    /// <summary>
    /// Opens the case in <c>Reported</c> (R-1.5). Fails with <c>ALREADY_EXISTS</c>, <c>VALIDATION_FAILED</c>,
    /// <c>NOT_FOUND</c> (person or organization) or <c>FORBIDDEN</c> (the actor's roles may not report).
    /// </summary>
    Task<CaseView> Report(ReportConcern input, Actor actor);

    /// <summary>The case as seen by <paramref name="viewer"/> (its available actions are the viewer's), or null when it does not exist.</summary>
    Task<CaseView?> Get(Actor viewer);

    /// <summary>
    /// Fires a trigger. <c>INVALID_TRANSITION</c> (with the current state and permitted triggers) when not
    /// permitted now, <c>FORBIDDEN</c> when the actor's roles may not, <c>VALIDATION_FAILED</c> when a
    /// required argument is missing, <c>NOT_FOUND</c> when the case does not exist. State is unchanged on error.
    /// </summary>
    Task<CaseView> Fire(CaseTrigger trigger, CaseCommand command, Actor actor);

    /// <summary>Grades the case's risk with a reason (recorded on the timeline). High and Imminent escalate to level 3 .</summary>
    Task<CaseView> AssessRisk(RiskLevel level, string reason, Actor actor);
}
