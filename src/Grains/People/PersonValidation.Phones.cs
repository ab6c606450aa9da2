using System.Text.RegularExpressions;

namespace CareGrid.Grains.People;

/// <summary>Phone numbers: how a phone cell or field is made plain (<see cref="PhoneAsWritten"/>) and when it is one number (<see cref="IsPhone"/>).</summary>
public static partial class PersonValidation
{
    [GeneratedRegex(@"^\+?[0-9(][0-9 ()\-]{3,23}[0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>
    /// The words an extension is written after (<see cref="PhoneAsWritten"/>): 转, 分机 or 内线, 分机 and 内线 after 转 or
    /// before 号 or 号码, each character simplified or traditional as typed, mixed too (轉分机, 转分機, 內线号; 2026-12-06 phone re-check:
    /// only whole simplified or whole traditional spellings were read); ext, ext., x, #.
    /// </summary>
    private const string ExtensionWords = @"[转轉]?(?:分[机機]|[内內][线線])(?:[号號][码碼]?)?|[转轉]|ext\.?|x|#";

    /// <summary>One extension word (<see cref="ExtensionWords"/>), a comma before one or a comma alone, after a digit or ')'
    /// and before a digit. Each run of spaces is matched by one loop only, so no cell makes it backtrack more than a few steps.</summary>
    [GeneratedRegex(@"(?<=[0-9)]) *(?:(?:, *)?(?:" + ExtensionWords + @") *(?:: *)?|, *)(?=[0-9])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ExtensionWord();

    /// <summary>A dot between digits as a separator (0571.8888.8888): one after a digit and before at least three.</summary>
    [GeneratedRegex(@"(?<=[0-9])[.。](?=[0-9]{3})", RegexOptions.CultureInvariant)]
    private static partial Regex DotSeparator();

    /// <summary>A number a program wrote as a decimal (13800000000.0, 8888888.000): not read as a number with dots.</summary>
    [GeneratedRegex(@"^[0-9]+\.0+\z", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalNumber();

    [GeneratedRegex(@" ?\( ?(?:" + ExtensionWords + @")? ?:? ?([1-9][0-9]{0,4}) ?\)\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BracketedExtension();

    [GeneratedRegex(@"^\(\+([0-9]{1,3})\) *", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedCountryCode();

    /// <summary>The national trunk prefix written in brackets after a country code (+86 (0)571 …, +44 (0)20 …, 0086(0)571 …):
    /// dialled from abroad the 0 is left out, so it is dropped (round-40 leftover: it was kept, +86 0571 …).</summary>
    [GeneratedRegex(@"^(\+[1-9][0-9]{0,2}|00[1-9][0-9]{0,2})[ -]*\( *0 *\)[ -]*(?=[0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedTrunkZero();

    /// <summary>One digit alone in brackets at the end, after a digit (0571-88888888(1)): a note or a count, not read
    /// (<see cref="HasBracketedDigit"/>).</summary>
    [GeneratedRegex(@"[0-9] *\( *[0-9] *\)\z", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedDigit();

    /// <summary>
    /// True for a phone ending in one digit alone in brackets after the number — 0571-88888888(1), 88888888 (2) — as a list
    /// numbers a family's phones or marks a note: it is no extension (round-40 leftover: it was read as the extension 1, so the
    /// school would call a wrong line), and is refused with rule <c>phone-bracketed-digit</c>. An extension of one digit is
    /// written with its word (0571-88888888转1, 0571-88888888（分机1）); a bracketed extension of 2–5 digits is read as before.
    /// </summary>
    public static bool HasBracketedDigit(string phone) => BracketedDigit().IsMatch(phone);

    /// <summary>
    /// True for a phone (as <see cref="PhoneAsWritten"/> leaves it) with a bracket between digits whose content begins with 0 —
    /// 0571 (0) 88888888, +86 (010) 8888 8888, +86 (0)(0)571 8888 8888 — which leaves unclear which digits are dialled
    /// (round-40 red team: they were stored as written, with the 0 dialled). Refused with rule <c>phone-bracketed-zero</c>.
    /// The trunk 0 in brackets right after a country code (+86 (0)571 …) was dropped before (<see cref="BracketedTrunkZero"/>);
    /// an area code in brackets first ((0571) 8888 8888) has no digit before it, and one after the number (88888888 (0571)) is
    /// refused as too many digits, as before.
    /// </summary>
    public static bool HasBracketedZero(string phone) => BracketedZero().IsMatch(phone);

    [GeneratedRegex(@"[0-9][ -]*\( *0[0-9]* *\)[ ()-]*[0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex BracketedZero();

    [GeneratedRegex(" {2,}", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceRun();

    /// <summary>
    /// A phone cell as it is typed on a Chinese phone or exported from Excel, made plain before it is checked and kept
    /// (round-36 leftovers, refused before with a message about the number of digits): full-width digits and signs
    /// (１３８００００００００, （0571）) as ASCII; no-break, ideographic and other spaces, and invisible format characters (a
    /// zero-width space pasted from a web page), as one space — so two numbers stay two and are refused (round-37 red team);
    /// en and em dashes, full-width hyphens and the minus sign as '-'; a dot between digits before at least three more
    /// (0571.8888.8888, 0571。8888。8888) as '-', but not in a decimal a program wrote (13800000000.0, refused; 2026-12-06
    /// phone re-check); one extension written 转, 分机, 分机号, 转分机, 内线, 内线号, ext, ext:, x or # (<see cref="ExtensionWords"/>), or
    /// after a comma as a phone dials it (0571-88888888,8001), after at least 7 digits
    /// as "-" (0571-88888888转8001 → 0571-88888888-8001; two are left as typed and refused), and so is one in brackets at the
    /// end, with or without such a word (0571-88888888（分机8001）, 0571-88888888 (8001); round-37 leftovers) — never one that
    /// begins with 0, an area code written last (88888888 (0571)), nor one digit alone (<see cref="HasBracketedDigit"/>:
    /// 0571-88888888(1) is kept and refused); the traditional 轉, 分機, 內線 too, mixed or not; a cell longer than 64
    /// characters is left as it is (and refused); a country code in brackets first
    /// without them ((+86) 138… → +86 138…), and the trunk 0 in brackets after a country code dropped (+86 (0)571 8888 8888 →
    /// +86 571 8888 8888, +44 (0)20 … → +44 20 …: <see cref="BracketedTrunkZero"/>); trimmed, with Excel's leading text marker ' (round-37 re-check). A line break
    /// inside the cell is kept, and refused: a second line may be another number. Nothing else changes: the digits a person
    /// is called on stay as they were.
    /// </summary>
    public static string PhoneAsWritten(string phone)
    {
        var plain = new System.Text.StringBuilder(phone.Length);
        foreach (var typed in phone)
        {
            var c = Imports.RosterColumns.FoldWidth(typed);
            plain.Append(c == '\u2212' ? '-' : System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) switch
            {
                System.Globalization.UnicodeCategory.SpaceSeparator or System.Globalization.UnicodeCategory.Format => ' ',
                System.Globalization.UnicodeCategory.DashPunctuation => '-',
                _ => c,
            });
        }

        var text = plain.ToString().Trim().TrimStart('\''); // Excel's text marker: '13800000000
        if (text.Length > MaxPhoneCell)
        {
            return text; // refused by IsPhone as it is; not worth reading (round-38 red team: a cell of 32,000 spaces took 83 s)
        }

        if (!DecimalNumber().IsMatch(text))
        {
            text = DotSeparator().Replace(text, "-"); // 0571.8888.8888 as 0571-8888-8888 (2026-12-06 phone re-check)
        }

        if (BracketedExtension().Match(text) is { Success: true } bracketed && text[..bracketed.Index].Count(char.IsAsciiDigit) >= MinPhoneDigits
            && !HasBracketedDigit(text))
        {
            text = string.Concat(text.AsSpan(0, bracketed.Index), "-", bracketed.Groups[1].ValueSpan);
        }

        var extensions = ExtensionWord().Matches(text);
        if (extensions.Count == 1 && text[..extensions[0].Index].Count(char.IsAsciiDigit) >= MinPhoneDigits)
        {
            text = string.Concat(text.AsSpan(0, extensions[0].Index), "-", text.AsSpan(extensions[0].Index + extensions[0].Length));
        }

        text = BracketedTrunkZero().Replace(BracketedCountryCode().Replace(text, "+$1 "), "$1 ");
        return SpaceRun().Replace(text, " ");
    }

    /// <summary>
    /// True for one phone number a person can be called on: 7–15 digits (the shortest is a local landline number without
    /// its area code, 7 digits in China; ITU-T E.164 allows at most 15), or up to 20 when the last group of digits is an
    /// extension of at most 5 (0571-88888888-8001); an optional leading '+' and spaces, '-', '(' and ')' between them or an
    /// area code in brackets first ((0571) 8888 8888), at most 25 characters. Two groups of 7 digits or more are two numbers
    /// (13800000000 88888888, 8888888 6666666: round-36 re-check), refused: a cell holds one number; so is more than one group
    /// after a group of 7 digits or more (0571-88888888-8001-8002, two extensions: round-37 re-check), a group of six or more
    /// after it (8888888 123456: an extension has at most 5 digits), and any group after a mobile number (13800000000 8001:
    /// 11 digits beginning with 1, also written in groups, have no extension; round-37 leftovers, round-38 red team); so are
    /// groups that split into two numbers (<see cref="TwoNumbers"/>: 8888 8888 6666 6666) and more than 15 digits before the
    /// extension (0571 8888 8888 8765 4321; 2026-12-06 phone re-check); an extension of zeros only (88888888,000 —
    /// a decimal a program wrote; round-39 red team), and one digit alone in brackets at the end (0571-88888888(1), <see cref="HasBracketedDigit"/>); "00 86" written apart is read as 0086. A number of five or six digits is a mistyped one or a service line (12356, 95598),
    /// never a contact's (round-34 leftover: 5-digit phones were accepted).
    /// </summary>
    public static bool IsPhone(string? phone)
    {
        if (phone is null || !PhonePattern().IsMatch(phone) || HasBracketedDigit(phone) || HasBracketedZero(phone))
        {
            return false;
        }

        var parts = phone.Split([' ', '-', '(', ')', '+'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 1 && parts[0] == "00")
        {
            parts = [parts[0] + parts[1], .. parts[2..]]; // 00 86 … is 0086 … (round-39 red team: two numbers after it were kept)
        }

        var groups = parts.Select(g => g.Length).ToList();
        var digits = groups.Sum() - (phone.TrimStart('+').StartsWith("00", StringComparison.Ordinal) ? 2 : 0); // 00 dials out, as '+' does (0086-0571-…)
        var number = groups.FindIndex(g => g >= MinPhoneDigits); // after a group of 7 or more, at most one group: its extension
        return digits >= MinPhoneDigits && (digits <= 15 || (digits <= MaxPhoneDigits && groups[^1] <= 5 && digits - groups[^1] <= 15)) && groups.Count(g => g >= MinPhoneDigits) <= 1
            && (number < 0 || groups.Count - number == 1 || (groups.Count - number == 2 && groups[^1] <= 5 && parts[^1].Any(d => d != '0')))
            && !MobileWithMore(phone, parts) && !TwoNumbers(phone, parts);
    }

    /// <summary>True for one group holding a mainland mobile number: 11 digits beginning with 1, after 0 (dialled from a
    /// landline), 86 or 0086.</summary>
    private static bool IsMobileGroup(string group) =>
        (group.Length == 11 && group[0] == '1') || (group.Length == 12 && group.StartsWith("01", StringComparison.Ordinal))
        || (group.Length == 13 && group.StartsWith("861", StringComparison.Ordinal)) || (group.Length == 15 && group.StartsWith("00861", StringComparison.Ordinal));

    /// <summary>Longest phone cell that is read at all (<see cref="PhoneAsWritten"/>); a number is at most 25 characters.</summary>
    private const int MaxPhoneCell = 64;

    /// <summary>
    /// True when the groups of digits <paramref name="parts"/> hold a mainland Chinese mobile number — one group of 11 digits
    /// beginning with 1, or one after 0, 86 or 0086 (<see cref="IsMobileGroup"/>), or 11 such digits in several groups at
    /// the start (138 0000 0000), after +86 or 0086 if written — and more groups follow it: a mobile
    /// number has no extension (round-37 leftovers; round-38 red team: 138 0000 0000 8001). A number with another country
    /// code (+1 415 555 0123 x12) is not one.
    /// </summary>
    private static bool MobileWithMore(string phone, string[] parts)
    {
        var start = 0;
        var dialledOut = phone.StartsWith('+') || phone.StartsWith("00", StringComparison.Ordinal);
        if (parts.Length > 1 && parts.Take(parts.Length - 1).Any(p => IsMobileGroup(p) && !(dialledOut && p == parts[0] && !p.StartsWith("86", StringComparison.Ordinal) && !p.StartsWith("0086", StringComparison.Ordinal))))
        {
            return true; // 86 13800000000 8001, +8613800000000 8001, 013800000000 8001 (round-38 re-check)
        }

        if (dialledOut)
        {
            if (parts[0] is not ("86" or "0086"))
            {
                return false;
            }

            start = 1;
        }

        var digits = 0;
        var i = start;
        while (i < parts.Length && digits < 11)
        {
            digits += parts[i++].Length;
        }

        return digits == 11 && parts[start][0] == '1' && i < parts.Length;
    }

    /// <summary>
    /// True when the groups of digits <paramref name="parts"/> split into two numbers as they are dialled in China, each
    /// with at most one group after it as its extension (<see cref="NumberWithExtension"/>): 8888 8888 6666 6666, 0571 8888
    /// 8888 8765 4321, 8888 8888 138 0000 0000 (2026-12-06 phone re-check: two numbers written in groups of four were read as one
    /// with an extension). After 86, +86 or 0086 the rest is read so; a number dialled to another country is not.
    /// </summary>
    private static bool TwoNumbers(string phone, string[] parts)
    {
        var start = parts[0] is "86" or "0086" ? 1 : 0;
        if (start == 0 && (phone.StartsWith('+') || phone.StartsWith("00", StringComparison.Ordinal)))
        {
            return false;
        }

        for (var split = start + 1; split < parts.Length; split++)
        {
            if (NumberWithExtension(parts[start..split]) && NumberWithExtension(parts[split..]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="groups"/> hold one whole number as dialled in China — a local landline (7 or 8
    /// digits beginning with 2–9), a mobile (11 beginning with 1) or a landline with its area code (10–12 beginning with
    /// 0) — alone or before one group of at most 5 digits.</summary>
    private static bool NumberWithExtension(string[] groups) =>
        WholeNumber(string.Concat(groups)) || (groups.Length > 1 && groups[^1].Length <= 5 && WholeNumber(string.Concat(groups[..^1])));

    /// <summary>True for the digits of one whole number as dialled in China (<see cref="NumberWithExtension"/>).</summary>
    private static bool WholeNumber(string digits) => digits.Length switch
    {
        7 or 8 => digits[0] is >= '2' and <= '9',
        11 => digits[0] is '0' or '1',
        10 => digits[0] == '0' || digits.StartsWith("400", StringComparison.Ordinal) || digits.StartsWith("800", StringComparison.Ordinal), // 400/800 service lines
        12 => digits[0] == '0',
        _ => false,
    };

    /// <summary>Fewest digits of a phone number (<see cref="IsPhone"/>).</summary>
    public const int MinPhoneDigits = 7;

    /// <summary>Most digits of a phone number with its extension (ITU-T E.164's 15 and up to 5, <see cref="IsPhone"/>).</summary>
    public const int MaxPhoneDigits = 20;
}
