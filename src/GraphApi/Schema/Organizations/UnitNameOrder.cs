namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The order of sibling units in <c>organizations(tree: true)</c>: by name as a school counts — numbers by value, whether
/// written in digits (<c>初二（2）班</c> before <c>初二（10）班</c>) or as the single Chinese numerals of grade names
/// (<c>初一</c>, <c>初二</c>, <c>初三</c>; <c>七年级</c> before <c>八年级</c>) — then by id. Round-30 trial: classes created without
/// an id got generated ids, and siblings ordered by id listed 初二（6）班 between （2） and （3）.
/// </summary>
public sealed class UnitNameOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static readonly UnitNameOrder Instance = new();

    /// <summary>Compares two names: runs of digits (ASCII or full-width) and single Chinese numerals 一–九 by value, the rest ordinal.</summary>
    public int Compare(string? x, string? y)
    {
        var (a, b) = (Key(x ?? ""), Key(y ?? ""));
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = a[i].Number is { } n && b[i].Number is { } m ? n.CompareTo(m) : string.CompareOrdinal(a[i].Text, b[i].Text);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static List<(string Text, long? Number)> Key(string name)
    {
        var parts = new List<(string, long?)>();
        for (var i = 0; i < name.Length;)
        {
            if (Digit(name[i]) is not null)
            {
                long value = 0;
                var start = i;
                for (; i < name.Length && Digit(name[i]) is { } d && i - start < 15; i++)
                {
                    value = (value * 10) + d;
                }

                parts.Add((name[start..i], value));
            }
            else
            {
                parts.Add((name[i].ToString(), "一二三四五六七八九".IndexOf(name[i], StringComparison.Ordinal) is var k and >= 0 ? k + 1 : null));
                i++;
            }
        }

        return parts;
    }

    private static int? Digit(char c) => c is >= '0' and <= '9' ? c - '0' : c is >= '０' and <= '９' ? c - '０' : null;
}
