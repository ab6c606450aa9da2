using CareGrid.Grains.People;

namespace CareGrid.Grains.Imports;

/// <summary>What happened to one row: its outcome when it landed, else the error that refused it or left it unwritten; and its tries.</summary>
/// <param name="Outcome">Created, updated or unchanged; null when the row did not land.</param>
/// <param name="Error">The refusal (<see cref="ImportRowError.Retryable"/> false) or the not-written report (true); null when it landed.</param>
/// <param name="Tries">Calls made for the row (1 when the first got through).</param>
internal readonly record struct ImportRowResult(ImportOutcome? Outcome, ImportRowError? Error, int Tries);

/// <summary>
/// The counts of a running import, kept as rows finish (in any order) and turned into an <see cref="ImportStatus"/> on demand.
/// Used on the import grain's own scheduler only (one turn at a time), so it needs no locks.
/// </summary>
internal sealed class ImportTally(ImportStatus start)
{
    private readonly List<ImportRowError> _errors = [.. start.Errors];
    private bool _sorted = true;

    /// <summary>Rows handled so far, those refused by the file check included.</summary>
    public int Processed { get; private set; } = start.Processed;

    private int Created { get; set; } = start.Created;
    private int Updated { get; set; } = start.Updated;
    private int Unchanged { get; set; } = start.Unchanged;
    private int Invalid { get; set; } = start.Invalid;
    private int NotWritten { get; set; } = start.NotWritten;
    private int Retried { get; set; } = start.Retried;
    private int Moved { get; set; } = start.Moved;
    private int NotMoved { get; set; } = start.NotMoved;

    /// <summary>Counts one finished row.</summary>
    public void Add(ImportRowResult result)
    {
        Processed++;
        Retried += result.Tries > 1 ? 1 : 0;
        switch (result.Outcome)
        {
            case ImportOutcome.Created: Created++; break;
            case ImportOutcome.Updated: Updated++; break;
            case ImportOutcome.Moved: Updated++; Moved++; break;
            case ImportOutcome.Unchanged: Unchanged++; break;
        }

        if (result.Error is { } error)
        {
            if (error.Retryable)
            {
                NotWritten++;
            }
            else
            {
                Invalid++;
                NotMoved += error.Code == Errors.ErrorCodes.PersonInOtherUnit ? 1 : 0;
            }

            if (_errors.Count < ImportStatus.MaxReportedErrors)
            {
                _errors.Add(error);
                _sorted = false;
            }
        }
    }

    /// <summary><paramref name="status"/> with these counts and the errors by row.</summary>
    public ImportStatus Apply(ImportStatus status)
    {
        if (!_sorted)
        {
            _errors.Sort(static (a, b) => a.Row.CompareTo(b.Row));
            _sorted = true;
        }

        return status with
        {
            Processed = Processed,
            Created = Created,
            Updated = Updated,
            Unchanged = Unchanged,
            Invalid = Invalid,
            NotWritten = NotWritten,
            Retried = Retried,
            Moved = Moved,
            NotMoved = NotMoved,
            Errors = [.. _errors],
        };
    }
}
