using CareGrid.Grains.Cases.Domain;

namespace CareGrid.Tests.Domain.Cases;

/// <summary>The crisis word list of the mailbox's urgent flag, the report flag and the console's question (R-5.2, R-1.10; docs/protocol.md "Crisis words").</summary>
[Trait("tier", "domain")]
public sealed class CrisisWordsShould
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
    public void Flag_words_that_suggest_self_harm(string text) => Assert.True(CrisisWords.Suggests(text), text);

    [Theory]
    [InlineData("She told me she wants to kill herself", "kill herself")]      // a teacher's report tells what the pupil said
    [InlineData("He doesn’t want to live any more", "doesn't want to live")]
    [InlineData("药都攒好了", "攒药")]                                          // the round-34 trial's words, with others between
    [InlineData("攒了好多药", "攒药")]
    [InlineData("最近不想再活下去", "不想活")]
    [InlineData("给家里人写了遗书", "遗书")]
    // round-35 red team F3: ways of writing it the list missed
    [InlineData("她昨晚割手腕了", "割腕")]
    [InlineData("手臂上割手臂的痕迹", "割腕")]
    [InlineData("想从这个世界消失", "从世界上消失")]
    [InlineData("我不想存在了", "不想存在")]
    [InlineData("想自鲨", "自鲨")]
    [InlineData("寫了遺書", "遗书")]                 // traditional 寫/遺/書
    [InlineData("說要喝農藥", "农药")]
    [InlineData("He said he would hang himself", "hang himself")]
    [InlineData("she wants to end it all", "end it all")]
    [InlineData("i want to unalive", "unalive")]
    [InlineData("I don't wanna live", "don't wanna live")]
    // round-35 re-check: English written inside Chinese, and word endings
    // the known gaps of round 35, closed: digits for letters, letters of other alphabets, pinyin, 自.杀
    [InlineData("i want to k1ll mys3lf", "kill myself")]
    [InlineData("ki11 myself tonight", "kill myself")]                  // 1 for l
    [InlineData("she said su1c1de twice", "suicide")]
    [InlineData("I want 2 die", "want to die")]                         // 2 for to
    [InlineData("thinking of $uicide", "suicide")]
    [InlineData("overd0se", "overdose")]
    [InlineData("she wrote su\u0456c\u0456de", "suicide")]               // Cyrillic і (U+0456) for i
    [InlineData("k\u0456ll mys\u0435lf", "kill myself")]                // Cyrillic і and е
    [InlineData("\u03BFverdose", "overdose")]                           // Greek ο for o
    [InlineData("wo xiang zisha", "zi sha")]                             // pinyin, the input method off
    [InlineData("他说想zi sha", "zi sha")]
    [InlineData("ZÌ SHĀ", "zi sha")]                                     // tone marks
    [InlineData("wo xiang tiaolou", "tiao lou")]
    [InlineData("bu xiang huo le", "bu xiang huo le")]
    // round-36 red team: what the first version of these readings still missed
    [InlineData("zi4 sha1", "zi sha")]                                   // tone numbers
    [InlineData("wo xiang zishale", "zi sha")]                           // 了 after the word
    [InlineData("buxianghuole", "bu xiang huo le")]
    [InlineData("I will k1ll mys31f", "kill myself")]                    // 1 as i before l, as l elsewhere
    [InlineData("I want2die", "want to die")]
    [InlineData("su\u0131c\u0131de", "suicide")]                           // dotless ı
    [InlineData("suïcide", "suicide")]
    // round-36 re-check: what the fixes above missed
    [InlineData("我想自.杀了", "自杀")]                                        // a dot splitting a listed word in a sentence
    [InlineData("我要跳.楼了", "跳楼")]
    [InlineData("吃了安眠.药了", "安眠药")]
    [InlineData("用小刀刻划手臂", "划手")]                                      // 刻划: how self-harm is described
    [InlineData("She said: zi sha", "zi sha")]                               // punctuation ends the Latin word beside
    [InlineData("zi sha!!! help", "zi sha")]
    [InlineData("我想 zi sha le ba", "zi sha")]
    [InlineData("zi\u0300 sha\u0304", "zi sha")]                             // tone marks typed as combining accents
    [InlineData("SU\u0130CIDE", "suicide")]
    [InlineData("我想自.杀", "自杀")]                                        // an ASCII full stop between the characters
    [InlineData("想...死", "想死")]
    [InlineData("我想kill myself", "kill myself")]
    [InlineData("他有self-harm行为", "self-harm")]
    [InlineData("他说他想suicide", "suicide")]
    [InlineData("he keeps self-harming", "self-harm")]
    [InlineData("she overdosed last year", "overdose")]
    [InlineData("two suicides in the village", "suicide")]
    [InlineData("he wanted to die", "wanted to die")]
    [InlineData("he hanged himself", "hanged himself")]
    [InlineData("我想死你们都别管我", "想死")]                    // 想死 followed by anything but 你了 / 您了 / 我了
    [InlineData("他说要去买农药", "农药")]                        // buying pesticide is a warning sign
    // round 37: the known gaps of round 36, closed
    [InlineData("wo xiang zi sha", "zi sha")]                                // pinyin apart after a word of intent
    [InlineData("I want to zi sha", "zi sha")]
    [InlineData("wo yao tiao lou", "tiao lou")]
    [InlineData("wo xiang zi sha dou mei ren guan", "zi sha")]               // and more pinyin after it
    [InlineData("woxiangzisha", "zi sha")]                                   // run together
    [InlineData("我想zi杀", "自杀")]                                          // half pinyin, half characters
    [InlineData("我想自sha了", "自杀")]
    [InlineData("zi4杀", "自杀")]
    [InlineData("他说要跳lou", "跳楼")]
    [InlineData("自。杀", "自杀")]                                            // a Chinese full stop or comma inside the word
    [InlineData("他说：自，杀", "自杀")]
    [InlineData("我想自。杀", "自杀")]                                        // round-37 re-check: a full stop beside one lone character
    [InlineData("他有自sha倾向", "自杀")]                                     // half pinyin with more characters after it
    [InlineData("自sha未遂", "自杀")]
    [InlineData("学生有自can行为", "自残")]
    [InlineData("zi.sha", "zi sha")]                                         // round-37 red team: symbols inside pinyin
    [InlineData("zi_sha", "zi sha")]
    [InlineData("zi. sha", "zi sha")]
    [InlineData("wo xiang zi\u200Bsha", "zi sha")]
    [InlineData("tiao/lou", "tiao lou")]
    [InlineData("𝐬𝐮𝐢𝐜𝐢𝐝𝐞", "suicide")] // mathematical bold
    [InlineData("𝘬𝘪𝘭𝘭 𝘮𝘺𝘴𝘦𝘭𝘧", "kill myself")] // sans-serif italic
    [InlineData("ᴋɪʟʟ ᴍʏꜱᴇʟꜰ", "kill myself")]                              // small capitals
    [InlineData("ⓢⓤⓘⓒⓘⓓⓔ", "suicide")]                                      // circled letters
    [InlineData("I want die", "want die")]                                   // Chinese English
    [InlineData("he want to dead", "want to dead")]
    [InlineData("sometimes I wish I was dead", "wish i was dead")]
    [InlineData("she talked about sucide", "suicide")]                       // misspelt by one letter
    [InlineData("suicde", "suicide")]
    [InlineData("他说想suiside", "suicide")]
    [InlineData("feeling sucidal", "suicidal")]
    // round 38: the known gaps of round 37, closed
    [InlineData("我想自，杀了", "自杀")]                                       // a comma inside 自杀 between longer runs
    [InlineData("我想自 ，杀", "自杀")]                                        // with a space beside the comma
    [InlineData("他说自、杀算了", "自杀")]
    [InlineData("ta shuo zi sha", "zi sha")]                                 // pinyin apart after 说
    [InlineData("iwanttodie", "want to die")]                                // English run together after I
    [InlineData("Ikillmyself", "kill myself")]
    [InlineData("i want to dieee", "want to die")]                           // stretched letters
    [InlineData("killll myself", "kill myself")]
    [InlineData("wo xiang zishaaa", "zi sha")]
    [InlineData("kill myseIf", "kill myself")]                               // a capital I for l
    [InlineData("kiII myself", "kill myself")]
    [InlineData("我想自，，杀", "自杀")]                                       // round-38 red team: other marks and symbols inside 自杀
    [InlineData("我想自！杀", "自杀")]
    [InlineData("我想自 . 杀", "自杀")]
    [InlineData("我想自😭，杀", "自杀")]
    [InlineData("我想“自”，“杀”", "自杀")]
    [InlineData("killll myseIf", "kill myself")]                             // readings combined
    [InlineData("k1llll myself", "kill myself")]
    [InlineData("k1ll myseIf", "kill myself")]
    [InlineData("i want to end my Iife", "end my life")]                     // capital I at the start of a word
    [InlineData("吃了安眠、药", "安眠药")]                                      // round-38 re-check: 、 inside a word is passed over again
    [InlineData("她说活、不下去了", "活不下去")]
    [InlineData("写了遗、书", "遗书")]
    [InlineData("我想自、残", "自残")]
    [InlineData("我想跳、楼", "跳楼")]
    [InlineData("我想自😭😭😭😭，杀", "自杀")]
    public void Find_the_word_as_the_list_writes_it(string text, string word) => Assert.Equal([word], CrisisWords.Find(text));

    /// <summary>A run of dots is looked at once (round-36 re-check: each dot rescanned the run, quadratic in a mailbox's 16 KiB).</summary>
    [Fact]
    public void Read_a_long_run_of_dots_as_one_gap()
    {
        Assert.Equal(["自杀"], CrisisWords.Find("自" + new string('.', 16_000) + "杀"));
        Assert.Empty(CrisisWords.Find("活动结束" + new string('.', 16_000) + "自己收拾桌椅"));
    }

    /// <summary>Round-38 re-check: a run of capital I was tried from every position (quadratic; 64 K of them timed out and threw).</summary>
    [Fact]
    public void Read_a_long_run_of_capital_i_once() => Assert.Empty(CrisisWords.Find(new string('I', 65_536)));

    [Fact]
    public void Find_each_word_once_in_list_order_across_texts()
    {
        Assert.Equal(["自杀", "安眠药", "overdose"], CrisisWords.Find("吃了安眠药 overdose", null, "", "说想自杀，又提到安眠药"));
        Assert.Empty(CrisisWords.Find(null, ""));
        Assert.Empty(CrisisWords.Find("我想", "死党都来了")); // two texts never join into one word
    }

    [Theory]
    [InlineData("My parents argue every night and I cannot sleep")]
    [InlineData("不想活动，体育课总请假")]                                      // 不想活 inside 不想活动 (an activity)
    // round-35 red team F4: ordinary sentences that held a listed word, each of which would have cost level 3 an hour
    [InlineData("He hurt his knee playing football; she wants to diet")]      // "wants to die" inside "wants to diet"
    [InlineData("I spend her life savings? No, I taught the skill himself")]  // "end her life", "kill himself" inside words
    [InlineData("他说话结束。自己回座位")]                                     // 结束自己 across a full stop
    [InlineData("我想，死党都来了")]                                           // 想死 across a comma
    [InlineData("上课偷偷划手机")]
    [InlineData("送了老师一把紫砂壶")]
    [InlineData("不要去死记硬背")]
    [InlineData("下午是结束生命教育课")]
    [InlineData("双十一跳楼价")]
    [InlineData("体育课练上吊环")]
    [InlineData("想死你了，周末见")]
    [InlineData("他不想活跃气氛")]
    [InlineData("上周打农药时扭伤了腰")]
    [InlineData("班会主题：预防自杀")]
    [InlineData("药在抽屉里，按时吃了")]
    [InlineData("同学总是嘲笑我，我很难过")]
    [InlineData("I killed it in the maths exam")]
    // what the readings added for the gaps above must not flag
    [InlineData("Room 101 at 3 pm, 2 pupils, bring a mp3 player")]
    [InlineData("他在3楼，第1节课后哭了")]
    [InlineData("I went 2 school and he said 4 of them laughed")]
    [InlineData("bu xiang huo dong")]                                  // 不想活动 in pinyin
    [InlineData("zishang xiangsi qingsheng")]                          // pinyin too often something else (资深?, 相似, 庆生)
    [InlineData("他说话结束,自己回座位")]                                // an ASCII comma still ends the clause
    [InlineData("他说话结束. 自己回座位")]                               // a full stop followed by a space too
    [InlineData("Привет, как дела?")]                                  // Russian stays Russian
    // round-36 red team: sentences an English-mode full stop ends, and pinyin syllables of other words
    [InlineData("活动结束.自己收拾桌椅.")]
    [InlineData("来自.残联的通知")]
    [InlineData("下周计划.手工课材料准备.")]
    [InlineData("你怎么想.死亡教育课下周开")]
    [InlineData("计划手册已发")]
    [InlineData("yi ge wan shang")]                                    // 一个晚上, not gewan 割腕
    [InlineData("hai zi can jia bi sai")]                              // 孩子参加比赛
    [InlineData("pei xun si tian")]                                    // 培训四天
    [InlineData("hai zi sha dou bu dong")]                             // 孩子啥都不懂
    [InlineData("yi tiao lou ti")]                                     // 一条楼梯
    [InlineData("Wang Zican joined; Ge Wan was late; Xun Si is absent")]
    // round 37: what the readings for pinyin after intent, mixed writing, clause marks, styled letters and misspellings must not flag
    [InlineData("wo xiang zi ji qu xue xiao")]                         // 我想自己去学校
    [InlineData("wo xiang zi shang ke")]                               // zi sha is not the start of zishang
    [InlineData("我来自shanghai，来自Jinan的同学也来了")]                   // 自 before a longer Latin word
    [InlineData("我来自 Sha Tin")]
    [InlineData("他很年轻，生活很规律")]                                   // 年轻，生活 is not 轻生
    [InlineData("他说话结束，自己回座位")]
    [InlineData("𝐈 𝐥𝐨𝐯𝐞 𝐦𝐲 𝐜𝐥𝐚𝐬𝐬")] // 𝐈 𝐥𝐨𝐯𝐞 𝐦𝐲 𝐜𝐥𝐚𝐬𝐬
    [InlineData("he overdoes it at the gym; the flood waters subside; we decide")]
    // round-37 red team: pinyin names beside characters, and commas beside one lone character
    [InlineData("明天上Diao老师的数学课")]
    [InlineData("李Ge腕部扭伤")]                                        // 腕部, the wrist
    [InlineData("我们都来自Jin老师的班级，很团结")]
    [InlineData("亲自Sha老师来了")]
    [InlineData("学生Qing生病请假了")]
    [InlineData("年轻Sheng老师")]
    [InlineData("一二三，跳，楼梯口集合")]
    [InlineData("你想不想去？想，死也要去！")]
    [InlineData("“去，死了这条心吧”")]
    [InlineData("she wants a die-hard fan club")]
    // round 38: what the comma rule for 自, the I run into a phrase, stretched letters and capital I for l must not flag
    [InlineData("我们各自，杀出重围")]                                   // 各自 ends a word
    [InlineData("报告来自，尽快回复")]
    [InlineData("他独自 ，残阳下回家")]
    [InlineData("Illinois is cool; I will kill the lights; Iiii dunno")]
    [InlineData("sooo tired, I need sleeeep")]
    [InlineData("Ill will, killed it in McIntosh hall")]
    // round-38 red team: what the 自 rule flagged
    [InlineData("他獨自，傷心地走回了家。")]                             // traditional 獨自
    [InlineData("他親自，殺了一盤棋")]
    [InlineData("大家各 自，尽量完成作业")]                               // a space inside 各自
    [InlineData("晚自，伤员先去医务室")]                                 // 晚自(习)
    [InlineData("她犹自，伤感不已")]
    [InlineData("各人自，尽力而为")]
    [InlineData("生字：自，尽，量")]
    [InlineData("我们各 自，杀")]                                          // round-38 re-check: 各 自 is 各自 whatever follows
    [InlineData("填空：自（ ），杀（ ）")]                                  // brackets stop the 自杀 rule
    public void Not_flag_other_worries(string text) => Assert.Empty(CrisisWords.Find(text));

    [Fact]
    public void Hold_english_and_chinese_words_in_their_matched_form()
    {
        Assert.All(CrisisWords.English.Concat(CrisisWords.Pinyin), w => Assert.Equal(w.ToLowerInvariant(), w));
        Assert.All(CrisisWords.Pinyin, w => Assert.Matches("^[a-z]+( [a-z]+)+$", w)); // syllables apart
        Assert.All(CrisisWords.Chinese, w => Assert.DoesNotContain(w, char.IsWhiteSpace));
        Assert.NotEmpty(CrisisWords.Chinese);
        // Phrases that differ only in spaces or punctuation would each be found once for one text ("dont" and "don't").
        var compact = CrisisWords.English.Concat(CrisisWords.Pinyin).Select(w => string.Concat(w.Where(char.IsLetterOrDigit))).ToList();
        Assert.Equal(compact.Count, compact.Distinct().Count());
    }
}
