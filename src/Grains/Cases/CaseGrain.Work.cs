using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Contacts, follow-ups and referrals of a case: each command loads what it needs (the person's consent read fresh for a
/// professional, R-1.7), applies the rule class (<see cref="CaseContacts"/>, <see cref="CaseReferrals"/>) over the case's
/// <see cref="CaseAggregate"/>, hands the tasks it asks for to the aggregate's task rules, and saves.
/// </summary>
public sealed partial class CaseGrain
{
    /// <inheritdoc />
    public async Task<CaseView> LogContact(ContactChannel channel, int durationMinutes, string? notes, Actor actor, string? consentOverrideReason = null, bool familyNotified = false)
    {
        await EnsureMayActAsync(actor);
        var c = Case();
        var contacts = new CaseContacts(c);
        contacts.CheckLog(channel, durationMinutes, notes, actor, consentOverrideReason, familyNotified);
        var (_, consent) = await FreshConsentAsync(GatedAction.LogContact, actor);
        // The provider unit of the service volume is the logging staff member's unit (R-1.12, docs/statistics.md "Timeliness").
        var actorUnits = string.IsNullOrEmpty(actor.Subject) ? []
            : await GrainFactory.GetRef<IStaffScopeGrain>(IStaffScopeGrain.KeyOf(TenantId, actor.Subject)).Memberships();
        c.CompleteOpenTasks(contacts.Log(channel, durationMinutes, notes, actor, consent, consentOverrideReason, actorUnits, familyNotified), actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> ScheduleFollowUp(DateTimeOffset? dueAt, Actor actor, string? consentOverrideReason = null)
    {
        await EnsureMayActAsync(actor);
        var c = Case();
        var contacts = new CaseContacts(c);
        contacts.CheckFollowUp(dueAt, actor, consentOverrideReason);
        var (_, consent) = await FreshConsentAsync(GatedAction.ScheduleFollowUp, actor);
        var task = contacts.ScheduleFollowUp(dueAt, actor, consent, consentOverrideReason);
        c.AddTask(CaseTaskKind.FollowUpVisit, task.DueAt, task.OwnerId);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> ProposeReferral(string institution, string reason, Actor actor, string? consentOverrideReason = null)
    {
        await EnsureMayActAsync(actor);
        var referrals = Referrals();
        referrals.CheckPropose(institution, reason, actor, consentOverrideReason);
        var (_, consent) = await FreshConsentAsync(GatedAction.ProposeReferral, actor);
        referrals.Propose(institution, reason, actor, consent, consentOverrideReason);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> SendReferral(string? consentOverrideReason, Actor actor)
    {
        await EnsureMayActAsync(actor);
        var c = Case();
        var referrals = new CaseReferrals(c, LocalId);
        referrals.CheckSend(actor, consentOverrideReason);
        // Needs PROFESSIONAL_INTERVENTION and INFORMATION_SHARING granted, or the Imminent override (ConsentGate, R-1.7).
        var (person, consent) = await FreshConsentAsync(GatedAction.SendReferral, actor);
        person ??= await Person(S.PersonId).Get() ?? throw CareGridException.NotFound("Person", S.PersonId);
        c.CompleteOpenTasks(referrals.Send(actor, consent, person.DisplayName, consentOverrideReason), actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> RecordReferralResponse(bool accepted, string? note, Actor actor)
    {
        await EnsureMayActAsync(actor);
        // A decline on a High/Imminent case opens the guidance task again: it needs the tenant's deadlines.
        new CaseReferrals(Case(!accepted && S.RiskLevel >= RiskLevel.High ? await Settings() : null), LocalId).Respond(accepted, note, actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> CompleteReferral(string? note, Actor actor)
    {
        await EnsureMayActAsync(actor);
        Referrals().Complete(note, actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <summary>The referral rules over the case's aggregate at the domain clock's now.</summary>
    private CaseReferrals Referrals() => new(Case(), LocalId);

    /// <summary>
    /// True when this closed case's unit was closed when the current call began (<see cref="UnitClosedAsync"/>, read in
    /// <see cref="Invoke"/> before a call that answers a view): <c>nextActions</c> then refuses <c>reopenCase</c> as the
    /// mutation does (RT17-2).
    /// </summary>
    private bool _unitClosed;

    /// <summary>
    /// The next actions of the case for <paramref name="viewer"/>, allowed or why not (<see cref="CaseActions.Next"/>), on
    /// what the gates of the mutations read: the consents as they count under the tenant's settings of now
    /// (<see cref="ConsentStaleAsync"/>, RT17-8) and whether the case's unit is closed (<see cref="_unitClosed"/>).
    /// </summary>
    private IReadOnlyList<NextAction> NextActions(Actor viewer)
    {
        var c = Case();
        c.UnitClosed = _unitClosed;
        return CaseActions.Next(c, viewer, _consent ?? CaseConsent.None, namesOnly: viewer.NextActions == NextActionsDetail.Names);
    }
}
