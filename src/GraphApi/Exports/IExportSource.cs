using CareGrid.Grains.Exports;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// One export of the route <c>GET /t/{tenant}/exports/{name}.{csv|xlsx}</c> (docs/statistics.md "Exports"). It mirrors
/// one root query field of the GraphQL schema: the route admits the caller, checks that field's declared access rule and
/// writes that field's declared READ record — the source only validates its parameters, reads the data (applying the
/// same narrowing as the field's resolver, e.g. a Coordinator's staff scope) and hands over the tables.
/// </summary>
public interface IExportSource
{
    /// <summary>The file name in the route, e.g. <c>statistics</c> or <c>overdue-board</c> (lowercase, digits, '-').</summary>
    string Name { get; }

    /// <summary>The root query field whose access and audit declarations govern this export, e.g. <c>statistics</c>.</summary>
    string Field { get; }

    /// <summary>The query parameters accepted besides <c>language</c> (each mirrors an argument of <see cref="Field"/>).</summary>
    IReadOnlyList<string> Parameters { get; }

    /// <summary>
    /// Validates the request and reads what the first bytes of the file need, so that a refusal (VALIDATION_FAILED,
    /// FORBIDDEN, NOT_FOUND, …) is answered before the file starts; the tables' rows may then be read as they are written.
    /// </summary>
    /// <exception cref="Grains.Errors.CareGridException">The request is refused; nothing was sent.</exception>
    Task<ExportDocument> OpenAsync(ExportRequest request, CancellationToken cancellationToken);
}

/// <summary>An opened export: its file name (without extension) and its tables.</summary>
/// <param name="FileName">The file name in the export's language (may be Chinese), without extension.</param>
/// <param name="AsciiFileName">The same name in ASCII, for clients that ignore <c>filename*</c> (RFC 6266).</param>
/// <param name="Tables">The tables, in order; rows may be produced lazily (e.g. page by page).</param>
/// <param name="AuditedId">The id the READ record names (else the tenant's id), as the GraphQL field's id argument would.</param>
public sealed record ExportDocument(string FileName, string AsciiFileName, IAsyncEnumerable<ExportTable> Tables, string? AuditedId = null);
