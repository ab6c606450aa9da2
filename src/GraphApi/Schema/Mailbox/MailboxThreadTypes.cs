using CareGrid.Grains.Mailbox;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>MailboxThreadSummary</c>: a thread in the counsellors' queue (R-5.2, docs/mailbox.md) — no text, no contact.</summary>
public sealed class MailboxThreadSummaryType : ObjectGraphType<MailboxThreadSummary>
{
    /// <summary>Defines the fields.</summary>
    public MailboxThreadSummaryType()
    {
        Name = "MailboxThreadSummary";
        Description = "A worry-mailbox thread as the level-3 queue lists it: status, urgent flag, days and counts; no message text (docs/mailbox.md).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.ThreadId).Description("The thread id (wm-…); never the writer's claim code.");
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<MailboxThreadStatus>>)).Description("OPEN (waits for a counsellor), ANSWERED (waits for the writer) or CLOSED.");
        Field(x => x.Urgent).Description("True when a message of the writer contains a self-harm word (docs/mailbox.md \"Urgent flag\", R-1.10): read it first.");
        Field<NonNullGraphType<DateOnlyGraphType>>("openedOn").Resolve(c => DateOnly.FromDateTime(c.Source.OpenedOn.UtcDateTime)).Description("The UTC day of the first message (no time of day is kept).");
        Field<NonNullGraphType<DateOnlyGraphType>>("lastWriterOn").Resolve(c => DateOnly.FromDateTime(c.Source.LastWriterOn.UtcDateTime)).Description("The UTC day of the writer's last message.");
        Field<NonNullGraphType<IntGraphType>>("messageCount").Resolve(c => c.Source.Messages).Description("Messages in the thread (at most 40).");
        Field(x => x.WantsContact).Description("True when the writer asked to be contacted and said who they are (contactMe on mailboxThread).");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>MailboxMessage</c>.</summary>
public sealed class MailboxMessageType : ObjectGraphType<MailboxMessage>
{
    /// <summary>Defines the fields.</summary>
    public MailboxMessageType()
    {
        Name = "MailboxMessage";
        Description = "One message of a worry-mailbox thread.";
        Field<NonNullGraphType<EnumerationGraphType<MailboxAuthor>>>("from").Resolve(c => c.Source.Author).Description("WRITER (anonymous) or COUNSELLOR.");
        Field(x => x.Text).Description("The text (1–2000 characters).");
        Field<NonNullGraphType<DateOnlyGraphType>>("on").Resolve(c => DateOnly.FromDateTime(c.Source.On.UtcDateTime)).Description("The UTC day it was written (no time of day is kept).");
        Field(x => x.Urgent).Description("True when this writer message contains a self-harm word (R-1.10).");
        Field(x => x.CounsellorSubject, nullable: true).Description("The replying counsellor's login subject; null for the writer's messages.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>MailboxThread</c>: a thread as a counsellor reads it (<c>mailboxThread</c>).</summary>
public sealed class MailboxThreadType : ObjectGraphType<MailboxThreadView>
{
    /// <summary>Defines the fields.</summary>
    public MailboxThreadType()
    {
        Name = "MailboxThread";
        Description = "A worry-mailbox thread (R-5.2, docs/mailbox.md): the anonymous writer's messages and the counsellors' replies.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Summary.ThreadId).Description("The thread id (wm-…).");
        Field<NonNullGraphType<MailboxThreadSummaryType>>("summary").Resolve(c => c.Source.Summary).Description("Status, urgent flag, days and counts.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MailboxMessageType>>>>("messages").Resolve(c => c.Source.Messages).Description("The messages, oldest first.");
        Field(x => x.ContactMe, nullable: true).Description("What the writer chose to say to be contacted (\"I want to be contacted, I am …\"); null until they do. The only identifying text a thread can hold.");
        Field(x => x.CaseId, nullable: true).Description("The case the thread was turned into (convertMailboxThreadToConcern, R-5.2), when it opens to you by need-to-know; to the converter answered with a receipt (not on the case's need-to-know list) the receipt's own id (rcpt-…); null otherwise and until then (docs/mailbox.md).");
        this.ReachedThroughParent();
    }
}
