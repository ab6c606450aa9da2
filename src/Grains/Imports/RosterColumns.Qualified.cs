using System.Globalization;

namespace CareGrid.Grains.Imports;

/// <summary>
/// The header forms around a column's name (docs/rosters.md): a number after or inside it (家长电话1, 监护人1姓名, 家长电话２, 家长一电话),
/// a bracket saying again whose column it is (监护人电话（家长）), and the phone names of a person (父亲电话, 父亲手机, …).
/// </summary>
public static partial class RosterColumns
{
    /// <summary>The phone header names of a person <paramref name="whose"/>: 电话, 联系电话, 手机, 手机号, 手机号码, 联系方式 after it.</summary>
    private static string[] PhonesOf(string whose) =>
        [.. new[] { "电话", "联系电话", "手机", "手机号", "手机号码", "联系方式" }.Select(p => whose + p)];

    /// <summary>
    /// Whose each contact column is, by the start of its English name, and the words a bracket after the column may use for
    /// that same person (监护人电话（家长）, 家长电话（监护人）, 父亲电话（爸爸）): such a header is the column itself.
    /// </summary>
    private static readonly (string Prefix, string[] Names)[] Persons =
    [
        ("guardian", ["监护人", "家长"]), ("parent", ["务工家长", "外出务工家长"]), ("ownPhone", ["本人", "居民", "学生"]),
        ("father", ["父亲", "爸爸"]), ("mother", ["母亲", "妈妈"]), ("emergencyContact", ["紧急联系人"]),
    ];

    /// <summary>
    /// The column of a normalized header "column (the same person)" — a column's name, then in brackets a word for whose
    /// column it is (<see cref="Persons"/>): 监护人电话(家长), 监护人姓名(家长), 家长电话(监护人); else null. Another person in the
    /// bracket (监护人电话（邻居）) is no column.
    /// </summary>
    private static RosterColumn? SamePersonQualified(string key, RosterKind kind)
    {
        var open = key.LastIndexOf('(');
        if (open <= 0 || !key.EndsWith(')'))
        {
            return null;
        }

        var whose = key[(open + 1)..^1];
        return Named(key[..open], kind) is { } column
            && Persons.Any(p => column.Name.StartsWith(p.Prefix, StringComparison.Ordinal) && p.Names.Contains(whose, StringComparer.Ordinal))
            ? column
            : null;
    }

    /// <summary>
    /// A normalized header holding one number of one or two digits (full-width digits are half-width by then), with the
    /// number and any round brackets around it taken out: 家长电话1 → (家长电话, 1), 监护人2电话 → (监护人电话, 2),
    /// 家长电话(1) → (家长电话, 1); null for a header without a number or with more than one.
    /// </summary>
    private static (string Key, int Number)? Numbered(string key)
    {
        key = WithChineseNumber(key);
        var first = key.AsSpan().IndexOfAnyInRange('0', '9');
        if (first < 0)
        {
            return null;
        }

        var end = first;
        while (end < key.Length && char.IsAsciiDigit(key[end]))
        {
            end++;
        }

        if (end - first > 2 || key.AsSpan(end).IndexOfAnyInRange('0', '9') >= 0)
        {
            return null;
        }

        var number = int.Parse(key[first..end], NumberStyles.None, CultureInfo.InvariantCulture);
        var (start, stop) = first > 0 && key[first - 1] == '(' && end < key.Length && key[end] == ')' ? (first - 1, end + 1) : (first, end);
        start = start > 0 && key[start - 1] == '第' ? start - 1 : start; // 第二监护人电话, 第2监护人电话
        var rest = key[..start] + key[stop..];
        return rest.Length == 0 ? null : (rest, number);
    }

    /// <summary>The Chinese numerals a header may number a column with (家长一电话, 家长二姓名), 一 to 九 for 1 to 9.</summary>
    private const string ChineseDigits = "一二三四五六七八九";

    /// <summary>
    /// A normalized header without ASCII digits and with exactly one Chinese numeral (<see cref="ChineseDigits"/>), that numeral as
    /// its ASCII digit (家长一电话 → 家长1电话, 家长（二）电话 → 家长(2)电话, 第二监护人 → 第2监护人; round-40 leftover: refused
    /// as unknown columns); any other header as it is. No column's name holds one, so nothing else is read otherwise.
    /// </summary>
    private static string WithChineseNumber(string key)
    {
        if (key.AsSpan().IndexOfAnyInRange('0', '9') >= 0 || key.Count(c => ChineseDigits.Contains(c, StringComparison.Ordinal)) != 1)
        {
            return key;
        }

        var at = key.AsSpan().IndexOfAny(ChineseDigits);
        return string.Concat(key.AsSpan(0, at), ((char)('1' + ChineseDigits.IndexOf(key[at], StringComparison.Ordinal))).ToString(), key.AsSpan(at + 1));
    }

    /// <summary>
    /// The second guardian's column for a guardian's column numbered 2 (<c>guardianName</c> → <c>guardian2Name</c>, also for a
    /// 家长 or 联系电话（家长） header), else null: the person keeps a second guardian contact as it keeps a father and a mother.
    /// </summary>
    private static RosterColumn? SecondGuardian(RosterColumn? column) =>
        column is { Name: "guardianName" or "guardianRelationship" or "guardianPhone" }
            ? All.First(c => c.Name == "guardian2" + column.Name["guardian".Length..])
            : null;

    /// <summary>
    /// Why a header that is no column of a roster of <paramref name="kind"/> is refused, or null: as <see cref="HintFor(string)"/>,
    /// and for a numbered header (<c>…3</c>, 父亲电话2, 监护人3电话) of a column, <see cref="RosterHeaderHint.Numbered"/> — only a column
    /// numbered 1 is read, and a guardian's numbered 2 as the second guardian's; another cannot be stored; a numbered header of a refused name (联系电话1 in a school) has that name's hint.
    /// </summary>
    public static RosterHeaderHint? HintFor(string header, RosterKind kind, bool barePhoneIsOwn) =>
        HintFor(header) ?? (Numbered(Canonical(Normalize(header))) is { } numbered
            ? numbered.Number != 1 && FindKey(numbered.Key, kind, barePhoneIsOwn) is not null ? RosterHeaderHint.Numbered : HintFor(numbered.Key)
            : null);
}
