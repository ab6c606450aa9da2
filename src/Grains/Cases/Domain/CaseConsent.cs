using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Cases.Domain;

/// <summary>
/// Consent on a case (R-1.7: where risk is high, professionals come in only after the person consents; docs/consent.md):
/// the gate of a command applied to the case — refusal, or the duty-of-care override recorded on the timeline — and the
/// timeline note of a consent change, on the case's <see cref="CaseAggregate"/> (its timeline at its
/// <see cref="CaseAggregate.Now"/>). The decision itself is <see cref="ConsentGate"/>'s. Pure: the case and the person's
/// consent statuses in; the caller reads the consent fresh before a gated command.
/// </summary>
public static class CaseConsent
{
    /// <summary>What is assumed before any consent was read: both purposes Pending.</summary>
    public static readonly ConsentSnapshot None = new(ConsentStatus.Pending, ConsentStatus.Pending);

    /// <summary>
    /// The checked duty-of-care reason: null when none is given (null or blank), else the written reason under the rule
    /// shared with break-the-glass (<see cref="WrittenReason"/>: at most 1000 characters, weighing at least 10 in letters and digits (a CJK character 3), at least 4 different letters, format characters not
    /// counted), or <c>VALIDATION_FAILED</c> on <c>consentOverrideReason</c> (R-1.7, docs/consent.md).
    /// </summary>
    public static string? OverrideReason(string? consentOverrideReason) =>
        string.IsNullOrWhiteSpace(consentOverrideReason)
            ? null
            : WrittenReason.Ensure(consentOverrideReason, "consentOverrideReason", "A duty-of-care consent override");

    /// <summary>
    /// The consent gate of <paramref name="action"/> by <paramref name="actor"/> on the case <paramref name="c"/> (R-1.7): checks the
    /// override reason (<see cref="OverrideReason"/>), then, for a professional action (<see cref="ConsentGate.IsProfessional"/>),
    /// throws <c>CONSENT_REQUIRED</c> (<c>extensions.purpose</c>, <c>status</c>, <c>grantedBy</c>) when
    /// <paramref name="consent"/> lacks what it needs, or records <c>DutyOfCareOverride</c> on the timeline when it goes
    /// ahead at Imminent risk under the written reason. Changes nothing else.
    /// </summary>
    /// <param name="c">The case (its risk level decides whether an override counts; its timeline takes the override).</param>
    /// <param name="action">The gated command.</param>
    /// <param name="actor">Who acts (front-line roles are never gated on contacts, screenings and follow-ups).</param>
    /// <param name="consent">The person's consents, read now (a withdrawal takes effect at once).</param>
    /// <param name="consentOverrideReason">The written duty-of-care reason, or null.</param>
    /// <returns>True when the action goes ahead only under the override.</returns>
    public static bool Gate(CaseAggregate c, GatedAction action, Actor actor, ConsentSnapshot consent, string? consentOverrideReason)
    {
        ArgumentNullException.ThrowIfNull(c);
        var overrideReason = OverrideReason(consentOverrideReason);
        if (!ConsentGate.IsProfessional(action, actor.Roles))
        {
            return false;
        }

        var decision = ConsentGate.Decide(action, actor.Roles, c.State.RiskLevel, consent, overrideReason);
        if (!decision.Allowed)
        {
            throw ConsentGate.Refusal(action, decision, c.State.RiskLevel, consent.GuardianDecides, consent.OfAgeSince);
        }

        if (decision.Overridden)
        {
            c.Record(actor.Subject, "DutyOfCareOverride", ConsentGate.OverrideNote(action, decision, c.State.RiskLevel));
        }

        return decision.Overridden;
    }

    /// <summary>
    /// The refusal <see cref="Gate"/> would throw for <paramref name="action"/> by <paramref name="actor"/> without an override
    /// reason, or null when the action would go ahead — decided by the same <see cref="ConsentGate"/> rules, without throwing
    /// and recording nothing (R-1.7). For <c>nextActions</c>, which decides every action of a case on each read.
    /// </summary>
    public static CareGridException? RefusalWithoutOverride(CaseState s, GatedAction action, Actor actor, ConsentSnapshot consent)
    {
        ArgumentNullException.ThrowIfNull(s);
        return ConsentGate.RefusalWithoutOverride(action, actor.Roles, s.RiskLevel, consent);
    }

    /// <summary>True when <see cref="RefusalWithoutOverride"/> would be null: the same decision, without writing the refusal (<c>availableActions</c> alone).</summary>
    public static bool AllowsWithoutOverride(CaseState s, GatedAction action, Actor actor, ConsentSnapshot consent)
    {
        ArgumentNullException.ThrowIfNull(s);
        return ConsentGate.AllowsWithoutOverride(action, actor.Roles, s.RiskLevel, consent);
    }

    /// <summary>True when <c>availableActions</c> may offer <paramref name="action"/> to <paramref name="viewer"/> as far as consent goes (<see cref="ConsentGate.Offers"/>).</summary>
    public static bool Offers(CaseState s, GatedAction action, Actor viewer, ConsentSnapshot consent) =>
        ConsentGate.Offers(action, viewer.Roles, s.RiskLevel, consent);

    /// <summary>The timeline action of a guardian's view noted beside the person's own decision (<see cref="ConsentChange.GuardianAgreed"/>).</summary>
    public const string GuardianViewAction = "GuardianView";

    /// <summary>
    /// Puts a consent change on the timeline of the open case <paramref name="c"/> (<c>Consent{Status}</c> by whoever
    /// recorded it, <c>system</c> for a change the service made, e.g. after a birth date edit): purpose, status, who gave it, who recorded it and why; after a withdrawal or refusal, that
    /// professional actions needing it are refused from now on except at Imminent risk with a written override (R-1.7).
    /// A guardian's view (<see cref="ConsentChange.GuardianAgreed"/>) is put as <see cref="GuardianViewAction"/>: purpose, agrees or
    /// not, the person's decision, who noted it — never the guardian's name.
    /// Returns false, changing nothing, for a case that does not exist or is closed.
    /// </summary>
    public static bool RecordChange(CaseAggregate c, ConsentChange change)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(change);
        if (!c.State.Exists || c.State.Status == CaseStatus.Closed)
        {
            return false;
        }

        var purpose = ConsentGate.SchemaName(change.Purpose);
        if (change.GuardianAgreed is { } agreed)
        {
            // The guardian's view beside a minor's own decision (round-25 trial: it had no timeline entry); no name here —
            // the consent section shows which guardian.
            c.Record(change.RecordedBy, GuardianViewAction,
                $"{purpose}: the guardian {(agreed ? "agrees" : "does not agree")} with the person's own decision ({ConsentGate.SchemaName(change.Status)}); noted by {change.RecordedBy}; for the record only, it changes nothing the decision allows");
            return true;
        }

        var note = $"{purpose} {ConsentGate.SchemaName(change.Status)}, given by {ConsentGate.SchemaName(change.GivenBy)}; recorded by {change.RecordedBy}";
        if (change.Reason is { } reason)
        {
            note += $" ({reason})";
        }

        if (change.Status is ConsentStatus.Withdrawn or ConsentStatus.Refused)
        {
            note += "; professional actions that need it are refused from now on, except at IMMINENT risk with a written override (R-1.7)";
        }

        c.Record(change.RecordedBy, "Consent" + change.Status, note); // whoever recorded it (round-24 trial: the row read 系统)
        if (change.Purpose == ConsentPurpose.InformationSharing && change.Status == ConsentStatus.Withdrawn)
        {
            MarkSharedReferrals(c);
        }

        return true;
    }

    /// <summary>The timeline action that says a sent referral's institution holds data whose sharing was since withdrawn.</summary>
    public const string SharedBeforeWithdrawalAction = "ReferralSharedBeforeWithdrawal";

    /// <summary>
    /// After an <c>INFORMATION_SHARING</c> withdrawal: each referral that had already been sent (its fields shared) gets
    /// <see cref="Referral.ConsentWithdrawnAt"/> and a timeline entry naming the institution and the fields it holds, so the
    /// case's staff tell the institution (round-31 trial). A referral not yet sent needs nothing: sending it is refused.
    /// </summary>
    private static void MarkSharedReferrals(CaseAggregate c)
    {
        for (var i = 0; i < c.State.Referrals.Count; i++)
        {
            var r = c.State.Referrals[i];
            if (r.SentAt is null || r.ConsentWithdrawnAt is not null)
            {
                continue;
            }

            c.State.Referrals[i] = r with { ConsentWithdrawnAt = c.Now };
            c.Record("system", SharedBeforeWithdrawalAction,
                $"{r.Id} {r.Institution}: shared {string.Join(", ", r.SharedFields)} before INFORMATION_SHARING was withdrawn; tell the institution (R-1.7)");
        }
    }
}
