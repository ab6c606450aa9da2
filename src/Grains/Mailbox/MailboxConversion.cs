using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Mailbox;

/// <summary>
/// Turning a worry-mailbox thread into a case (<c>convertMailboxThreadToConcern</c>, R-5.2, docs/mailbox.md "Turning a
/// thread into a case"): only once the writer identified themself in a reply (<c>contactMe</c>); the concern carries the
/// thread id and the writer's own contact statement, never the messages (they stay in the thread, read by level 3 only).
/// Every rule refuses before it changes anything.
/// </summary>
/// <param name="state">The thread's state (changed in place by <see cref="Converted"/>).</param>
/// <param name="threadId">The thread id (<c>wm-…</c>).</param>
public sealed class MailboxConversion(MailboxThreadState state, string threadId)
{
    /// <summary>What the writer reads, after the messages the thread held when it was converted (English and Simplified Chinese).</summary>
    public const string WriterNotice = "A counsellor will contact you, as you asked. 心理老师会按你的要求联系你。";

    /// <summary>The case the thread was turned into, or null: converting again answers this case (no second concern).</summary>
    public string? CaseId => state.CaseId;

    /// <summary>
    /// The concern about <paramref name="personId"/> a conversion reports, at <paramref name="riskLevel"/> (default
    /// <see cref="RiskLevel.Low"/>, as <c>reportConcern</c>). Refuses with <c>MAILBOX_WRITER_NOT_IDENTIFIED</c> unless the
    /// writer gave <c>contactMe</c>, and with <c>VALIDATION_FAILED</c> (<c>riskLevel</c>) on an urgent thread without a
    /// grading: a word list never grades a risk, the counsellor does.
    /// </summary>
    public ReportConcern Concern(string personId, RiskLevel? riskLevel)
    {
        if (state.ContactMe is not { } contact)
        {
            throw new CareGridException(ErrorCodes.MailboxWriterNotIdentified,
                $"Thread '{threadId}' cannot become a case: its writer has not identified themself (no contactMe in a reply). Only the writer can do that; "
                + "reply in the thread (replyToMailboxThread) and ask them to write back with contactMe if they want to be contacted.",
                new Dictionary<string, string> { ["field"] = "contactMe" });
        }

        if (riskLevel is null && state.Urgent)
        {
            throw CareGridException.Validation("riskLevel",
                $"Thread '{threadId}' is flagged urgent (self-harm words): state riskLevel (LOW, MODERATE, HIGH or IMMINENT) — HIGH and above run the high-risk protocol (R-1.10).");
        }

        return new ReportConcern(personId, Summary(contact), riskLevel ?? RiskLevel.Low, null, IdempotencyKey: "mailbox:" + threadId,
            Ungraded: riskLevel is null);
    }

    /// <summary>
    /// Records that the thread went to case <paramref name="caseId"/> about <paramref name="personId"/> on <paramref name="now"/>'s
    /// UTC day; <paramref name="receiptId"/> is the receipt's own id when the counsellor was answered with a receipt (not on the
    /// case's need-to-know list), else null.
    /// </summary>
    public void Converted(string caseId, string personId, Actor counsellor, DateTimeOffset now, string? receiptId = null)
    {
        state.CaseId = caseId;
        state.ReceiptId = receiptId;
        state.ConcernPersonId = personId;
        state.ConvertedBy = counsellor.Subject;
        state.ConvertedOn = MailboxThread.DayOf(now);
        state.ConvertedAfter = state.Messages.Count;
    }

    /// <summary>The messages as the writer reads them: with <see cref="WriterNotice"/> after those the thread held when converted.</summary>
    public IReadOnlyList<MailboxMessage> ForWriter(IEnumerable<MailboxMessage> messages)
    {
        var list = messages.ToList();
        if (state.ConvertedOn is { } on)
        {
            list.Insert(Math.Min(state.ConvertedAfter, list.Count), new MailboxMessage(MailboxAuthor.Counsellor, WriterNotice, on, false, null));
        }

        return list;
    }

    private string Summary(string contact)
    {
        var urgent = state.Urgent
            ? " A message of the thread was flagged urgent (self-harm words). 其中有信件被标记为紧急（涉及自伤字词）。"
            : "";
        return $"From the anonymous worry mailbox, thread {threadId} (R-5.2): the writer identified themself in a reply and asked to be contacted: \"{contact}\". "
            + $"Their messages stay in the thread (mailboxThread, level 3).{urgent}\n"
            + $"来自匿名心理信箱 {threadId}：写信人在回信中表明身份并希望被联系：“{contact}”。来信内容保留在信箱中（mailboxThread，三级）。";
    }
}
