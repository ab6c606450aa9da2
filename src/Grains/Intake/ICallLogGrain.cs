using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Intake;

/// <summary>
/// One logged call of the 24-hour line, a hotline or a counsellor's phone (R-5.1, R-5.2, R-4.6, R-1.9; docs/intake.md).
/// Key: <c>{tenant}/call-…</c> — a grain per call, so a busy line never grows one grain's state; lists come from
/// <see cref="IIntakeStore"/>.
/// </summary>
public interface ICallLogGrain : ITenantScopedGrain
{
    /// <summary>
    /// Logs the call answered by <paramref name="actor"/>. A keyed retry answers the first result. Errors:
    /// <c>VALIDATION_FAILED</c> (<c>channel</c>, <c>summary</c>, <c>answeredAt</c>, <c>riskLevel</c>), <c>NOT_FOUND</c>
    /// (<c>callerPersonId</c>), <c>ALREADY_EXISTS</c>, <c>IDEMPOTENCY_KEY_REUSED</c>.
    /// </summary>
    Task<CallView> Log(LogCall input, Actor actor);

    /// <summary>The call for <paramref name="viewer"/>: <c>NOT_FOUND</c>; <c>FORBIDDEN</c> (need-to-know: the one who answered, level-3 staff covering the caller).</summary>
    Task<CallView> Get(Actor viewer);

    /// <summary>
    /// Turns the call into a concern (<c>convertCallToConcern</c>) about <paramref name="personId"/> (null: the known
    /// caller) through the one intake of concerns (joins the person's open case, R-1.5; the high-risk protocol on HIGH,
    /// Converting again answers the first conversion. Errors: as <see cref="Get"/>; <c>VALIDATION_FAILED</c>
    /// (<c>personId</c> for an anonymous call); those of <c>reportConcern</c>.
    /// </summary>
    Task<CallView> ConvertToConcern(string? personId, Actor actor);

    /// <summary>Erases the call (tenant deletion).</summary>
    Task Purge();
}
