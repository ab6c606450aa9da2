using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Mailbox;
using CareGrid.Grains.Security;

namespace CareGrid.Tests.Domain.Mailbox;

/// <summary>Turning a worry-mailbox thread into a case only once its writer identified themself (R-5.2, docs/mailbox.md).</summary>
[Trait("tier", "domain")]
public sealed class MailboxConversionShould
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 14, 37, 12, TimeSpan.Zero);
    private static readonly Actor Counsellor = new("counsellor@school", [Roles.Counsellor]);

    private static MailboxThreadState Opened(string text = "I am worried about exams")
    {
        var state = new MailboxThreadState();
        new MailboxThread(state, "wm-test").Open(ClaimCodes.Issue(), text, Now);
        return state;
    }

    [Fact]
    public void Refuse_a_thread_whose_writer_has_not_identified_themself_and_change_nothing()
    {
        var state = Opened();
        new MailboxThread(state, "wm-test").WriterReplies("thank you", null, Now);
        var conversion = new MailboxConversion(state, "wm-test");

        var refused = Assert.Throws<CareGridException>(() => conversion.Concern("student-1", RiskLevel.Moderate));

        Assert.Equal(ErrorCodes.MailboxWriterNotIdentified, refused.Code);
        Assert.Contains("contactMe", refused.Message);
        Assert.Null(state.CaseId);
        Assert.Equal(2, new MailboxConversion(state, "wm-test").ForWriter(state.Messages).Count);
    }

    [Fact]
    public void Carry_the_thread_id_and_the_writers_contact_but_never_the_messages()
    {
        var state = Opened("My parents fight every night");
        new MailboxThread(state, "wm-test").WriterReplies("I want to talk", "Li Hua, class 7-2", Now);

        var concern = new MailboxConversion(state, "wm-test").Concern("student-1", null);

        Assert.Equal(("student-1", RiskLevel.Low, "mailbox:wm-test"), (concern.PersonId, concern.RiskLevel, concern.IdempotencyKey));
        Assert.Contains("wm-test", concern.Summary);
        Assert.Contains("Li Hua, class 7-2", concern.Summary);
        Assert.DoesNotContain("parents", concern.Summary);
        Assert.DoesNotContain("I want to talk", concern.Summary);
    }

    [Fact]
    public void Ask_the_counsellor_to_grade_an_urgent_thread()
    {
        var state = Opened("I want to die");
        new MailboxThread(state, "wm-test").WriterReplies("please call me", "Wang Fang, 8-1", Now);
        var conversion = new MailboxConversion(state, "wm-test");

        var refused = Assert.Throws<CareGridException>(() => conversion.Concern("student-1", null));
        Assert.Equal((ErrorCodes.ValidationFailed, "riskLevel"), (refused.Code, refused.Details["field"]));
        Assert.Equal(RiskLevel.High, conversion.Concern("student-1", RiskLevel.High).RiskLevel);
    }

    [Fact]
    public void Link_the_case_and_tell_the_writer_after_the_messages_of_that_day()
    {
        var state = Opened();
        new MailboxThread(state, "wm-test").WriterReplies("I want to talk", "Li Hua, class 7-2", Now);
        var conversion = new MailboxConversion(state, "wm-test");

        conversion.Converted("case-1", "student-1", Counsellor, Now);
        new MailboxThread(state, "wm-test").WriterReplies("ok, thanks", null, Now.AddDays(1));

        Assert.Equal(("case-1", "student-1", "counsellor@school"), (state.CaseId, state.ConcernPersonId, state.ConvertedBy));
        var read = conversion.ForWriter(state.Messages);
        Assert.Equal(4, read.Count);
        Assert.Equal((MailboxAuthor.Counsellor, MailboxConversion.WriterNotice), (read[2].Author, read[2].Text));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero), read[2].On);
        Assert.Equal("ok, thanks", read[3].Text);
    }
}
