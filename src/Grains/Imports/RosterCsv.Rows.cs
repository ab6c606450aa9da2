using CareGrid.Grains.Errors;
using CareGrid.Grains.Validation;
using CsvHelper;

namespace CareGrid.Grains.Imports;

public static partial class RosterCsv
{
    /// <summary>
    /// Reads every data row after the header, numbering each by its line in the file (<paramref name="headerLine"/> is the
    /// header's; rosters allow no line breaks in quoted cells, so a row is one line): blank rows (an empty line between rows,
    /// or only separators, e.g. Excel's <c>,,,,,,</c>) are skipped and counted in <see cref="RosterParse.Blank"/>; more than
    /// <see cref="MaxRows"/> data rows or none is a <c>VALIDATION_FAILED</c> on field <c>csv</c>, and a repeated
    /// <c>externalId</c> (compared normalized, <see cref="People.PersonExternalId.Normalize"/>) refuses the later row.
    /// </summary>
    private static RosterParse ReadRows(CsvReader reader, long headerLine, int headerCount, Dictionary<string, int> index, HashSet<long> malformed,
        RosterRowContext context)
    {
        var rows = new List<RosterRow>();
        var errors = new List<ImportRowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        var blank = 0;
        var pendingBlank = 0; // blank rows since the last data row: counted only once a data row follows (Excel ends a sheet with ",,,,,," rows)
        var lastLine = headerLine;
        while (reader.Read())
        {
            var line = reader.LineNumber;
            pendingBlank += (int)Math.Max(0, line - lastLine - 1); // empty lines the reader skipped
            lastLine = line;
            var record = new string[reader.FieldCount];
            for (var i = 0; i < record.Length; i++)
            {
                record[i] = reader.GetString(i) ?? "";
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                pendingBlank++;
                continue;
            }

            blank += pendingBlank;
            pendingBlank = 0;
            total++;
            if (total > MaxRows)
            {
                throw CareGridException.Validation("csv", Bilingual.Join($"The roster has more than {MaxRows} data rows: split it into several files.", $"名单超过 {MaxRows} 行数据：请拆分成几个文件。"));
            }

            var rowNumber = checked((int)line);
            var rowErrors = new List<ImportRowError>();
            if (ReadRecord(record, rowNumber, headerCount, index, malformed.Contains(rowNumber), context, rowErrors) is { } row)
            {
                if (seen.TryGetValue(row.Person.Profile.ExternalId!, out var first))
                {
                    rowErrors.Add(new ImportRowError(rowNumber, "externalId", RosterReasons.DuplicateExternalId(first)));
                }
                else
                {
                    seen[row.Person.Profile.ExternalId!] = rowNumber;
                    rows.Add(row);
                }
            }

            errors.AddRange(rowErrors);
        }

        if (total == 0)
        {
            throw CareGridException.Validation("csv", Bilingual.Join("The roster has a header but no data rows.", "名单只有表头，没有数据行。"));
        }

        return new RosterParse(rows, errors, total, blank);
    }

    /// <summary>
    /// One data record: refused whole when malformed, longer than the header or holding a cell <see cref="StoredText"/>
    /// refuses; otherwise read cell by cell. Null when any error was added to <paramref name="rowErrors"/>.
    /// </summary>
    private static RosterRow? ReadRecord(string[] record, int rowNumber, int headerCount, Dictionary<string, int> index, bool malformed,
        RosterRowContext context, List<ImportRowError> rowErrors)
    {
        if (malformed)
        {
            rowErrors.Add(new ImportRowError(rowNumber, null, RosterReasons.Malformed()));
        }
        else if (record.Length > headerCount)
        {
            rowErrors.Add(new ImportRowError(rowNumber, null, RosterReasons.TooManyFields(record.Length, headerCount)));
        }
        else if (UnsafeCells(record, index, rowNumber) is { Count: > 0 } unsafeCells)
        {
            rowErrors.AddRange(unsafeCells);
        }
        else
        {
            var row = new RosterRowReader(new RosterCells(record, index), rowNumber, rowErrors).Read(context);
            return rowErrors.Count == 0 ? row : null;
        }

        return null;
    }

    /// <summary>
    /// The cells of a record that <see cref="StoredText"/> refuses (U+FFFD from a wrong decoding, unpaired surrogates,
    /// control characters, ...), one error per cell naming its column; the row is then refused whole.
    /// </summary>
    private static List<ImportRowError> UnsafeCells(string[] record, Dictionary<string, int> index, int row)
    {
        var errors = new List<ImportRowError>();
        foreach (var (column, i) in index.OrderBy(c => c.Value))
        {
            if (i < record.Length && StoredText.Problem(record[i].Trim()) is { } problem)
            {
                errors.Add(new ImportRowError(row, column, RosterReasons.UnsafeCell(column, problem)));
            }
        }

        return errors;
    }
}
