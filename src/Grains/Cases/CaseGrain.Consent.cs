using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>Consent on a case: reads the person's consents and applies <see cref="CaseConsent"/> (the gate of professional actions, consent changes on the timeline).</summary>
public sealed partial class CaseGrain
{
    /// <summary>
    /// The person's consents as this activation last saw them: read once per activation before the first call that returns
    /// a case view (<see cref="Invoke"/>), after every live check, on reopening, and pushed by
    /// the person grain on every change (<see cref="ConsentChanged"/>). Used only to shape <c>availableActions</c>; every
    /// gated command reads the person's consent again (<see cref="FreshConsentAsync"/>).
    /// </summary>
    private ConsentSnapshot? _consent;

    /// <summary>
    /// The tenant settings <see cref="_consent"/> was counted under: the age of consent and the calendar's time zone (which
    /// decides the local date a minor comes of age). When either has changed since (<c>setAgeOfConsent</c>,
    /// <c>setWorkingCalendar</c>), the snapshot is read again before the next view, so <c>nextActions</c> agrees with the gate
    /// (round 17 red team RT17-8; docs/consent.md). Null when not known.
    /// </summary>
    private (int AgeOfConsent, string TimeZoneId)? _consentBasis;

    /// <summary>The settings a consent snapshot depends on (<see cref="_consentBasis"/>).</summary>
    private static (int AgeOfConsent, string TimeZoneId) ConsentBasis(Tenancy.TenantSettings settings) =>
        (settings.AgeOfConsent, settings.Calendar.TimeZoneId);

    /// <inheritdoc />
    public async Task ConsentChanged(ConsentChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _consent = change.Consents;
        _consentBasis = ConsentBasis(await Settings()); // the person grain counted it under the settings of the moment
        if (CaseConsent.RecordChange(Case(), change))
        {
            await SaveAsync();
        }
    }

    /// <summary>
    /// True when <see cref="_consent"/> must be read: never read in this activation; counted under another age of consent or
    /// time zone than the tenant's now (<see cref="_consentBasis"/>: lowering or raising the age changes who decides at once,
    /// RT17-8); or read while the person was a minor whose coming of age (<see cref="ConsentSnapshot.RecheckOn"/>) has come
    /// on the tenant's local date since — then a guardian's grant no longer counts (PIPL art. 31, docs/consent.md).
    /// </summary>
    private async Task<bool> ConsentStaleAsync()
    {
        if (_consent is null)
        {
            return true;
        }

        // Asked before every read that returns a case view: the silo's fresh copy (SiloLookupCache), not a tenant grain call each time.
        var settings = await lookups.SettingsAsync(GrainFactory, TenantId);
        return _consentBasis != ConsentBasis(settings)
            || (_consent.RecheckOn is { } on && settings.Calendar.LocalDate(clock.GetUtcNow()) >= on);
    }

    /// <summary>Reads the person's consents into <see cref="_consent"/>, counted under the tenant's settings of now.</summary>
    private async Task RefreshConsentAsync()
    {
        var person = await Person(S.PersonId).Get();
        var settings = await Settings();
        _consent = person is null ? null : ConsentSnapshot.Of(person, settings, clock.GetUtcNow());
        _consentBasis = ConsentBasis(settings);
    }

    /// <summary>
    /// The consents the gate of <paramref name="action"/> by <paramref name="actor"/> needs: for a professional action
    /// (<see cref="ConsentGate.IsProfessional"/>) the person read now, so a withdrawal takes effect at once (<c>NOT_FOUND</c>
    /// when the person is gone); otherwise no read and the consents as last seen (the gate does not look at them).
    /// </summary>
    private async Task<(PersonInfo? Person, ConsentSnapshot Consent)> FreshConsentAsync(GatedAction action, Actor actor)
    {
        if (!ConsentGate.IsProfessional(action, actor.Roles))
        {
            return (null, _consent ?? CaseConsent.None);
        }

        var person = await Person(S.PersonId).Get() ?? throw CareGridException.NotFound("Person", S.PersonId);
        var settings = await Settings();
        _consent = ConsentSnapshot.Of(person, settings, clock.GetUtcNow());
        _consentBasis = ConsentBasis(settings);
        return (person, _consent);
    }

    /// <summary>
    /// The consent gate of a command, on the person's current consents (<see cref="CaseConsent.Gate"/>): throws
    /// <c>CONSENT_REQUIRED</c> when refused; records a duty-of-care override on the timeline when it is used.
    /// Call it after the command's own checks and before it changes anything. Returns the person when it was read.
    /// </summary>
    private async Task<PersonInfo?> EnsureConsentAsync(GatedAction action, Actor actor, string? consentOverrideReason)
    {
        CaseConsent.OverrideReason(consentOverrideReason);
        var (person, consent) = await FreshConsentAsync(action, actor);
        CaseConsent.Gate(Case(), action, actor, consent, consentOverrideReason);
        return person;
    }
}
