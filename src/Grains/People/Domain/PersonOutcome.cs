using CareGrid.Grains.Cases;

namespace CareGrid.Grains.People.Domain;

/// <summary>
/// What a command on a person caused (<see cref="PersonRecord"/>): whether the state changed — the grain then saves it and
/// publishes the person's read-side row — and the consent changes to tell the person's open cases once saved (docs/consent.md).
/// </summary>
/// <param name="Changed">True when the state changed.</param>
/// <param name="ConsentChanges">Consent changes for <c>ICaseGrain.ConsentChanged</c>, in order; empty when none.</param>
public sealed record PersonOutcome(bool Changed, IReadOnlyList<ConsentChange> ConsentChanges)
{
    /// <summary>Nothing changed (e.g. a role already held, a retried census record).</summary>
    public static readonly PersonOutcome Unchanged = new(false, []);

    /// <summary>The state changed; no consent changed.</summary>
    public static readonly PersonOutcome Saved = new(true, []);
}
