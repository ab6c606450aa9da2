using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Security;

/// <summary>
/// Sign-in subjects (<c>sub</c>) the service keeps for itself: the work queues' names (<c>queue:…</c>,
/// <see cref="CaseQueues"/>), which own cases and tasks; <c>system</c>, the actor of the service's own writes
/// (<see cref="Actor.System"/>); and <c>anonymous</c>, the actor audit records give a caller without a token. A person
/// signing in under one of these would be taken for the queue's named owner — every case and task that queue holds, in
/// every unit, would open to them (round-31 red team: a Caseworker token with <c>sub = queue:level-3</c> read an
/// IMMINENT case's summary and the guardian's phone and completed its family-notification task) — or for the service
/// in the audit log. Such a token is refused at sign-in and at every request; a staff record cannot carry such a subject.
/// Compared after trimming and ignoring case, with full-width forms and colon look-alikes read as ASCII, so <c>Queue:Level-3</c>,
/// <c>" system"</c> and <c>queue：level-3</c> are refused too; a blank id is refused as naming nobody.
/// </summary>
public static class ReservedSubjects
{
    /// <summary>The prefix of every queue name.</summary>
    public const string QueuePrefix = "queue:";

    private static readonly string[] Exact = ["system", "anonymous"];

    /// <summary>
    /// True when <paramref name="subject"/> is a queue name, <c>system</c> or <c>anonymous</c> (trimmed, any case, full-width
    /// forms and colon look-alikes read as ASCII: <c>queue：level-3</c> is refused too — round-31 red team re-check), or is blank.
    /// </summary>
    public static bool IsReserved(string? subject)
    {
        if (subject is null)
        {
            return false;
        }

        // asked on every case read (NeedToKnowPolicy): no allocation for an ordinary (ASCII) subject
        var s = subject.AsSpan().Trim();
        if (s.IsEmpty)
        {
            return true; // a blank login names nobody (a token signed with the development key could carry one)
        }

        if (!System.Text.Ascii.IsValid(s))
        {
            Span<char> folded = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
            for (var i = 0; i < s.Length; i++)
            {
                folded[i] = Fold(s[i]);
            }

            s = ((ReadOnlySpan<char>)folded).Trim().ToString();
        }

        if (s.StartsWith(QueuePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var x in Exact)
        {
            if (s.Equals(x, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A full-width form (U+FF01–U+FF5E) as its ASCII letter, a colon look-alike as ':', the ideographic space as ' '.</summary>
    private static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\uFE13' or '\uFE55' or '\u2236' or '\uA789' or '\u02D0' or '\u0589' or '\u05C3' => ':',
        '\u3000' => ' ',
        _ => c,
    };

    /// <summary>The refusal's text for <paramref name="subject"/>, English then Chinese.</summary>
    public static string Explain(string subject) => string.IsNullOrWhiteSpace(subject)
        ? Imports.Bilingual.Join("The sign-in id is blank: a person signs in with their own id (e.g. counsellor@school).", "登录账号为空：请使用本人的账号（例如 counsellor@school）。")
        : Imports.Bilingual.Join(
        $"The sign-in id '{subject}' is reserved: 'queue:…' names the work queues, 'system' the service itself and 'anonymous' a caller without a token; "
        + "a person signs in with their own id (e.g. counsellor@school).",
        $"登录账号“{subject}”是保留名称：“queue:…”是工作队列，“system”是服务本身，“anonymous”是未登录的调用者；请使用本人的账号（例如 counsellor@school）。");
}
