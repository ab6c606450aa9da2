using CareGrid.Grains.Cases.Referrals;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Contacts, follow-ups and referrals of a case: each command loads what it needs (the person's consent read fresh for a
/// professional, R-1.7), applies the rule class (<see cref="CaseContacts"/>, <see cref="CaseReferrals"/>), hands the tasks it
/// asks for to the task rules, and saves.
/// </summary>
public sealed partial class CaseGrain
{
    /// <summary>The fields a referral always carries; the person's name only with InformationSharing consent or the Imminent override (<see cref="CaseReferrals.MinimalFields"/>).</summary>
    public static readonly IReadOnlyList<string> MinimalReferralFields = CaseReferrals.MinimalFields;

    private Referral? OpenReferral => CaseReferrals.OpenOf(S);

    /// <inheritdoc />
    public async Task<CaseView> LogContact(ContactChannel channel, int durationMinutes, string? notes, Actor actor, string? consentOverrideReason = null)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        var contacts = new CaseContacts(S, clock.GetUtcNow());
        contacts.CheckLog(channel, durationMinutes, notes, actor, consentOverrideReason);
        var (_, consent) = await FreshConsentAsync(GatedAction.LogContact, actor);
        CompleteAll(contacts.Log(channel, durationMinutes, notes, actor, consent, consentOverrideReason), actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> ScheduleFollowUp(DateTimeOffset? dueAt, Actor actor, string? consentOverrideReason = null)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        var contacts = new CaseContacts(S, clock.GetUtcNow());
        contacts.CheckFollowUp(dueAt, actor, consentOverrideReason);
        var (_, consent) = await FreshConsentAsync(GatedAction.ScheduleFollowUp, actor);
        var task = contacts.ScheduleFollowUp(dueAt, actor, consent, consentOverrideReason);
        AddTask(CaseTaskKind.FollowUpVisit, task.DueAt, task.OwnerId);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> ProposeReferral(string institution, string reason, Actor actor, string? consentOverrideReason = null)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        var referrals = new CaseReferrals(S, clock.GetUtcNow(), LocalId);
        referrals.CheckPropose(institution, reason, actor, consentOverrideReason);
        var (_, consent) = await FreshConsentAsync(GatedAction.ProposeReferral, actor);
        referrals.Propose(institution, reason, actor, consent, consentOverrideReason);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> SendReferral(string? consentOverrideReason, Actor actor)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        var referrals = new CaseReferrals(S, clock.GetUtcNow(), LocalId);
        referrals.CheckSend(actor, consentOverrideReason);
        // Needs PROFESSIONAL_INTERVENTION and INFORMATION_SHARING granted, or the Imminent override (ConsentGate, R-1.7).
        var (person, consent) = await FreshConsentAsync(GatedAction.SendReferral, actor);
        person ??= await Person(S.PersonId).Get() ?? throw CareGridException.NotFound("Person", S.PersonId);
        CompleteAll(referrals.Send(actor, consent, person.DisplayName, consentOverrideReason), actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> RecordReferralResponse(bool accepted, string? note, Actor actor)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        new CaseReferrals(S, clock.GetUtcNow(), LocalId).Respond(accepted, note, actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <inheritdoc />
    public async Task<CaseView> CompleteReferral(string? note, Actor actor)
    {
        EnsureExists();
        await EnsureNeedToKnowAsync(actor);
        new CaseReferrals(S, clock.GetUtcNow(), LocalId).Complete(note, actor);
        await SaveAsync();
        return ToView(actor);
    }

    /// <summary>Hands the task completions a command asked for to the task rules, in order.</summary>
    private void CompleteAll(IEnumerable<TaskCompletion> completions, Actor actor)
    {
        foreach (var completion in completions)
        {
            CompleteOpenTasks(completion.Kind, actor, completion.Note);
        }
    }

    /// <summary>The mutations <paramref name="viewer"/> may call now, by name (<see cref="CaseActions"/>).</summary>
    private IReadOnlyList<string> AvailableActions(Actor viewer) =>
        CaseActions.For(S, viewer, _consent ?? CaseConsent.None,
            t => viewer.HasAny(RolesFor(t)) && (t != CaseTrigger.Close || S.RiskLevel < RiskLevel.High || viewer.HasAny(Roles.Level3) && ReassessedSinceHighRisk));
}
