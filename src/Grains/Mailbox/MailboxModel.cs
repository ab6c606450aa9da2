namespace CareGrid.Grains.Mailbox;

/// <summary>Where a worry-mailbox thread stands (R-5.2, docs/mailbox.md).</summary>
[GenerateSerializer, Alias("CareGrid.MailboxThreadStatus")]
public enum MailboxThreadStatus
{
    /// <summary>The writer's message waits for a counsellor's reply.</summary>
    Open,

    /// <summary>A counsellor replied last; the thread waits for the writer (who may read and write back).</summary>
    Answered,

    /// <summary>A counsellor closed the thread: the writer may still read it, nobody writes to it.</summary>
    Closed,
}

/// <summary>Who wrote a message of a thread.</summary>
[GenerateSerializer, Alias("CareGrid.MailboxAuthor")]
public enum MailboxAuthor
{
    /// <summary>The anonymous writer (holder of the claim code).</summary>
    Writer,

    /// <summary>A counsellor of the tenant (level 3).</summary>
    Counsellor,
}

/// <summary>One message of a thread. Only the day is kept, never the time of day (docs/mailbox.md "What is stored").</summary>
/// <param name="Author">Who wrote it.</param>
/// <param name="Text">The text, 1–<see cref="MailboxLimits.MaxTextLength"/> characters.</param>
/// <param name="On">The UTC day it was written (midnight UTC of that day).</param>
/// <param name="Urgent">True when <see cref="Cases.Domain.CrisisWords.Suggests"/> flagged it (writer messages only).</param>
/// <param name="CounsellorSubject">The replying counsellor's login subject; null for the writer's messages.</param>
[GenerateSerializer, Alias("CareGrid.MailboxMessage"), Immutable]
public sealed record MailboxMessage(
    [property: Id(0)] MailboxAuthor Author,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset On,
    [property: Id(3)] bool Urgent,
    [property: Id(4)] string? CounsellorSubject);

/// <summary>Persisted state of a worry-mailbox thread (<see cref="IMailboxThreadGrain"/>); holds no address, agent, token or time of day.</summary>
[GenerateSerializer, Alias("CareGrid.MailboxThreadState")]
public sealed class MailboxThreadState
{
    /// <summary>The thread's random salt (<see cref="ClaimCodes.SaltLength"/> bytes); empty while the thread does not exist.</summary>
    [Id(0)] public byte[] Salt { get; set; } = [];

    /// <summary>HMAC-SHA-256(salt, secret) of the claim code (<see cref="ClaimCodes.Hash"/>); the secret itself is never stored.</summary>
    [Id(1)] public byte[] CodeHash { get; set; } = [];

    /// <summary>The messages, oldest first, at most <see cref="MailboxLimits.MaxMessages"/>.</summary>
    [Id(2)] public List<MailboxMessage> Messages { get; set; } = [];

    /// <summary>Where the thread stands.</summary>
    [Id(3)] public MailboxThreadStatus Status { get; set; }

    /// <summary>True once any writer message was flagged (<see cref="Cases.Domain.CrisisWords"/>); it stays set.</summary>
    [Id(4)] public bool Urgent { get; set; }

    /// <summary>What the writer chose to say about themself to be contacted ("I want to be contacted, I am …"); null until they do.</summary>
    [Id(5)] public string? ContactMe { get; set; }

    /// <summary>The index page the thread's summary lives in (<see cref="IMailboxIndexGrain"/>).</summary>
    [Id(6)] public int IndexPage { get; set; }

    /// <summary>The case the thread was turned into (<c>convertMailboxThreadToConcern</c>, R-5.2); null until then.</summary>
    [Id(7)] public string? CaseId { get; set; }

    /// <summary>The person the counsellor named when turning the thread into a case; null until then.</summary>
    [Id(8)] public string? ConcernPersonId { get; set; }

    /// <summary>The converting counsellor's login subject; null until then.</summary>
    [Id(9)] public string? ConvertedBy { get; set; }

    /// <summary>The UTC day of the conversion (midnight UTC; no time of day, as for messages).</summary>
    [Id(10)] public DateTimeOffset? ConvertedOn { get; set; }

    /// <summary>How many messages the thread held when it was converted: the writer's notice is read after them.</summary>
    [Id(11)] public int ConvertedAfter { get; set; }

    /// <summary>
    /// The receipt's own id when the conversion was answered with a receipt (the counsellor is not on the case's need-to-know
    /// list), else null: shown to the converter instead of <see cref="CaseId"/> (docs/mailbox.md).
    /// </summary>
    [Id(12)] public string? ReceiptId { get; set; }

    /// <summary>True once the thread was opened.</summary>
    public bool Exists => CodeHash.Length > 0;
}

/// <summary>What counsellors' lists show of a thread: no text, no contact, only what triage needs.</summary>
/// <param name="ThreadId">The thread id (<c>wm-…</c>).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Urgent">Flagged for urgent reading (sorted first).</param>
/// <param name="OpenedOn">The UTC day of the first message.</param>
/// <param name="LastWriterOn">The UTC day of the writer's last message.</param>
/// <param name="Messages">The number of messages.</param>
/// <param name="WantsContact">True when the writer identified themself to be contacted.</param>
[GenerateSerializer, Alias("CareGrid.MailboxThreadSummary"), Immutable]
public sealed record MailboxThreadSummary(
    [property: Id(0)] string ThreadId,
    [property: Id(1)] MailboxThreadStatus Status,
    [property: Id(2)] bool Urgent,
    [property: Id(3)] DateTimeOffset OpenedOn,
    [property: Id(4)] DateTimeOffset LastWriterOn,
    [property: Id(5)] int Messages,
    [property: Id(6)] bool WantsContact);

/// <summary>A thread as a counsellor reads it (<c>mailboxThread</c>).</summary>
/// <param name="Summary">The summary.</param>
/// <param name="Messages">The messages, oldest first.</param>
/// <param name="ContactMe">What the writer said about themself to be contacted, or null.</param>
/// <param name="CaseId">The case the thread was turned into (<c>convertMailboxThreadToConcern</c>) when it opens to the reader by
/// need-to-know; the converter's receipt id when they were answered with a receipt; else null (<see cref="Cases.ReportReceipts.ShownCaseIdAsync"/>).</param>
[GenerateSerializer, Alias("CareGrid.MailboxThreadView"), Immutable]
public sealed record MailboxThreadView(
    [property: Id(0)] MailboxThreadSummary Summary,
    [property: Id(1)] IReadOnlyList<MailboxMessage> Messages,
    [property: Id(2)] string? ContactMe,
    [property: Id(3)] string? CaseId = null);

/// <summary>A thread as its writer reads it with the claim code: no counsellor's subject.</summary>
/// <param name="Status">Where it stands.</param>
/// <param name="Messages">Author, text and day of each message, oldest first.</param>
[GenerateSerializer, Alias("CareGrid.MailboxWriterView"), Immutable]
public sealed record MailboxWriterView(
    [property: Id(0)] MailboxThreadStatus Status,
    [property: Id(1)] IReadOnlyList<MailboxMessage> Messages);
