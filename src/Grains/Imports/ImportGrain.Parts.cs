using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Imports;

/// <summary>A file sent in parts: one roster number, one row, across the parts (<see cref="IImportGrain.ClaimRows"/>).</summary>
public sealed partial class ImportGrain
{
    /// <summary>For the first part (or a whole file): the file row of each roster number of the file's parts so far.</summary>
    private readonly Dictionary<string, int> _claimed = new(StringComparer.Ordinal);

    /// <summary>What the idempotency key's fingerprint covers: allowMoves only when set and the part only when given, so keys sent before either existed still replay.</summary>
    private static IEnumerable<object?> FingerprintArguments(ImportRequest request)
    {
        object?[] parts = [request.OrganizationId, request.Kind, request.Csv];
        var moves = request.AllowMoves ? new object?[] { "allowMoves" } : [];
        var part = request.PartOf is { } of ? new object?[] { "partOf", of, request.RowOffset } : [];
        return parts.Concat(moves).Concat(part);
    }

    /// <summary>
    /// The first part (no <see cref="ImportRequest.PartOf"/>) records its rows' numbers; a later part claims its rows' numbers
    /// from the first part's import, and each row whose number an earlier row of the file holds is refused as a repeat
    /// (<see cref="RosterReasons.DuplicateExternalId"/>, naming the file's row), exactly as within one part.
    /// </summary>
    private async Task<RosterParse> ClaimAcrossPartsAsync(ImportRequest request, Actor actor, RosterParse parse)
    {
        if (request.PartOf is not { } first)
        {
            foreach (var row in parse.Rows)
            {
                _claimed.TryAdd(row.Person.Profile.ExternalId!, row.Row);
            }

            return parse;
        }

        if (request.RowOffset < 0 || first == LocalId)
        {
            throw CareGridException.Validation("partOf", "partOf names the import of the file's first part, and rowOffset is 0 or more.");
        }

        var claims = parse.Rows.Select(r => new RosterRowClaim(r.Person.Profile.ExternalId!, r.Row + request.RowOffset)).ToList();
        var holders = await GrainFactory.GetRef<IImportGrain>(TenantIds.Key(TenantId, first)).ClaimRows(claims, request.OrganizationId, request.Kind, actor);
        var rows = new List<RosterRow>();
        var errors = new List<ImportRowError>(parse.Errors);
        for (var i = 0; i < claims.Count; i++)
        {
            if (holders[i] == claims[i].Row)
            {
                rows.Add(parse.Rows[i]);
            }
            else
            {
                errors.Add(new ImportRowError(parse.Rows[i].Row, "externalId", RosterReasons.DuplicateExternalId(holders[i])));
            }
        }

        return parse with { Rows = rows, Errors = [.. errors.OrderBy(e => e.Row)] };
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> ClaimRows(IReadOnlyList<RosterRowClaim> claims, string organizationId, RosterKind kind, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (state.State.Status is not { } status || status.OrganizationId != organizationId || status.Kind != kind || status.StartedBy != actor.Subject)
        {
            throw CareGridException.Validation("partOf", "partOf names no import of this file's first part: the same unit, kind and importer.");
        }

        KeepAlive();
        IReadOnlyList<int> holders = [.. claims.Select(c => _claimed.TryAdd(c.ExternalId, c.Row) ? c.Row : _claimed[c.ExternalId])];
        return Task.FromResult(holders);
    }
}
