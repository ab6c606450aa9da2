using CsvHelper;

namespace CareGrid.Grains.Imports;

public static partial class RosterCsv
{
    /// <summary>Most title rows read above a header (a title and, say, a line naming the unit and date).</summary>
    private const int MaxTitleRows = 3;

    /// <summary>
    /// The roster with its title rows emptied (docs/rosters.md "A title above the header"), and the first title, or the text
    /// as it is and null. Excel rosters often carry a merged title above the header (<c>石桥镇居民心理关爱名册（2026年12月）</c>,
    /// saved as that text in the first cell and empty cells after it): a row before the header is a title when it has exactly
    /// one non-empty cell and the next non-blank row is a header — at least two non-empty cells, one of them a column name
    /// the import knows (<see cref="RosterColumns.Find"/>, or 序号). At most <see cref="MaxTitleRows"/> such rows are skipped.
    /// The lines stay (emptied, not removed), so rows keep their numbers in the file: the header is then row 2.
    /// </summary>
    /// <param name="csv">The file's text.</param>
    /// <param name="kind">People or staff (whose column names count).</param>
    public static (string Csv, string? Title) WithoutTitleRows(string csv, RosterKind kind)
    {
        var lines = csv.Split('\n');
        var titles = new List<int>();
        var at = NextNonBlank(lines, 0);
        while (at >= 0 && titles.Count < MaxTitleRows && Cells(lines[at]).Count(c => c.Length > 0) == 1)
        {
            titles.Add(at);
            var next = NextNonBlank(lines, at + 1);
            if (next >= 0 && IsHeaderLike(Cells(lines[next]), kind))
            {
                var title = Cells(lines[titles[0]]).First(c => c.Length > 0);
                titles.ForEach(t => lines[t] = lines[t].EndsWith('\r') ? "\r" : "");
                return (string.Join('\n', lines), title.Length > 60 ? title[..60] + "…" : title);
            }

            at = next;
        }

        return (csv, null);
    }

    /// <summary>
    /// The notice that title rows were skipped, naming the first (<paramref name="title"/>), in English and in Simplified
    /// Chinese (the service joins them, <see cref="Bilingual.Join"/>; the <c>import</c> verb stacks them).
    /// </summary>
    public static (string English, string Chinese) TitleSkipped(string title) => (
        $"The row above the header ('{title}') was read as the roster's title and skipped; the header is the row after it.",
        $"表头上方的“{title}”一行被视为名单标题，已跳过；其下一行作为表头。");

    private static int NextNonBlank(string[] lines, int from)
    {
        for (var i = from; i < lines.Length; i++)
        {
            if (Cells(lines[i]).Any(c => c.Length > 0))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsHeaderLike(IReadOnlyList<string> cells, RosterKind kind) =>
        cells.Count(c => c.Length > 0) >= 2 && cells.Any(c => c.Length > 0 && (RosterColumns.Find(c, kind) is not null || RosterColumns.IsIgnored(c)));

    /// <summary>The trimmed cells of one line (quotes removed as a CSV reader does).</summary>
    private static List<string> Cells(string line)
    {
        using var reader = CsvReader.FromText(line.TrimStart('\uFEFF'), new CsvReaderOptions { Separator = ',', HasHeader = true, TrimWhitespace = true, SkipEmptyLines = true });
        return reader.Headers?.Select(h => h.Trim()).ToList() ?? [];
    }
}
