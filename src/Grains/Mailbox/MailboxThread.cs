using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Mailbox;

/// <summary>
/// The rules of one worry-mailbox thread (R-5.2, docs/mailbox.md), over its state: open with a claim code, the writer's
/// and the counsellors' replies, close. Every rule refuses before it changes anything. Days, never times of day, are kept.
/// </summary>
/// <param name="state">The thread's state (changed in place on success).</param>
/// <param name="threadId">The thread id (<c>wm-…</c>).</param>
public sealed class MailboxThread(MailboxThreadState state, string threadId)
{
    /// <summary>The state.</summary>
    public MailboxThreadState State => state;

    /// <summary>
    /// Opens the thread with the writer's first message and the hash of <paramref name="code"/>'s secret under a new salt.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (<c>text</c>); <c>ALREADY_EXISTS</c> if the locator is taken (the caller issues another code).</exception>
    public void Open(ClaimCode code, string? text, DateTimeOffset now)
    {
        var checkedText = MailboxLimits.Text(text);
        if (state.Exists)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, "That claim code is taken; a new one is drawn.");
        }

        state.Salt = ClaimCodes.NewSalt();
        state.CodeHash = ClaimCodes.Hash(state.Salt, code.Secret);
        state.Status = MailboxThreadStatus.Open;
        AddWriterMessage(checkedText, now);
    }

    /// <summary>True when the thread exists and <paramref name="secret"/> is its code's secret (constant-time compare).</summary>
    public bool Admits(string secret) => state.Exists && ClaimCodes.Matches(state.Salt, state.CodeHash, secret);

    /// <summary>
    /// The writer writes back; <paramref name="contactMe"/> (optional) is their explicit "I want to be contacted, I am …"
    /// statement, the only way a thread can come to identify anyone. The thread is Open again.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (<c>text</c>, <c>contactMe</c>); <c>INVALID_TRANSITION</c> when closed; <c>MAILBOX_THREAD_FULL</c>.</exception>
    public void WriterReplies(string? text, string? contactMe, DateTimeOffset now)
    {
        var checkedText = MailboxLimits.Text(text);
        var contact = MailboxLimits.Contact(contactMe);
        EnsureWritable("writing back (worry-mailbox/reply)");
        if (contact is not null)
        {
            state.ContactMe = contact;
        }

        state.Status = MailboxThreadStatus.Open;
        AddWriterMessage(checkedText, now);
    }

    /// <summary>A counsellor replies; the thread is Answered.</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (<c>text</c>); <c>INVALID_TRANSITION</c> when closed; <c>MAILBOX_THREAD_FULL</c>.</exception>
    public void CounsellorReplies(Actor counsellor, string? text, DateTimeOffset now)
    {
        var checkedText = MailboxLimits.Text(text);
        EnsureWritable("replyToMailboxThread");
        state.Messages.Add(new MailboxMessage(MailboxAuthor.Counsellor, checkedText, DayOf(now), false, counsellor.Subject));
        state.Status = MailboxThreadStatus.Answered;
    }

    /// <summary>A counsellor closes the thread; the writer may still read it.</summary>
    /// <exception cref="CareGridException"><c>INVALID_TRANSITION</c> when already closed.</exception>
    public void Close()
    {
        if (state.Status == MailboxThreadStatus.Closed)
        {
            throw Closed("closeMailboxThread");
        }

        state.Status = MailboxThreadStatus.Closed;
    }

    /// <summary>The triage summary (no text).</summary>
    public MailboxThreadSummary Summary() => new(
        threadId,
        state.Status,
        state.Urgent,
        state.Messages.Count > 0 ? state.Messages[0].On : default,
        state.Messages.LastOrDefault(m => m.Author == MailboxAuthor.Writer)?.On ?? default,
        state.Messages.Count,
        state.ContactMe is not null);

    /// <summary>Midnight UTC of <paramref name="now"/>'s UTC day: the only time a message keeps (docs/mailbox.md "What is stored").</summary>
    public static DateTimeOffset DayOf(DateTimeOffset now) => new(now.UtcDateTime.Date, TimeSpan.Zero);

    private void AddWriterMessage(string text, DateTimeOffset now)
    {
        var urgent = CrisisWords.Suggests(text);
        state.Urgent |= urgent;
        state.Messages.Add(new MailboxMessage(MailboxAuthor.Writer, text, DayOf(now), urgent, null));
    }

    private void EnsureWritable(string action)
    {
        if (state.Status == MailboxThreadStatus.Closed)
        {
            throw Closed(action);
        }

        if (state.Messages.Count >= MailboxLimits.MaxMessages)
        {
            throw new CareGridException(ErrorCodes.MailboxThreadFull,
                $"This thread holds {MailboxLimits.MaxMessages} messages, the most one thread keeps; a counsellor closes it and the writer posts a new message.");
        }
    }

    private static CareGridException Closed(string action) =>
        new(ErrorCodes.InvalidTransition, $"The thread is CLOSED; {action} is not possible. The writer posts a new message to start a new thread.",
            new Dictionary<string, string> { ["state"] = "CLOSED", ["permittedTriggers"] = "" });
}
