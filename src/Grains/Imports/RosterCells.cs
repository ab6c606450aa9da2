namespace CareGrid.Grains.Imports;

/// <summary>The cells of one roster record by column name (<see cref="RosterCsv"/>); blank cells read as null, others trimmed.</summary>
internal readonly struct RosterCells(string[] record, Dictionary<string, int> index)
{
    /// <summary>The trimmed cell of <paramref name="column"/>, or null when the column is absent or the cell blank.</summary>
    public string? this[string column] =>
        index.TryGetValue(column, out var i) && i < record.Length && !string.IsNullOrWhiteSpace(record[i]) ? record[i].Trim() : null;

    /// <summary>True when the roster has <paramref name="column"/> (whatever this record's cell holds).</summary>
    public bool Has(string column) => index.ContainsKey(column);
}
