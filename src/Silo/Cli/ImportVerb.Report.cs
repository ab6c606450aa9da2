using CareGrid.Grains.Imports;
using Spectre.Console;

namespace CareGrid.Silo.Cli;

// What the import verb prints, in Simplified Chinese and English (Bilingual): its report and its --help texts.
public static partial class ImportVerb
{
    /// <summary>
    /// The import ids, the summed counts and a table of the first <see cref="MaxPrintedErrors"/> refused rows, every line
    /// and header in Simplified Chinese and English (<see cref="Bilingual"/>; the row reasons come from the service in both).
    /// </summary>
    private static void PrintReport(IAnsiConsole console, ImportVerbOptions options, int dataRows, ImportRun run)
    {
        var ids = string.Join(", ", run.Ids);
        console.MarkupLine(Markup.Escape(Bilingual.Stacked(
            $"Import{(run.Ids.Count > 1 ? "s" : "")} {ids}: {dataRows} rows into {options.Organization} of {options.Tenant}.",
            $"导入 {ids}：{dataRows} 行，导入到 {options.Tenant} 的单位 {options.Organization}。")));
        // moved and blank are shown when there are any (a line below says what they mean), so the usual table stays narrow
        var shown = run.Totals.Where(c => c.Value > 0 || c.Key is not ("moved" or "notMoved" or "blank")).ToList();
        var table = new Table().AddColumns(shown.Select(c => new TableColumn(Markup.Escape(Bilingual.Stacked(c.Key, CountNames[c.Key])))).ToArray());
        table.AddRow(shown.Select(c => c.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        console.Write(table);
        if (run.Totals["moved"] is > 0 and var moved)
        {
            // docs/rosters.md "One 学号, one person": a move is legitimate (promotion, re-classing) but never silent.
            console.MarkupLine(Markup.Escape(Bilingual.Stacked(
                $"{moved} of the updated rows moved a person registered in another unit (same number and name) into {options.Organization}: check that this is a promotion or re-classing.",
                $"已更新的行中有 {moved} 人原属其他单位（学号和姓名都相同），现已转入 {options.Organization}：请确认这是升级或调班。")));
        }

        if (run.Totals["notMoved"] is > 0 and var notMoved)
        {
            // docs/rosters.md "Moves are asked for": a class's file imported into the wrong class moves nobody.
            console.MarkupLine(Markup.Escape(Bilingual.Stacked(
                $"{notMoved} row(s) name people registered in another unit (same number and name); they were not moved into {options.Organization}. "
                + "If the file is another class's, import it there; if they really changed class, run the import again with --allow-moves.",
                $"有 {notMoved} 行的人员已在其他单位登记（学号和姓名都相同），没有调入 {options.Organization}。"
                + "如果这是另一个班级的名单，请导入到那个班级；如果他们确实已调班，请加 --allow-moves 重新导入。")));
        }

        if (run.Totals["blank"] > 0)
        {
            console.MarkupLine(Markup.Escape(Bilingual.Stacked(
                $"{run.Totals["blank"]} blank row(s) were skipped; row numbers are the file's line numbers (header = 1), blank rows included.",
                $"跳过了 {run.Totals["blank"]} 个空行；行号即文件中的行号（表头为第 1 行），空行也计入行号。")));
        }
        if (run.Errors.Count == 0)
        {
            return;
        }

        var report = new Table()
            .Title(Markup.Escape(Bilingual.ChineseFirst("Refused rows (nothing of them was written)", "被拒绝的行（这些行都没有写入）")))
            .AddColumns(Markup.Escape(Bilingual.Stacked("row", "行")), Markup.Escape(Bilingual.Stacked("column", "列")), Markup.Escape(Bilingual.Stacked("reason", "原因")));
        foreach (var (row, column, reason) in run.Errors.Take(MaxPrintedErrors))
        {
            report.AddRow(row.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(ColumnShown(column, run.HeadersAsWritten)), Markup.Escape(ReasonShown(reason)));
        }

        console.Write(report);
        if (run.Totals["invalid"] > MaxPrintedErrors)
        {
            var more = run.Totals["invalid"] - MaxPrintedErrors;
            console.MarkupLine(Markup.Escape(Bilingual.Stacked(
                $"…and {more} more refused rows (importStatus lists up to 1000 per import).",
                $"……另有 {more} 行被拒绝（importStatus 每次导入最多列出 1000 行）。")));
        }
    }

    /// <summary>
    /// A refused row's column as the report shows it: the English name and the file's own header when it is another
    /// (<c>sex (性别)</c>), else the English name and its Chinese name (<see cref="RosterColumns.ChineseName"/>);
    /// <c>(row)</c> for the row as a whole.
    /// </summary>
    internal static string ColumnShown(string column, IReadOnlyDictionary<string, string> headersAsWritten) =>
        headersAsWritten.TryGetValue(column, out var written) ? $"{column} ({written})"
        : column == RowAsAWhole ? Bilingual.ChineseFirst(column, "（整行）")
        : RosterColumns.ChineseName(column) is var zh && zh != column ? $"{column} ({zh})"
        : column;

    /// <summary>
    /// A refused row's reason as the report shows it: the service writes it <c>English / 中文</c> (<see cref="Bilingual.Join"/>);
    /// the verb, like its other lines, shows the Chinese first and the English on the next line (<see cref="Bilingual.Stacked"/>).
    /// A reason without a Chinese part is shown as it is.
    /// </summary>
    internal static string ReasonShown(string reason) =>
        Bilingual.Split(reason) is (var english, { } chinese) ? Bilingual.Stacked(english, chinese) : reason;

    /// <summary>The column shown for an error of the row as a whole.</summary>
    private const string RowAsAWhole = "(row)";

    /// <summary>The Chinese of each count of the report, by its name in <c>importStatus</c>.</summary>
    private static readonly IReadOnlyDictionary<string, string> CountNames = new Dictionary<string, string>
    {
        ["total"] = "总行数", ["landed"] = "已导入", ["created"] = "新建", ["updated"] = "已更新", ["moved"] = "其中转入", ["notMoved"] = "未调入", ["unchanged"] = "无变化",
        ["invalid"] = "被拒绝", ["notWritten"] = "未写入", ["blank"] = "空行",
    };

    /// <summary>The <c>--help</c> texts of the verb and its options, in Simplified Chinese and English (<see cref="Bilingual.ChineseFirst"/>).</summary>
    private static class Help
    {
        public static readonly string Command = Bilingual.ChineseFirst(
            "Import a CSV roster of people or staff into an organization of a running service, with a progress bar.",
            "把人员或教职工的 CSV 名单导入正在运行的服务中的一个单位，并显示进度条。");

        public static readonly string Tenant = Bilingual.ChineseFirst("Tenant id (slug).", "租户标识。");

        public static readonly string AllowMoves = Bilingual.ChineseFirst(
            "Move people already registered in another unit (same number and name) into this one — a promotion or re-classing. Without it such rows are refused.",
            "把已在其他单位登记的人员（学号和姓名都相同）调入本单位（升级或调班）。不加此项时，这些行会被拒绝。");

        public static readonly string Organization = Bilingual.ChineseFirst(
            "Local id of the unit the rows land in (e.g. class-8-1); for a people roster with a 班级 (class) column, the school: each row lands in the class it names under it.",
            "各行导入到的单位标识（例如 class-8-1）；人员名单有“班级”列时填学校：每一行导入到其下该行写明的班级。");

        public static readonly string File = Bilingual.ChineseFirst(
            "The CSV roster (UTF-8, or GB18030/GBK as Excel on Chinese Windows saves it; header row in English or Chinese; see docs/rosters.md). A relative path is resolved against the caller's working directory.",
            "CSV 名单文件（UTF-8，或中文 Windows 上 Excel 保存的 GB18030/GBK；表头可用英文或中文列名，见 docs/rosters.md）。相对路径按调用者的当前目录解析。");

        public static readonly string Encoding = Bilingual.ChineseFirst(
            "auto (default: UTF-8, UTF-16 with BOM, else GB18030/GBK), utf-8 or gb18030.",
            "文件编码：auto（默认：UTF-8、带字节顺序标记的 UTF-16，否则 GB18030/GBK）、utf-8 或 gb18030。");

        public static readonly string Kind = Bilingual.ChineseFirst("people (default) or staff.", "名单类型：people（人员，默认）或 staff（教职工）。");

        public static readonly string Url = Bilingual.ChineseFirst("Where the service listens.", "服务的地址。");

        public static readonly string Chunk = Bilingual.ChineseFirst(
            "Send files larger than this many KiB in parts (default 192; raise it with the service's GraphQL:Http:MaxRequestBytes).",
            "超过这么多 KiB 的文件分几部分发送（默认 192；若服务的 GraphQL:Http:MaxRequestBytes 调大了，可随之调大）。");

        public static readonly string Token = Bilingual.ChineseFirst(
            "Bearer token of a TenantAdmin; default: $CAREGRID_TOKEN, else a development token signed with the local key.",
            "租户管理员（TenantAdmin）的访问令牌；默认取 $CAREGRID_TOKEN，否则用本地密钥签发一个开发令牌。");
    }

    /// <summary>
    /// Prints the import's messages (a title row skipped, notes columns not read, rows not written: docs/rosters.md), each once
    /// for the file, the Chinese line above the English (<see cref="Bilingual.Stacked"/>); a message without Chinese as sent.
    /// </summary>
    private static void PrintNotices(IAnsiConsole console, IEnumerable<string> notices)
    {
        foreach (var notice in notices)
        {
            var (english, chinese) = Bilingual.Split(notice);
            console.MarkupLineInterpolated($"[yellow]{(chinese is null ? english : Bilingual.Stacked(english, chinese))}[/]");
        }
    }
}
