using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Imports;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Where every concern enters (<c>reportConcern</c>, <c>openCaseFromCensus</c>): one open case per person
/// (docs/idempotency.md, R-1.5). The person's grain decides, one call at a time, which case a concern goes to — the
/// person's open case, or a new one (<see cref="IPersonGrain.ClaimCaseForConcern"/>) — so two concurrent reports about
/// one person on any silos end in one open case. The case grain then opens the case or adds the concern to it.
/// </summary>
public static class ConcernIntake
{
    /// <summary>How many times a report is routed again when the case it was routed to turned out closed.</summary>
    private const int MaxRoutes = 3;

    /// <summary>
    /// Reports a concern about <see cref="ReportConcern.PersonId"/> in <paramref name="tenantId"/>: joins the person's
    /// open case, or opens a new one (under an id derived from the caller and key when keyed, else a fresh id); with
    /// <see cref="ReportConcern.SeparateCaseReason"/> it opens a separate case and notes it on the open one. The answer's
    /// <see cref="CaseView.ReportOutcome"/> says which. A caller who may not see the case is answered with a receipt under
    /// its own id (<see cref="ReportReceipts.NewReceiptId"/>, noted on the case's timeline; round 16 F3). Errors: <c>VALIDATION_FAILED</c> (<c>summary</c>,
    /// <c>riskLevel</c>, <c>separateCaseReason</c>), <c>FORBIDDEN</c> (a separate case asked by a caller who is not case staff of the person's unit: <see cref="EnsureStaffDecideSeparateCaseAsync"/>), <c>NOT_FOUND</c> (person, organization), <c>IDEMPOTENCY_KEY_REUSED</c>.
    /// </summary>
    /// <param name="grains">The grain factory.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="input">The report.</param>
    /// <param name="actor">The reporter.</param>
    /// <param name="lookups">When given, the caller's scope comes from the silo's fresh copy (<see cref="SiloLookupCache"/>, #18).</param>
    public static async Task<CaseView> ReportAsync(IGrainFactory grains, string tenantId, ReportConcern input, Actor actor, SiloLookupCache? lookups = null)
    {
        CheckSummary(input);
        if (input.SeparateCaseReason is not null && string.IsNullOrWhiteSpace(input.SeparateCaseReason) || input.SeparateCaseReason?.Trim().Length > 4000)
        {
            throw CareGridException.Validation("separateCaseReason", "A separate case needs a reason of 1–4000 characters.");
        }

        StoredText.Ensure(input.SeparateCaseReason, "separateCaseReason", multiline: true);
        if (input.SeparateCaseReason is not null)
        {
            await EnsureStaffDecideSeparateCaseAsync(grains, tenantId, input, actor, lookups);
        }

        var key = input.IdempotencyKey;
        var proposed = key is null ? TenantIds.NewLocalId("case") : IdempotencyKey.DeriveId("case", tenantId, actor.Subject, key);
        var receiptId = ReportReceipts.NewReceiptId(tenantId, actor.Subject, key);
        var person = grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, input.PersonId));
        if (key is not null)
        {
            // The key's first report may have opened a case for another person: that case carries the key, the person's
            // routes do not. Refuse the reuse before the person's registry records anything (docs/idempotency.md).
            var match = await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, proposed)).MatchReportKey(actor.Subject, key, Fingerprint(input), input.PersonId);
            if (match == KeyMatch.Reused)
            {
                throw IdempotencyKey.Reused("reportConcern");
            }
        }

        string? stale = null;
        for (var route = 0; route < MaxRoutes; route++)
        {
            var target = await person.ClaimCaseForConcern(new ConcernClaim(proposed, actor.Subject, key, key is null ? null : Fingerprint(input),
                input.SeparateCaseReason is not null, stale));
            var routed = input with
            {
                Routing = target.Opens ? ConcernRouting.Opens : ConcernRouting.Joins, SeparatedFrom = target.SeparatedFrom, ReceiptId = receiptId,
                StoppedDeadlines = target.Opens ? target.StoppedDeadlines : null,
            };
            try
            {
                var taken = await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, target.CaseId)).ReportForIntake(routed, actor);
                var answer = ReportReceipts.AnswerFor(taken.View, actor, receiptId);
                await FollowUpAsync(grains, tenantId, input, actor, target, taken, answer);
                return answer;
            }
            catch (CareGridException ex) when (IsClosedMeanwhile(ex))
            {
                stale = target.CaseId;
            }
        }

        throw new CareGridException(ErrorCodes.ConflictRetry, "The person's cases changed while the concern was routed; nothing was written. Retry the request.");
    }

    /// <summary>
    /// A separate case is the case staff's decision (R-1.5: one open case per person, kept apart only for a reason), so
    /// <c>separateCase: true</c> is refused <c>FORBIDDEN</c> (<c>field = separateCase</c>, English and Chinese, nothing
    /// recorded) unless the new case would open to the caller: a report-only caller never (docs/access.md "Receipts for
    /// reporters"); case staff and Volunteers only when their scope covers the unit the case would be filed under (the sent
    /// <see cref="ReportConcern.OrganizationId"/> or the person's unit, or the nearest open unit above a closed one:
    /// <see cref="IntakeUnits.OpenUnitAsync"/>) — the same unit rule by which the case answers its reporter with a receipt
    /// (<see cref="NeedToKnowPolicy.ForCase"/>, round 17 red team RT17-7). Before, a homeroom teacher of another class or a
    /// volunteer, answered with a receipt, still split a pupil's open case and wrote a note on a case they may not read
    /// (round 22 red team). Decided from the caller's scope and the person's unit alone — never from whether the person has
    /// an open case — so the refusal tells nothing about the person's cases. An id that names nobody is left to the claim
    /// (<c>NOT_FOUND</c>, as for any report by case staff).
    /// </summary>
    private static async Task EnsureStaffDecideSeparateCaseAsync(IGrainFactory grains, string tenantId, ReportConcern input, Actor actor, SiloLookupCache? lookups)
    {
        if (ReportReceipts.IsReportOnly(actor))
        {
            throw SeparateCaseRefused();
        }

        if (actor.IsSystem)
        {
            return;
        }

        var scope = lookups is null ? await StaffScopes.ResolveAsync(grains, tenantId, actor) : await lookups.ScopeAsync(grains, tenantId, actor);
        if (scope.WholeTenant || await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, input.PersonId)).Get() is not { } person)
        {
            return;
        }

        var unit = await IntakeUnits.OpenUnitAsync(grains, tenantId, string.IsNullOrWhiteSpace(input.OrganizationId) ? person.OrganizationId : input.OrganizationId);
        if (!scope.Covers(unit))
        {
            throw SeparateCaseRefused();
        }
    }

    private static CareGridException SeparateCaseRefused() => new(ErrorCodes.Forbidden,
        Bilingual.Join(
            "separateCase: true is for the case staff of the person's unit (their homeroom teacher, the counselling centre): they decide whether a concern needs a case of its own. Report again without separateCase and the concern reaches them. Nothing was recorded.",
            "“另立个案”（separateCase: true）只能由负责此人所在单位的个案工作人员（班主任、心理辅导中心）决定。请去掉 separateCase 重新上报，关注会送达他们。本次未记录任何内容。"),
        new Dictionary<string, string> { ["field"] = "separateCase" });

    /// <summary>
    /// What follows a report in other grains, when the case did not send it itself (<see cref="TakenConcern.FollowedUp"/>: a
    /// case that stored the report sends it together with its own state write, docs/storage-requests.md; a keyed retry the
    /// case answered without a write comes here, so a receipt whose first write failed is written now): independent writes to
    /// other grains, awaited together — the earlier case's note of a separate case, the reporter's receipt (docs/access.md
    /// "Receipts for reporters"; a keyed retry adds none twice; awaited, so the reporter can open it right after the answer)
    /// and the group-crisis signal (R-4.5, best effort, never fails the request). Errors surface as when they ran one after
    /// another: the note's, then the receipt's (<see cref="AwaitInOrderAsync"/>). The receipt keeps the id of
    /// <paramref name="answer"/> when that is a receipt (round 16 F3).
    /// </summary>
    private static Task FollowUpAsync(IGrainFactory grains, string tenantId, ReportConcern input, Actor actor, ConcernTarget target, TakenConcern taken, CaseView answer)
    {
        if (taken.FollowedUp)
        {
            return Task.CompletedTask;
        }

        var view = taken.View;
        var recorded = view.IsReceipt ? ReportOutcome.Received : view.ReportOutcome ?? ReportOutcome.OpenedNewCase;
        return SendFollowUpsAsync(grains, tenantId, actor, view.Id, view.ReportOutcome == ReportOutcome.OpenedNewCase ? target.SeparatedFrom : null,
            input.SeparateCaseReason, recorded, input.IdempotencyKey, answer.IsReceipt ? answer.Id : null, taken.Signal);
    }

    /// <summary>
    /// The writes that follow a report on case <paramref name="caseId"/> in other grains, started together and awaited
    /// together (the one place for them: <see cref="FollowUpAsync"/> after the case answered, and the case grain during its
    /// own state write): the note on <paramref name="separatedFrom"/> that a separate case opened (R-1.5; none when null or
    /// without <paramref name="separateCaseReason"/>), the reporter's receipt recorded with <paramref name="recorded"/> under
    /// <paramref name="receiptId"/> (<see cref="ReportReceipts.RecordAsync(IGrainFactory, string, Actor, string, ReportOutcome, string?, string?)"/>)
    /// and the group-crisis <paramref name="signal"/> (R-4.5, best effort; none when null). Errors surface as when they ran
    /// one after another: the note's, then the receipt's (<see cref="AwaitInOrderAsync"/>).
    /// </summary>
    internal static Task SendFollowUpsAsync(IGrainFactory grains, string tenantId, Actor actor, string caseId, string? separatedFrom, string? separateCaseReason,
        ReportOutcome recorded, string? idempotencyKey, string? receiptId, GroupCrisis.GroupCrisisSignal? signal)
    {
        var note = separatedFrom is not null && separateCaseReason is not null
            ? grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, separatedFrom)).NoteSeparateCase(caseId, separateCaseReason, actor)
            : Task.CompletedTask;
        var receipt = ReportReceipts.RecordAsync(grains, tenantId, actor, caseId, recorded, idempotencyKey, receiptId);
        var crisis = signal is not null ? GroupCrisis.GroupCrisisFeed.SignalAsync(grains, tenantId, signal) : Task.CompletedTask;
        return AwaitInOrderAsync(note, receipt, crisis);
    }

    /// <summary>
    /// Waits until every one of <paramref name="tasks"/> (already running concurrently) has ended, then throws the exception
    /// of the first that failed in the order given — what awaiting them one after another would have thrown, without
    /// leaving the later ones unawaited. (Awaiting <see cref="Task.WhenAll(Task[])"/> alone throws the failure that
    /// happened first in time, which differs from run to run.)
    /// </summary>
    internal static async Task AwaitInOrderAsync(params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks);
        }
        catch
        {
            foreach (var task in tasks)
            {
                await task; // the first failed one in order rethrows its own exception
            }

            throw;
        }
    }

    /// <summary>The fingerprint of a report (everything the reporter sent but the key).</summary>
    public static string Fingerprint(ReportConcern input) =>
        IdempotencyKey.Fingerprint("reportConcern", input.PersonId, input.Summary, input.RiskLevel, input.OrganizationId, input.SeparateCaseReason);

    /// <summary>The trimmed summary; <c>VALIDATION_FAILED</c> (<c>summary</c>: 1–4000 characters; <c>riskLevel</c>: unknown).</summary>
    public static string CheckSummary(ReportConcern input)
    {
        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length is 0 or > 4000)
        {
            throw CareGridException.Validation("summary", "A concern's summary is 1–4000 characters.");
        }

        StoredText.Ensure(summary, "summary", multiline: true);

        if (!Enum.IsDefined(input.RiskLevel))
        {
            throw CareGridException.Validation("riskLevel", "Unknown risk level.");
        }

        return summary;
    }

    /// <summary>The case a concern was routed to closed in the meantime: the intake routes it again.</summary>
    public static CareGridException ClosedMeanwhile(string caseId) =>
        new(ErrorCodes.InvalidTransition, $"Case '{caseId}' is closed; the concern was not added.",
            new Dictionary<string, string> { ["state"] = Hosting.SchemaNames.Value(CaseStatus.Closed), ["permittedTriggers"] = Hosting.SchemaNames.Action(CaseTrigger.Reopen), ["rule"] = "closed-meanwhile" });

    private static bool IsClosedMeanwhile(CareGridException ex) =>
        ex.Code == ErrorCodes.InvalidTransition && ex.Details.GetValueOrDefault("rule") == "closed-meanwhile";
}

/// <summary>A request to the person's open-case registry (<see cref="IPersonGrain.ClaimCaseForConcern"/>).</summary>
/// <param name="ProposedCaseId">The id a new case would get.</param>
/// <param name="Subject">The reporter's sub (keys are per caller).</param>
/// <param name="Key">The report's idempotency key, or null.</param>
/// <param name="Fingerprint">The report's fingerprint when keyed.</param>
/// <param name="Separate">The reporter opens a separate case although one is open.</param>
/// <param name="StaleCaseId">A case the registry named that turned out closed: forget it.</param>
[GenerateSerializer, Alias("CareGrid.ConcernClaim"), Immutable]
public sealed record ConcernClaim(
    [property: Id(0)] string ProposedCaseId,
    [property: Id(1)] string Subject,
    [property: Id(2)] string? Key,
    [property: Id(3)] string? Fingerprint,
    [property: Id(4)] bool Separate,
    [property: Id(5)] string? StaleCaseId);

/// <summary>The registry's answer: the case the concern goes to.</summary>
/// <param name="CaseId">The case id.</param>
/// <param name="Opens">True when it is a new case (the proposed id, or an earlier attempt's new case); false: the person's open case.</param>
/// <param name="SeparatedFrom">For a separate case: the open case it is kept apart from, else null.</param>
/// <param name="StoppedDeadlines">For a new case: the protocol deadlines the person's last closed case had stopped (<see cref="PersonState.StoppedDeadlines"/>), or null.</param>
[GenerateSerializer, Alias("CareGrid.ConcernTarget"), Immutable]
public sealed record ConcernTarget([property: Id(0)] string CaseId, [property: Id(1)] bool Opens, [property: Id(2)] string? SeparatedFrom,
    [property: Id(3)] IReadOnlyList<StoppedDeadline>? StoppedDeadlines = null);
