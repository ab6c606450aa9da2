using CareGrid.Grains.Errors;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Idempotent writes and concerns that join an open case (docs/idempotency.md). A keyed write is remembered in the
/// case's own state, in the same storage write as its effect (<see cref="RememberPendingKey"/> runs inside
/// <see cref="SaveAsync"/>), so a retry is recognised exactly when the first attempt was stored.
/// </summary>
public sealed partial class CaseGrain
{
    /// <summary>Case commands that honour an idempotency key sent in <see cref="IdempotencyContext"/> (every write but <see cref="Report"/>, which carries its key in its input).</summary>
    private static readonly HashSet<string> KeyedMethods = new(StringComparer.Ordinal)
    {
        nameof(LogContact), nameof(RecordScreening), nameof(ScheduleFollowUp), nameof(ProposeReferral), nameof(SendReferral),
        nameof(RecordReferralResponse), nameof(CompleteReferral), nameof(CompleteTask), nameof(CancelTask), nameof(AssessRisk),
        nameof(Escalate), nameof(Fire),
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
            EnsureExists();
            await EnsureNeedToKnowAsync(actor);
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
    public Task<KeyMatch> MatchReportKey(string subject, string key, string fingerprint, string personId)
    {
        if (!S.Exists)
        {
            return Task.FromResult(KeyMatch.None);
        }

        var (match, _) = RememberedWrites.Find(S.RememberedWrites, subject, key, fingerprint);
        return Task.FromResult(match == KeyMatch.None && S.PersonId != personId ? KeyMatch.Reused : match);
    }

    /// <summary>On a new case: notes the report's key (answer <c>OpenedNewCase</c>) and, for a separate case, why (R-1.5).</summary>
    private void RecordOpening(ReportConcern input, Actor actor)
    {
        if (input.IdempotencyKey is { } key)
        {
            _pendingKey = new RememberedWrite(actor.Subject, key, ConcernIntake.Fingerprint(input), clock.GetUtcNow(), nameof(ReportOutcome.OpenedNewCase));
        }

        if (input.SeparateCaseReason is { } reason)
        {
            Record(actor.Subject, "SeparateCase", $"opened apart from open case {input.SeparatedFrom ?? "(none)"}: {reason.Trim()}");
        }
    }

    /// <summary>
    /// A report addressed to a case that exists: a keyed retry answers the first result; a concern routed here by the
    /// person's open-case registry joins the case (<see cref="JoinAsync"/>); a plain create answers <c>ALREADY_EXISTS</c>.
    /// </summary>
    private async Task<CaseView> ReportToExistingAsync(ReportConcern input, Actor actor)
    {
        if (input.IdempotencyKey is { } key)
        {
            var (match, write) = RememberedWrites.Find(S.RememberedWrites, actor.Subject, key, ConcernIntake.Fingerprint(input));
            if (match == KeyMatch.Reused)
            {
                throw IdempotencyKey.Reused("reportConcern");
            }

            if (match == KeyMatch.Replay)
            {
                return (await ViewOrReceiptAsync(actor)).WithReportOutcome(Enum.Parse<ReportOutcome>(write!.Result ?? nameof(ReportOutcome.OpenedNewCase)));
            }
        }

        if (input.Routing == ConcernRouting.Direct)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"Case '{LocalId}' already exists.");
        }

        if (input.PersonId != S.PersonId)
        {
            throw CareGridException.Validation("personId", $"Case '{LocalId}' is about another person.");
        }

        if (S.Status == CaseStatus.Closed)
        {
            throw ConcernIntake.ClosedMeanwhile(LocalId);
        }

        return await JoinAsync(input, actor);
    }

    /// <summary>
    /// Adds a concern to this open case: a <c>ConcernAdded</c> timeline entry (reporter, grading, summary), the reporter
    /// noted among the case's reporters (which opens nothing to them: they get a receipt unless already on the
    /// need-to-know list), and the risk raised when the new grading is higher — which runs the
    /// high-risk protocol as any raise does (R-1.10). Never lowers the risk.
    /// </summary>
    private async Task<CaseView> JoinAsync(ReportConcern input, Actor actor)
    {
        RequireAny(actor, Roles.CanReport, "report a concern");
        var summary = ConcernIntake.CheckSummary(input);
        if (input.IdempotencyKey is { } key)
        {
            _pendingKey = new RememberedWrite(actor.Subject, key, ConcernIntake.Fingerprint(input), clock.GetUtcNow(), nameof(ReportOutcome.JoinedOpenCase));
        }

        Record(actor.Subject, "ConcernAdded", $"{input.RiskLevel}: {summary}");
        if (actor.Subject != S.ReportedBy && S.Reporters?.Contains(actor.Subject) != true)
        {
            (S.Reporters ??= []).Add(actor.Subject);
        }

        if (input.RiskLevel > S.RiskLevel)
        {
            ApplyRisk(input.RiskLevel, actor, "raised by an added concern", await Settings());
        }

        await SaveAsync();
        return (await ViewOrReceiptAsync(actor)).WithReportOutcome(ReportOutcome.JoinedOpenCase);
    }

    /// <summary>
    /// The case for <paramref name="actor"/> when they are on its need-to-know list, else a receipt
    /// (<see cref="CaseView.IsReceipt"/>): adding a concern must not open someone else's case to the reporter, so a
    /// homeroom teacher or a class psychology committee member learns that the concern was received and which case took
    /// it, not what the case holds (need-to-know, docs/architecture.md).
    /// </summary>
    private async Task<CaseView> ViewOrReceiptAsync(Actor actor)
    {
        if (await NeedToKnowAsync(actor))
        {
            return ToView(actor);
        }

        return new CaseView
        {
            TenantId = TenantId,
            Id = LocalId,
            PersonId = S.PersonId,
            Summary = "",
            ReportedBy = actor.Subject,
            ReportedAt = clock.GetUtcNow(),
            UpdatedAt = clock.GetUtcNow(),
            Timeline = [],
            AvailableActions = [],
            Tasks = [],
            Screenings = [],
            Contacts = [],
            Referrals = [],
            Notifications = [],
            IsReceipt = true,
        };
    }

    /// <inheritdoc />
    public async Task<CaseView> NoteSeparateCase(string caseId, string reason, Actor actor)
    {
        EnsureExists();
        var note = $"case {caseId} opened separately: {reason.Trim()}";
        if (!S.Timeline.Any(e => e.Action == "SeparateCaseOpened" && e.Reason == note))
        {
            Record(actor.Subject, "SeparateCaseOpened", note);
            await SaveAsync();
        }

        return ToView(Actor.System);
    }

    /// <summary>
    /// Tells the person's open-case registry that this case closed or reopened (docs/idempotency.md). Best effort: a
    /// registry that still names a closed case is corrected by the next report about the person.
    /// </summary>
    private async Task SyncPersonOpenCaseAsync(CaseTrigger trigger)
    {
        try
        {
            if (trigger == CaseTrigger.Close)
            {
                await Person(S.PersonId).ReleaseOpenCase(LocalId);
            }
            else if (trigger == CaseTrigger.Reopen)
            {
                await Person(S.PersonId).TrackOpenCase(LocalId);
            }
        }
        catch (Exception ex) when (ex is not CareGridException)
        {
            // The case's own change is stored; the registry heals on the next report (ConcernIntake).
        }
    }
}
