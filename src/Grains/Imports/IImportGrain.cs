using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Orleans.Concurrency;

namespace CareGrid.Grains.Imports;

/// <summary>
/// One roster import into one unit. Key: <c>"{tenant}/{importId}"</c>. <see cref="Start"/> checks the whole file and
/// returns at once; valid rows then land in the background while <see cref="GetStatus"/> reports progress. Each row
/// lands whole or not at all (one person grain write, plus the unit membership for staff); invalid rows are reported
/// with row, column and reason and write nothing. Rows are idempotent on their external id, so importing the same
/// file again changes nothing.
/// </summary>
public interface IImportGrain : ITenantScopedGrain
{
    /// <summary>
    /// Starts the import. <c>ALREADY_EXISTS</c> when this import id was used; <c>NOT_FOUND</c> (unit);
    /// <c>VALIDATION_FAILED</c> with field <c>organizationId</c> (closed unit), <c>kind</c> or <c>csv</c> (empty, over the
    /// limits of <see cref="RosterCsv"/>, no header, missing or unknown columns). Nothing is written when it fails.
    /// </summary>
    Task<ImportStatus> Start(ImportRequest request, Actor actor);

    /// <summary>The import's progress, or null when there is no such import.</summary>
    Task<ImportStatus?> GetStatus();

    /// <summary>Waits until the import is done or <paramref name="maxWait"/> (at most 30 s) has passed, then returns its progress; null when there is no such import.</summary>
    [AlwaysInterleave]
    Task<ImportStatus?> WaitAsync(TimeSpan maxWait);

    /// <summary>Erases the stored status and report (tenant deletion after export).</summary>
    Task Purge();

    /// <summary>
    /// For a later part of the same file (<see cref="ImportRequest.PartOf"/> names this import, its first part): records each
    /// claim's roster number (normalized) for its file row, and answers, claim by claim, the file row that holds the number —
    /// the claim's own row when it is new, an earlier row's when the file repeats the number (round-30 red team: a student
    /// listed twice in a file the console sends in parts was moved by the later part). Kept in this activation's memory while
    /// the parts land (the import stays active 30 minutes after its last row); <c>VALIDATION_FAILED</c> on <c>partOf</c> when
    /// this import is not a part of the same unit, kind and importer.
    /// </summary>
    /// <param name="claims">The part's roster numbers and file rows.</param>
    /// <param name="end">What the part's class column left at its last row (<see cref="RosterUnits.Above"/>), kept for the part
    /// after it (<see cref="UnitAbove"/>); null when not known or the roster places no rows by class.</param>
    /// <param name="organizationId">The unit the part is imported into.</param>
    /// <param name="kind">The part's kind.</param>
    /// <param name="actor">Who imports the part.</param>
    Task<IReadOnlyList<int>> ClaimRows(IReadOnlyList<RosterRowClaim> claims, RosterUnitAbove? end, string organizationId, RosterKind kind, Actor actor);

    /// <summary>
    /// For a later part of the same file: what the class (班级) column of the parts so far said down to file row
    /// <paramref name="row"/> — the last line of the part before — so that a blank class cell at the top of the part is read
    /// below the merged cell it continues (<see cref="RosterUnits.ContinueBelow"/>; docs/rosters.md "A whole school in one
    /// file"); null when no part so far ended at that row (a restart, or parts out of order). <c>VALIDATION_FAILED</c> on
    /// <c>partOf</c> as for <see cref="ClaimRows"/>.
    /// </summary>
    Task<RosterUnitAbove?> UnitAbove(int row, string organizationId, RosterKind kind, Actor actor);
}

/// <summary>A roster number (normalized, <see cref="People.PersonExternalId.Normalize"/>) and the file row it is on.</summary>
[GenerateSerializer, Alias("CareGrid.RosterRowClaim")]
public sealed record RosterRowClaim([property: Id(0)] string ExternalId, [property: Id(1)] int Row);

/// <summary>The request of a roster import.</summary>
/// <param name="OrganizationId">The unit the people land in (local id).</param>
/// <param name="Kind">People or staff.</param>
/// <param name="Csv">The file's text (limits: <see cref="RosterCsv.MaxChars"/> characters, <see cref="RosterCsv.MaxRows"/> rows).</param>
/// <param name="IdempotencyKey">The client's idempotency key when the import id was derived from it (docs/idempotency.md), or null.</param>
/// <param name="AllowMoves">
/// True to move people registered in another unit under the same number and name into this one (a promotion or re-classing,
/// counted in <see cref="ImportStatus.Moved"/>). False (the default): such rows are refused with <c>PERSON_IN_OTHER_UNIT</c>
/// and counted in <see cref="ImportStatus.NotMoved"/>, so a class's file imported into the wrong class moves nobody.
/// </param>
/// <param name="PartOf">
/// For a file sent in parts (the console and the <c>import</c> verb split files over 192 KiB): the id of the import of its
/// first part, so a roster number repeated in two parts is refused as within one part (<see cref="IImportGrain.ClaimRows"/>)
/// and a blank class cell at the top of a part is read below the merged cell above the cut (<see cref="IImportGrain.UnitAbove"/>);
/// null for a whole file or the first part.
/// </param>
/// <param name="RowOffset">With <see cref="PartOf"/>: what to add to this part's row numbers to get the file's (its first line's number − 2).</param>
[GenerateSerializer, Alias("CareGrid.ImportRequest")]
public sealed record ImportRequest([property: Id(0)] string OrganizationId, [property: Id(1)] RosterKind Kind, [property: Id(2)] string Csv,
    [property: Id(3)] string? IdempotencyKey = null, [property: Id(4)] bool AllowMoves = false, [property: Id(5)] string? PartOf = null,
    [property: Id(6)] int RowOffset = 0);

/// <summary>Status of an import.</summary>
[GenerateSerializer, Alias("CareGrid.ImportState")]
public enum ImportState
{
    /// <summary>Rows are landing.</summary>
    Running = 0,
    /// <summary>Every row was handled: landed, refused (<see cref="ImportStatus.Invalid"/>) or not written after every try (<see cref="ImportStatus.NotWritten"/>).</summary>
    Completed = 1,
    /// <summary>Stopped before the end (the service restarted, or an internal error); import the same file again — it is idempotent.</summary>
    Failed = 2,
}

/// <summary>Progress and report of an import.</summary>
/// <param name="Id">Import id.</param>
/// <param name="OrganizationId">The unit.</param>
/// <param name="Kind">People or staff.</param>
/// <param name="State">Running, completed or failed.</param>
/// <param name="Total">Rows in the file after the header: data rows and <see cref="Blank"/> rows; when done, Total = landed + invalid + notWritten + blank.</param>
/// <param name="Processed">Rows handled so far (landed + invalid + not written + blank).</param>
/// <param name="Created">People registered.</param>
/// <param name="Updated">People who existed and changed (<see cref="Moved"/> included).</param>
/// <param name="Unchanged">People who existed unchanged (a re-import).</param>
/// <param name="Invalid">Rows refused.</param>
/// <param name="Errors">Row errors, by row, at most <see cref="ImportStatus.MaxReportedErrors"/>.</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="StartedBy">The sub of who started it.</param>
/// <param name="FinishedAt">When it ended (UTC), or null.</param>
/// <param name="Message">Why it failed, or how many rows could not be written and what to do; else a notice (a title row above the header was skipped), or null.</param>
/// <param name="NotWritten">
/// Rows not written because their person call kept failing transiently (a timeout, a silo or storage unavailable) through
/// every try of <see cref="ImportOptions.Attempts"/>; each is in <see cref="Errors"/> with <see cref="ImportRowError.Retryable"/>.
/// Importing the same file again lands them (rows are idempotent). A row that fails only some tries lands and is not counted here.
/// </param>
/// <param name="Retried">Rows that landed or were refused only after more than one try (each counted once, whatever its tries).</param>
/// <param name="Blank">
/// Blank rows skipped: empty lines between rows and rows of only separators (Excel's empty row <c>,,,,,,</c>); counted in
/// <see cref="Total"/> and <see cref="Processed"/> so the counts add up, and numbered like every row (docs/rosters.md).
/// </param>
/// <param name="Moved">
/// Of the <see cref="Updated"/> rows, people who were in another unit under the same external id and the same name and now
/// belong to this one (a promotion or re-classing, <see cref="People.ImportOutcome.Moved"/>): only when the import allows
/// moves (<see cref="AllowMoves"/>), reported, never silent.
/// </param>
/// <param name="NotMoved">
/// Of the <see cref="Invalid"/> rows, people registered in another unit under the same external id and name whom the import
/// did not move because it did not allow moves (<c>PERSON_IN_OTHER_UNIT</c>): when most rows are here, the file is probably
/// another class's; when the class really changed, import again with <see cref="AllowMoves"/>.
/// </param>
/// <param name="AllowMoves">Whether the import was started with moves allowed (<see cref="ImportRequest.AllowMoves"/>).</param>
[GenerateSerializer, Alias("CareGrid.ImportStatus")]
public sealed record ImportStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string OrganizationId,
    [property: Id(2)] RosterKind Kind,
    [property: Id(3)] ImportState State,
    [property: Id(4)] int Total,
    [property: Id(5)] int Processed,
    [property: Id(6)] int Created,
    [property: Id(7)] int Updated,
    [property: Id(8)] int Unchanged,
    [property: Id(9)] int Invalid,
    [property: Id(10)] IReadOnlyList<ImportRowError> Errors,
    [property: Id(11)] DateTimeOffset StartedAt,
    [property: Id(12)] string StartedBy,
    [property: Id(13)] DateTimeOffset? FinishedAt,
    [property: Id(14)] string? Message,
    [property: Id(15)] int NotWritten = 0,
    [property: Id(16)] int Retried = 0,
    [property: Id(17)] int Blank = 0,
    [property: Id(18)] int Moved = 0,
    [property: Id(19)] int NotMoved = 0,
    [property: Id(20)] bool AllowMoves = false)
{
    /// <summary>Most row errors kept and reported (the <see cref="Invalid"/> count stays exact).</summary>
    public const int MaxReportedErrors = 1000;

    /// <summary>Rows that are in the directory after the import: created, updated (moved included) or unchanged.</summary>
    public int Landed => Created + Updated + Unchanged;

    /// <summary>True when the import ended (completed or failed).</summary>
    public bool Done => State != ImportState.Running;
}
