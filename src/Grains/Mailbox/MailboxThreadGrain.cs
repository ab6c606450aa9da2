using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Grains.Mailbox;

/// <summary>
/// One thread of a tenant's anonymous worry mailbox (R-5.2, docs/mailbox.md). Key: <c>"{tenant}/wm-{locator}"</c>. The
/// writer's calls carry the claim code's secret and answer null when it does not match — exactly as for a thread that
/// does not exist — so a wrong code and an unknown one cannot be told apart.
/// </summary>
public interface IMailboxThreadGrain : ITenantScopedGrain
{
    /// <summary>Opens the thread with its first message; the secret is kept only as a salted hash.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (<c>text</c>), <c>ALREADY_EXISTS</c> (the locator is taken).</exception>
    Task Open(string secret, string? text);

    /// <summary>The thread as its writer sees it, or null when <paramref name="secret"/> does not open it (or it does not exist).</summary>
    Task<MailboxWriterView?> ReadAsWriter(string secret);

    /// <summary>The writer writes back (optionally identifying themself, R-5.2); null as <see cref="ReadAsWriter"/>.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c>, <c>INVALID_TRANSITION</c> (closed), <c>MAILBOX_THREAD_FULL</c> — only for the code's holder.</exception>
    Task<MailboxWriterView?> ReplyAsWriter(string secret, string? text, string? contactMe);

    /// <summary>
    /// The whole thread for <paramref name="counsellor"/>, or null when it does not exist; its <c>caseId</c> as
    /// <see cref="ReportReceipts.ShownCaseIdAsync"/> shows it to them.
    /// </summary>
    Task<MailboxThreadView?> Read(Actor counsellor);

    /// <summary>A counsellor's reply.</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c>, <c>VALIDATION_FAILED</c>, <c>INVALID_TRANSITION</c>, <c>MAILBOX_THREAD_FULL</c>.</exception>
    Task<MailboxThreadView> Reply(Actor counsellor, string? text);

    /// <summary>A counsellor closes the thread.</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c>, <c>INVALID_TRANSITION</c> (already closed).</exception>
    Task<MailboxThreadView> Close(Actor counsellor);

    /// <summary>
    /// Turns the thread into a concern about <paramref name="personId"/> through the one intake of <c>reportConcern</c>
    /// (<see cref="ConcernIntake"/>, R-1.5; HIGH and above run the high-risk protocol, R-1.10) and links it to the case.
    /// Converting again answers the first case. Refusals change nothing (docs/mailbox.md "Turning a thread into a case").
    /// </summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c>, <c>MAILBOX_WRITER_NOT_IDENTIFIED</c>, <c>VALIDATION_FAILED</c> (<c>riskLevel</c>),
    /// <c>FORBIDDEN</c> (<c>rule = need-to-know</c>: the person's unit is outside the counsellor's scope), and those of <c>reportConcern</c>.</exception>
    Task<MailboxThreadView> ConvertToConcern(string personId, RiskLevel? riskLevel, Actor counsellor);

    /// <summary>Erases the thread (tenant deletion after export).</summary>
    Task Purge();
}

/// <summary>A worry-mailbox thread (see <see cref="IMailboxThreadGrain"/>): loads, applies <see cref="MailboxThread"/>, saves, updates its index entry.</summary>
[GrainType("mailbox-thread")]
public sealed class MailboxThreadGrain(
    [PersistentState("mailboxThread", StorageNames.Default)] IPersistentState<MailboxThreadState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IMailboxThreadGrain
{
    private static readonly byte[] DecoySalt = ClaimCodes.NewSalt();
    private static readonly byte[] DecoyHash = ClaimCodes.Hash(DecoySalt, new string('0', ClaimCodes.SecretLength));

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());

    private MailboxThread Thread => new(state.State, TenantIds.LocalOf(this.GetPrimaryKeyString()));

    /// <inheritdoc />
    public async Task Open(string secret, string? text)
    {
        var thread = Thread;
        MailboxLimits.Text(text);
        if (state.State.Exists)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, "That claim code is taken; a new one is drawn.");
        }

        var page = await Index(0).Register(thread.Summary() with { Status = MailboxThreadStatus.Open });
        thread.Open(new ClaimCode("", secret), text, clock.GetUtcNow());
        state.State.IndexPage = page;
        await SaveAsync(thread);
    }

    /// <inheritdoc />
    public Task<MailboxWriterView?> ReadAsWriter(string secret) =>
        Task.FromResult(Admits(secret) ? WriterView() : null);

    /// <inheritdoc />
    public async Task<MailboxWriterView?> ReplyAsWriter(string secret, string? text, string? contactMe)
    {
        if (!Admits(secret))
        {
            return null;
        }

        var thread = Thread;
        thread.WriterReplies(text, contactMe, clock.GetUtcNow());
        await SaveAsync(thread);
        return WriterView();
    }

    /// <inheritdoc />
    public async Task<MailboxThreadView?> Read(Actor counsellor) => state.State.Exists ? await ViewAsync(counsellor) : null;

    /// <inheritdoc />
    public async Task<MailboxThreadView> Reply(Actor counsellor, string? text)
    {
        var thread = Existing();
        thread.CounsellorReplies(counsellor, text, clock.GetUtcNow());
        await SaveAsync(thread);
        return await ViewAsync(counsellor);
    }

    /// <inheritdoc />
    public async Task<MailboxThreadView> Close(Actor counsellor)
    {
        var thread = Existing();
        thread.Close();
        await SaveAsync(thread);
        return await ViewAsync(counsellor);
    }

    /// <inheritdoc />
    public async Task<MailboxThreadView> ConvertToConcern(string personId, RiskLevel? riskLevel, Actor counsellor)
    {
        var thread = Existing();
        var conversion = new MailboxConversion(state.State, thread.Summary().ThreadId);
        if (conversion.CaseId is not null)
        {
            Intake.ConvertedRefusal.ThrowIfOtherPerson("Thread", state.State.ConcernPersonId, personId);
            return await ViewAsync(counsellor);
        }

        var concern = conversion.Concern(personId, riskLevel);
        var person = await GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId)).Get() ?? throw CareGridException.NotFound("Person", personId);
        var scope = await StaffScopes.ResolveAsync(GrainFactory, TenantId, counsellor);
        if (!scope.Covers(person.OrganizationId))
        {
            // Need-to-know by organization (docs/access.md): a counsellor opens cases of people in their units only.
            throw PersonUnitRefusal.Of(personId, "personId", scope); // never the person's id in the message (RT17-3)
        }

        // The one intake of concerns, keyed by the thread: a conversion whose answer was lost is not reported twice (docs/idempotency.md).
        var view = await ConcernIntake.ReportAsync(GrainFactory, TenantId, concern, counsellor);
        conversion.Converted(ReportReceipts.CaseIdOf(view), personId, counsellor, clock.GetUtcNow(), ReportReceipts.ReceiptIdOf(view));
        await SaveAsync(thread);
        return await ViewAsync(counsellor);
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new MailboxThreadState();
        DeactivateOnIdle();
    }

    /// <summary>Checks the secret; without a thread, hashes against a decoy so the answer takes about as long (docs/mailbox.md).</summary>
    private bool Admits(string secret)
    {
        if (state.State.Exists)
        {
            return Thread.Admits(secret);
        }

        _ = ClaimCodes.Matches(DecoySalt, DecoyHash, secret);
        return false;
    }

    private MailboxThread Existing() => state.State.Exists
        ? Thread
        : throw CareGridException.NotFound("MailboxThread", TenantIds.LocalOf(this.GetPrimaryKeyString()));

    private async Task SaveAsync(MailboxThread thread)
    {
        await state.CommitAsync();
        await Index(state.State.IndexPage).Upsert(thread.Summary());
    }

    private IMailboxIndexGrain Index(int page) => GrainFactory.GetGrain<IMailboxIndexGrain>(IMailboxIndexGrain.KeyOf(TenantId, page));

    /// <summary>
    /// The thread for <paramref name="counsellor"/>: its <c>caseId</c> the case's id when the case opens to them, the receipt's
    /// id to a converter answered with a receipt, else null (<see cref="ReportReceipts.ShownCaseIdAsync"/>; docs/mailbox.md).
    /// </summary>
    private async Task<MailboxThreadView> ViewAsync(Actor counsellor) =>
        new(Thread.Summary(), [.. state.State.Messages], state.State.ContactMe,
            await ReportReceipts.ShownCaseIdAsync(GrainFactory, TenantId, state.State.CaseId, state.State.ReceiptId, state.State.ConvertedBy, counsellor));

    private MailboxWriterView WriterView() => new(state.State.Status,
        new MailboxConversion(state.State, Thread.Summary().ThreadId).ForWriter(state.State.Messages.Select(m => m with { CounsellorSubject = null, Urgent = false })));
}
