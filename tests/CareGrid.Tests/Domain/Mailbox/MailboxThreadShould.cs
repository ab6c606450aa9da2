using CareGrid.Grains.Errors;
using CareGrid.Grains.Mailbox;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain.Mailbox;

/// <summary>The rules of a worry-mailbox thread (R-5.2, docs/mailbox.md).</summary>
[Trait("tier", "domain")]
public sealed class MailboxThreadShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 14, 37, 12, TimeSpan.Zero);
    private static readonly Actor Counsellor = new("counsellor@school", [Roles.Counsellor]);

    private static (MailboxThread Thread, ClaimCode Code) Opened(string text = "I am worried about exams")
    {
        var thread = new MailboxThread(new MailboxThreadState(), "wm-test");
        var code = ClaimCodes.Issue();
        thread.Open(code, text, Now);
        return (thread, code);
    }

    [Fact]
    public void Keep_only_the_salted_hash_of_the_code_and_the_day_of_each_message()
    {
        var (thread, code) = Opened();
        Assert.True(thread.Admits(code.Secret));
        Assert.False(thread.Admits(ClaimCodes.Issue().Secret));
        Assert.Equal(ClaimCodes.SaltLength, thread.State.Salt.Length);
        Assert.DoesNotContain(code.Secret, System.Text.Encoding.ASCII.GetString(thread.State.CodeHash));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), thread.State.Messages.Single().On);
    }

    [Fact]
    public void Flag_and_keep_flagged_a_thread_whose_writer_suggests_self_harm()
    {
        var (thread, _) = Opened("exams");
        Assert.False(thread.State.Urgent);
        thread.WriterReplies("有时候我想自杀", null, Now);
        thread.WriterReplies("thanks", null, Now);
        Assert.True(thread.State.Urgent);
        Assert.True(thread.State.Messages[1].Urgent);
        Assert.False(thread.State.Messages[2].Urgent);
    }

    [Fact]
    public void Move_between_open_and_answered_and_refuse_writing_once_closed()
    {
        var (thread, _) = Opened();
        thread.CounsellorReplies(Counsellor, "We read you. Can you tell us more?", Now);
        Assert.Equal(MailboxThreadStatus.Answered, thread.State.Status);
        thread.WriterReplies("Yes. I want to talk.", "Li Hua, class 7-2", Now);
        Assert.Equal(MailboxThreadStatus.Open, thread.State.Status);
        Assert.Equal("Li Hua, class 7-2", thread.State.ContactMe);
        Assert.True(thread.Summary().WantsContact);
        thread.Close();
        var count = thread.State.Messages.Count;
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<CareGridException>(() => thread.WriterReplies("more", null, Now)).Code);
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<CareGridException>(() => thread.CounsellorReplies(Counsellor, "more", Now)).Code);
        Assert.Equal(ErrorCodes.InvalidTransition, Assert.Throws<CareGridException>(thread.Close).Code);
        Assert.Equal(count, thread.State.Messages.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bell\u0007")]
    public void Refuse_empty_or_control_text_and_change_nothing(string text)
    {
        var (thread, _) = Opened();
        var error = Assert.Throws<CareGridException>(() => thread.WriterReplies(text, null, Now));
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("text", error.Details["field"]);
        Assert.Single(thread.State.Messages);
    }

    [Fact]
    public void Refuse_text_and_contact_over_their_limits_naming_the_field()
    {
        var (thread, _) = Opened(new string('x', MailboxLimits.MaxTextLength));
        var text = Assert.Throws<CareGridException>(() => thread.WriterReplies(new string('x', MailboxLimits.MaxTextLength + 1), null, Now));
        Assert.Equal("text", text.Details["field"]);
        var contact = Assert.Throws<CareGridException>(() => thread.WriterReplies("ok", new string('x', MailboxLimits.MaxContactLength + 1), Now));
        Assert.Equal("contactMe", contact.Details["field"]);
        Assert.Null(thread.State.ContactMe);
        Assert.Single(thread.State.Messages);
    }

    [Fact]
    public void Cap_the_messages_of_one_thread()
    {
        var (thread, _) = Opened();
        while (thread.State.Messages.Count < MailboxLimits.MaxMessages)
        {
            thread.CounsellorReplies(Counsellor, "reply", Now);
        }

        Assert.Equal(ErrorCodes.MailboxThreadFull, Assert.Throws<CareGridException>(() => thread.WriterReplies("one more", null, Now)).Code);
        Assert.Equal(MailboxLimits.MaxMessages, thread.State.Messages.Count);
    }

    [Fact]
    public void Rank_urgent_open_threads_first_in_the_queue()
    {
        MailboxThreadSummary S(MailboxThreadStatus status, bool urgent) => new("wm-x", status, urgent, Now, Now, 1, false);
        var ranks = new[] { S(MailboxThreadStatus.Closed, true), S(MailboxThreadStatus.Answered, false), S(MailboxThreadStatus.Open, false), S(MailboxThreadStatus.Open, true) }
            .OrderBy(WorryMailbox.Rank).Select(s => (s.Status, s.Urgent)).ToList();
        Assert.Equal([(MailboxThreadStatus.Open, true), (MailboxThreadStatus.Open, false), (MailboxThreadStatus.Answered, false), (MailboxThreadStatus.Closed, true)], ranks);
    }
}
