using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Idempotent writes and concerns that join an open case (docs/idempotency.md). A keyed write is remembered in the
/// case's own state, in the same storage write as its effect (<see cref="RememberPendingKey"/> runs inside
/// <see cref="SaveAsync(Func{Task}, Func{Task})"/>), so a retry is recognised exactly when the first attempt was stored.
/// </summary>
public sealed partial class CaseGrain
{
    /// <summary>Case commands that honour an idempotency key sent in <see cref="IdempotencyContext"/> (every write but <see cref="Report"/>, which carries its key in its input).</summary>
    private static readonly HashSet<string> KeyedMethods = new(StringComparer.Ordinal)
    {
        nameof(LogContact), nameof(RecordScreening), nameof(ScheduleFollowUp), nameof(ProposeReferral), nameof(SendReferral),
        nameof(RecordReferralResponse), nameof(CompleteReferral), nameof(CompleteTask), nameof(CancelTask), nameof(AssessRisk),
        nameof(Escalate), nameof(Fire), nameof(TakeCase), nameof(RequestProfessionalReview),
    };

    /// <summary>The keyed write this call will remember when it stores its change; null when unkeyed.</summary>
    private RememberedWrite? _pendingKey;

    /// <summary>
    /// For a keyed case command: answers a retry (same caller, key and arguments) with the case as it is now, writing
    /// nothing, and refuses the key with other arguments (<c>IDEMPOTENCY_KEY_REUSED</c>). Otherwise notes the key so the
    /// command's write remembers it. Returns true when the call was answered here.
    /// </summary>
    private async Task<bool> ReplayKeyedCallAsync(IIncomingGrainCallContext context)
    {
        var method = context.ImplementationMethod.Name;
        if (IdempotencyContext.Current is not { } key || !KeyedMethods.Contains(method))
        {
            return false;
        }

        var arguments = new object?[context.Request.GetArgumentCount()];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = context.Request.GetArgument(i);
        }

        var actor = arguments.OfType<Actor>().Single();
        var fingerprint = IdempotencyKey.Fingerprint(method, [.. arguments.Where(a => a is not Actor)]);
        var (match, _) = RememberedWrites.Find(S.RememberedWrites, actor.Subject, key, fingerprint);
        if (match == KeyMatch.Reused)
        {
            throw IdempotencyKey.Reused(method);
        }

        if (match == KeyMatch.Replay)
        {
            await EnsureVisibleAsync(actor);
            context.Result = ToView(actor);
            return true;
        }

        _pendingKey = new RememberedWrite(actor.Subject, key, fingerprint, clock.GetUtcNow());
        return false;
    }

    /// <summary>Adds the pending keyed write to the state about to be stored (bounded window, <see cref="RememberedWrites"/>).</summary>
    private void RememberPendingKey()
    {
        if (_pendingKey is { } write)
        {
            var now = clock.GetUtcNow();
            S.RememberedWrites = RememberedWrites.Add(S.RememberedWrites, write with { At = now }, now);
            _pendingKey = null;
        }
    }

    /// <inheritdoc />
    public Task<KeyMatch> MatchReportKey(string subject, string key, string fingerprint, string personId) =>
        Task.FromResult(Concerns().MatchReportKey(subject, key, fingerprint, personId));

    /// <summary>The concern rules over the case's aggregate at the domain clock's now.</summary>
    private ConcernJoin Concerns() => new(Case(), LocalId);

    /// <summary>
    /// On a new case, before its grading: decides whether <paramref name="actor"/> is answered with a receipt
    /// (<see cref="AnswersReceiptAsync"/>) and notes it on the timeline with the report's key (answer <c>OpenedNewCase</c>)
    /// and, for a separate case, why. True when the answer is a receipt.
    /// </summary>
    private async Task<bool> RecordOpeningAsync(ReportConcern input, Actor actor)
    {
        var receipt = await AnswersReceiptAsync(actor);
        _pendingKey = Concerns().Open(input, actor, receipt) ?? _pendingKey;
        return receipt;
    }

    /// <summary>
    /// True when a report by <paramref name="actor"/> is answered with a receipt instead of the case: a report-only caller,
    /// or anyone the case does not open to by need-to-know — for a reporter, whose scope does not cover the case's unit
    /// (<see cref="NeedToKnowPolicy.ForCase"/>). One rule for a report that opens the case and one that joins it, so the answer
    /// cannot tell case staff of another unit whether the person already had an open case (round 17 red team RT17-7;
    /// docs/access.md "Receipts for reporters"). The grading that follows cannot change it: the high-risk protocol makes a
    /// level-3 reporter the owner only within their units (<see cref="ProtocolScopeAsync"/>).
    /// </summary>
    private async Task<bool> AnswersReceiptAsync(Actor actor) => ReportReceipts.IsReportOnly(actor) || !await NeedToKnowAsync(actor);

    /// <summary>
    /// The scope the high-risk protocol checks before it makes a reporting level-3 professional the owner
    /// (<see cref="Domain.CaseAggregate.ViewerScope"/>): looked up (one grain call) for a Counsellor or Clinician grading HIGH
    /// or IMMINENT, so one whose scope does not cover the case's unit leaves it to the level-3 queue — owning it would open
    /// the case to them where their report was answered with a receipt (RT17-7); null (no condition) otherwise.
    /// </summary>
    private async Task<StaffScope?> ProtocolScopeAsync(RiskLevel level, Actor actor) =>
        level >= RiskLevel.High && actor.HasAny(Roles.Level3) ? await StaffScopes.ResolveAsync(GrainFactory, TenantId, actor) : null;

    /// <summary>
    /// A report addressed to a case that exists (<see cref="ConcernJoin"/>): a keyed retry answers the first result; a
    /// concern routed here by the person's open-case registry joins the case, the risk raised when higher — which runs
    /// the high-risk protocol as any raise does, and the receipt id of a caller who may not see the case is noted
    /// on the timeline (<see cref="ConcernJoin.NoteReceipt"/>); a plain create answers <c>ALREADY_EXISTS</c>.
    /// </summary>
    private async Task<TakenConcern> ReportToExistingAsync(ReportConcern input, Actor actor)
    {
        if (Concerns().Replay(input, actor) is { } outcome)
        {
            return new TakenConcern((await ViewOrReceiptAsync(actor)).WithReportOutcome(outcome), null); // stored nothing: no signal
        }

        if (input.DischargeHospitalId is { } hospital && input.DischargedAt is { } at)
        {
            Case().EnsureRoomForDischarge(hospital, at); // before the concern joins: a refused discharge writes nothing (round-26 red team)
        }

        // A caller who may not see the case gets a receipt (ViewOrReceiptAsync, ReportReceipts.AnswerFor): its id on the timeline (F3).
        var receipt = await AnswersReceiptAsync(actor);
        var joined = Concerns().Join(input, actor);
        if (receipt)
        {
            Concerns().NoteReceipt(input, actor);
        }

        _pendingKey = joined.Key ?? _pendingKey;
        if (joined.RaiseRiskTo is { } level)
        {
            // A higher grading runs the high-risk protocol as any raise does; its owner only within their units (RT17-7).
            var raised = Case(await Settings());
            raised.ViewerScope = await ProtocolScopeAsync(level, actor);
            raised.RaiseRisk(level, actor, ConcernJoin.RaiseReason);
        }

        if (CrisisWords.Find(input.Summary) is { Count: > 0 } words)
        {
            Case(await Settings()).FlagCrisisWords(words, input.Ungraded ? null : input.RiskLevel, actor, input.GradedByReporter(actor)); // docs/protocol.md "Crisis words"
        }

        var followUps = IntakeFollowUps(input, actor, receipt, ReportOutcome.JoinedOpenCase);
        await SaveAsync(alongside: null, during: followUps);
        Telemetry.CareGridMetrics.ConcernReported(joined: true); // docs/observability.md
        var answer = receipt ? Concerns().Receipt(TenantId, actor) : ToView(actor);
        return new TakenConcern(answer.WithReportOutcome(ReportOutcome.JoinedOpenCase), ConcernSignal(), FollowedUp: followUps is not null);
    }

    /// <summary>The case for <paramref name="actor"/> when they are on its need-to-know list, else a receipt (<see cref="ConcernJoin.Receipt"/>).</summary>
    private async Task<CaseView> ViewOrReceiptAsync(Actor actor) =>
        await NeedToKnowAsync(actor) ? ToView(actor) : Concerns().Receipt(TenantId, actor);

    /// <inheritdoc />
    public async Task NoteSeparateCase(string caseId, string reason, Actor actor)
    {
        EnsureExists();
        if (Concerns().NoteSeparateCase(caseId, reason, actor))
        {
            await SaveAsync();
        }
    }

    /// <summary>
    /// Tells the person grain what this stored trigger changes for it. Close and reopen: its open-case registry
    /// (docs/idempotency.md); best effort, a registry that still names a closed case is corrected by the next report about
    /// the person. Start of intervention by the case's owner (<paramref name="actor"/>): the person is in individual counselling, level 3 of
    /// the three-level archive (R-7.4 (3), <see cref="People.IPersonGrain.NoteIndividualCounselling"/>); best effort too, since
    /// the intervention is stored and cannot be started again: should the person's write fail, the level stays for staff
    /// to set (<c>changeMonitoringLevel</c>), and the failure is logged.
    /// </summary>
    private async Task SyncPersonOpenCaseAsync(CaseTrigger trigger, Actor actor)
    {
        try
        {
            if (trigger == CaseTrigger.Close)
            {
                await Person(S.PersonId).ReleaseOpenCase(LocalId, S.StoppedDeadlines);
            }
            else if (trigger == CaseTrigger.Reopen)
            {
                await Person(S.PersonId).TrackOpenCase(LocalId);
            }
            else if (trigger == CaseTrigger.StartIntervention && S.AssigneeId == actor.Subject)
            {
                // Only the case's owner keeps its one-to-one record: a level-3 reporter who starts intervention on a case
                // someone else owns may not move the person (round-28 red team: changeMonitoringLevel refused them).
                await Person(S.PersonId).NoteIndividualCounselling(LocalId, actor);
            }
        }
        catch (Exception ex) when (ex is not CareGridException)
        {
            // The case's own change is stored: the registry heals on the next report (ConcernIntake); a level not moved stays for staff.
            ServiceProvider.GetService<ILogger<CaseGrain>>()?.LogWarning(ex, "Case {CaseId}: telling person {PersonId} of {Trigger} failed", LocalId, S.PersonId, trigger);
        }
    }
}
