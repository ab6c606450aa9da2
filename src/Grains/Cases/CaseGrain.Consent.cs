using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Cases;

/// <summary>Consent on a case: the gate of professional actions (<see cref="ConsentGate"/>) and consent changes on the timeline.</summary>
public sealed partial class CaseGrain
{
    /// <summary>
    /// The person's consents as this activation last saw them: read once per activation before the first call that returns
    /// a case view (<see cref="Invoke"/>), after every live check, on reopening, and pushed by
    /// the person grain on every change (<see cref="ConsentChanged"/>). Used only to shape <c>availableActions</c>; every
    /// gated command reads the person's consent again (<see cref="EnsureConsentAsync"/>).
    /// </summary>
    private ConsentSnapshot? _consent;

    private static readonly ConsentSnapshot NoConsent = new(ConsentStatus.Pending, ConsentStatus.Pending);

    /// <inheritdoc />
    public async Task ConsentChanged(ConsentChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _consent = change.Consents;
        if (!S.Exists || S.Status == CaseStatus.Closed)
        {
            return;
        }

        var purpose = ConsentGate.SchemaName(change.Purpose);
        var note = $"{purpose} {ConsentGate.SchemaName(change.Status)}, given by {ConsentGate.SchemaName(change.GivenBy)}; recorded by {change.RecordedBy}";
        if (change.Reason is { } reason)
        {
            note += $" ({reason})";
        }

        if (change.Status is ConsentStatus.Withdrawn or ConsentStatus.Refused)
        {
            note += "; professional actions that need it are refused from now on, except at IMMINENT risk with a written override (R-1.7)";
        }

        Record("system", "Consent" + change.Status, note);
        await SaveAsync();
    }

    /// <summary>Reads the person's consents into <see cref="_consent"/>.</summary>
    private async Task RefreshConsentAsync()
    {
        var person = await Person(S.PersonId).Get();
        _consent = person is null ? null : ConsentSnapshot.Of(person);
    }

    /// <summary>
    /// The consent gate of a command, on the person's current consents (read now, so a withdrawal takes effect at once):
    /// throws <c>CONSENT_REQUIRED</c> when refused; records a duty-of-care override on the timeline when it is used.
    /// Call it after the command's own checks and before it changes anything. Returns the person when it was read.
    /// </summary>
    private async Task<PersonInfo?> EnsureConsentAsync(GatedAction action, Actor actor, string? consentOverrideReason)
    {
        var overrideReason = OverrideReason(consentOverrideReason);
        if (!ConsentGate.IsProfessional(action, actor.Roles))
        {
            return null;
        }

        var person = await Person(S.PersonId).Get() ?? throw CareGridException.NotFound("Person", S.PersonId);
        _consent = ConsentSnapshot.Of(person);
        var decision = ConsentGate.Decide(action, actor.Roles, S.RiskLevel, _consent, overrideReason);
        if (!decision.Allowed)
        {
            throw ConsentGate.Refusal(action, decision, S.RiskLevel);
        }

        if (decision.Overridden)
        {
            Record(actor.Subject, "DutyOfCareOverride", ConsentGate.OverrideNote(action, decision));
        }

        return person;
    }

    /// <summary>
    /// The checked duty-of-care reason: null when none is given (null or blank), else the written reason under the rule
    /// shared with break-the-glass (<see cref="WrittenReason"/>: 10–1000 characters with letters, format characters not
    /// counted), or <c>VALIDATION_FAILED</c> on <c>consentOverrideReason</c> (R-1.7, docs/consent.md).
    /// </summary>
    private static string? OverrideReason(string? consentOverrideReason) =>
        string.IsNullOrWhiteSpace(consentOverrideReason)
            ? null
            : WrittenReason.Ensure(consentOverrideReason, "consentOverrideReason", "A duty-of-care consent override");

    /// <summary>True when <c>availableActions</c> may offer <paramref name="action"/> to <paramref name="viewer"/> as far as consent goes.</summary>
    private bool ConsentOffers(GatedAction action, Actor viewer) =>
        ConsentGate.Offers(action, viewer.Roles, S.RiskLevel, _consent ?? NoConsent);
}
