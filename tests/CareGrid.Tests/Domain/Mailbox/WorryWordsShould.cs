using CareGrid.Grains.Mailbox;

namespace CareGrid.Tests.Domain.Mailbox;

/// <summary>The self-harm word flag of the worry mailbox (R-5.2, R-1.10; docs/mailbox.md "Urgent flag").</summary>
[Trait("tier", "domain")]
public sealed class WorryWordsShould
{
    [Theory]
    [InlineData("Sometimes I want to KILL   myself after school")]
    [InlineData("I don’t want to live anymore")]
    [InlineData("thinking about self-harm")]
    [InlineData("我有时候想 自 杀")]
    [InlineData("最近总是不想活了")]
    [InlineData("我用小刀划手")]
    [InlineData("ＳＵＩＣＩＤＥ")]
    [InlineData("我不想再撐了，想自殺")]   // traditional characters (Hong Kong, Taiwan, many input-method settings)
    [InlineData("我想自\u200B杀")]        // a zero-width space pasted inside the word
    [InlineData("我想自 - 杀")]            // punctuation between the characters
    [InlineData("有時候覺得活著沒意思")]  // traditional 著/沒
    [InlineData("想紫砂")]                // the homophone used online to pass word filters
    [InlineData("sometimes I want to kill my self")]
    [InlineData("i want to k.i.l.l myself")]
    public void Flag_words_that_suggest_self_harm(string text) => Assert.True(WorryWords.Suggests(text), text);

    [Theory]
    [InlineData("My parents argue every night and I cannot sleep")]
    [InlineData("同学总是嘲笑我，我很难过")]
    [InlineData("I killed it in the maths exam")]
    public void Not_flag_other_worries(string text) => Assert.False(WorryWords.Suggests(text));

    [Fact]
    public void Hold_english_and_chinese_words_in_their_matched_form()
    {
        Assert.All(WorryWords.English, w => Assert.Equal(w.ToLowerInvariant(), w));
        Assert.All(WorryWords.Chinese, w => Assert.DoesNotContain(w, char.IsWhiteSpace));
        Assert.NotEmpty(WorryWords.Chinese);
    }
}
