using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Validation;

/// <summary>
/// The one rule that keeps mainland resident identity-card numbers (居民身份证号码, GB 11643) out of CareGrid: it stores
/// none (data minimisation, PIPL art. 6; GB/T 35273 treats the number as sensitive personal information; docs/rosters.md).
/// A resident identity number is 18 characters: 17 ASCII digits and a check character <c>0</c>–<c>9</c> or <c>X</c>
/// computed by ISO 7064 MOD 11-2 over the first 17, with a birth date <c>yyyyMMdd</c> at positions 7–14 that is a real
/// calendar date from 1900-01-01 to 2099-12-31. A value <em>embeds</em> one when any 18 consecutive characters of it
/// form one, after full-width digits and <c>Ｘ</c> are read as ASCII and white space, <c>-</c>, <c>_</c>, <c>.</c> and
/// <c>/</c> are removed — so the national 学籍号 (<c>G</c>, <c>L</c> or <c>J</c> followed by the student's number), a
/// number written in groups and a number inside a longer run of digits are all found. A number whose check character is
/// wrong still counts when it begins with a province code (GB/T 2260: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81,
/// 82) before its real birth date: that is an identity number with a typing error, which still points at one person
/// (round-34 new-user trial: one mistyped digit and the number was stored as a roster number). Eighteen digits without a
/// real date, or failing the check character without a province code, are not an identity number and are accepted.
/// </summary>
public static class ResidentIdNumber
{
    /// <summary>The first two digits of a mainland region code (GB/T 2260 provinces, Taiwan, Hong Kong, Macao).</summary>
    private static readonly HashSet<int> Provinces = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82];

    /// <summary>Characters of a resident identity number: 18.</summary>
    public const int Length = 18;

    /// <summary>ISO 7064 MOD 11-2 weights of the first 17 characters: 2^(18−i) mod 11 for position i (1-based).</summary>
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The check character of each remainder (weighted sum mod 11), as GB 11643 lists them.</summary>
    private const string CheckCharacters = "10X98765432";

    /// <summary>The fix given when an external id is refused: use the school's own student number.</summary>
    public const string ExternalIdFix = "use the school's own student number (学号) or another id that is not an identity number";

    /// <summary>The fix given when a name or other text is refused.</summary>
    public const string TextFix = "remove the number";

    /// <summary>The GraphQL description of an <c>externalId</c> input field (registerPerson, updatePerson).</summary>
    public const string ExternalIdDescription =
        "The person's id in the tenant's own roster (the school's 学号), at most 64 characters. A resident identity-card number, alone or inside "
        + "another id such as a 学籍号 (G + the number), is refused: VALIDATION_FAILED, field externalId (CareGrid stores none, PIPL art. 6; docs/rosters.md).";

    /// <summary>Chinese of <see cref="ExternalIdFix"/>.</summary>
    public const string ExternalIdFixChinese = "请改用学校自己的学号（或其他不是身份证号的编号）";

    /// <summary>Chinese of <see cref="TextFix"/>.</summary>
    public const string TextFixChinese = "请删去该号码";

    /// <summary>
    /// True when <paramref name="value"/> is exactly a resident identity number (18 ASCII characters, check character
    /// <c>X</c> in either case) with a birth date and a valid check character, or a province code first when the check
    /// character was mistyped; no trimming, no prefix.
    /// </summary>
    public static bool IsValid(string? value) => value is { Length: Length } && IsNumberAt(value, 0);

    /// <summary>
    /// True when <paramref name="value"/> is or embeds a resident identity number (the class summary says how it is
    /// searched: full-width digits folded, separators removed, any 18 consecutive characters). Null and empty are false.
    /// </summary>
    public static bool Embeds(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < Length)
        {
            return false;
        }

        var folded = Fold(value);
        for (var start = 0; start + Length <= folded.Length; start++)
        {
            if (IsNumberAt(folded, start))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Why <paramref name="value"/> cannot be stored in <paramref name="field"/>, in English then Simplified Chinese (the
    /// text itself is never echoed), or null when it embeds no resident identity number.
    /// </summary>
    /// <param name="value">The value as sent or as in the roster cell.</param>
    /// <param name="field">The field or roster column that names it (e.g. <c>externalId</c>).</param>
    /// <param name="externalId">True for an id field (the fix is the school's own 学号), false for a name or other text.</param>
    public static string? Problem(string? value, string field, bool externalId) => Embeds(value)
        ? $"{field} is or contains a resident identity-card number (身份证号: 18 characters with a birth date and a valid check character or a province code first, alone or after a letter as in the national 学籍号 G + the number); "
          + $"CareGrid stores no identity-card numbers (data minimisation, PIPL art. 6; GB/T 35273): {(externalId ? ExternalIdFix : TextFix)}. "
          + $"/ {field} 含有居民身份证号码（全国学籍号常为字母 G 加身份证号）。本系统不保存身份证号（数据最小化，《个人信息保护法》第六条）：{(externalId ? ExternalIdFixChinese : TextFixChinese)}。"
        : null;

    /// <summary>
    /// <paramref name="value"/> unchanged when it embeds no resident identity number; otherwise a
    /// <c>VALIDATION_FAILED</c> with <c>extensions.field</c> = <paramref name="field"/> and <see cref="Problem"/> as message.
    /// </summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> on <paramref name="field"/>.</exception>
    public static string? Ensure(string? value, string field, bool externalId)
    {
        if (Problem(value, field, externalId) is { } problem)
        {
            throw CareGridException.Validation(field, problem);
        }

        return value;
    }

    /// <summary>The value with full-width digits and X read as ASCII and white space, '-', '_', '.' and '/' removed.</summary>
    private static string Fold(string value)
    {
        var chars = new char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '_' or '.' or '/')
            {
                continue;
            }

            chars[n++] = c switch
            {
                >= '\uFF10' and <= '\uFF19' => (char)('0' + (c - '\uFF10')),
                '\uFF38' or '\uFF58' => 'X',
                _ => c,
            };
        }

        return new string(chars, 0, n);
    }

    /// <summary>True when the 18 characters of <paramref name="s"/> from <paramref name="start"/> are an identity number, or one
    /// mistyped in its check character (a province code first: see the class summary).</summary>
    private static bool IsNumberAt(string s, int start)
    {
        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            var c = s[start + i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            sum += (c - '0') * Weights[i];
        }

        var check = char.ToUpperInvariant(s[start + Length - 1]);
        return (check == CheckCharacters[sum % 11] || (check is (>= '0' and <= '9') or 'X' && Provinces.Contains(Number(s, start, 2))))
            && HasBirthDate(s, start + 6);
    }

    /// <summary>True when the eight digits from <paramref name="at"/> are a real date <c>yyyyMMdd</c> in 1900–2099.</summary>
    private static bool HasBirthDate(string s, int at)
    {
        var year = Number(s, at, 4);
        var month = Number(s, at + 4, 2);
        var day = Number(s, at + 6, 2);
        return year is >= 1900 and <= 2099 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    private static int Number(string s, int at, int digits)
    {
        var n = 0;
        for (var i = 0; i < digits; i++)
        {
            n = n * 10 + (s[at + i] - '0');
        }

        return n;
    }
}
