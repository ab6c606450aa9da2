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

    /// <summary>For the first part: what the class column said at the last row of each part so far, by that row (<see cref="UnitAbove"/>).</summary>
    private readonly Dictionary<int, RosterUnitAbove> _unitsAbove = [];

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
    /// (<see cref="RosterReasons.DuplicateExternalId"/>, naming the file's row), exactly as within one part. Either records
    /// what its class column left at its last row for the next part (<see cref="IImportGrain.UnitAbove"/>).
    /// </summary>
    private async Task<RosterParse> ClaimAcrossPartsAsync(ImportRequest request, Actor actor, RosterParse parse, RosterUnits? units)
    {
        var end = units?.Above(LastRow(request));
        if (request.PartOf is null)
        {
            foreach (var row in parse.Rows)
            {
                _claimed.TryAdd(row.Person.Profile.ExternalId!, row.Row);
            }

            Remember(end);
            return parse;
        }

        var claims = parse.Rows.Select(r => new RosterRowClaim(r.Person.Profile.ExternalId!, r.Row + request.RowOffset)).ToList();
        var holders = await FirstPart(request).ClaimRows(claims, end, request.OrganizationId, request.Kind, actor);
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

    /// <summary>
    /// For a later part of a people roster: reads the part below what the class column of the parts before it said
    /// (<see cref="RosterUnits.ContinueBelow"/>), so a blank class cell at its top is decided as in the whole file.
    /// </summary>
    private async Task ContinueBelowAsync(ImportRequest request, Actor actor, RosterUnits? units)
    {
        if (request.PartOf is not null && units is not null)
        {
            units.ContinueBelow(await FirstPart(request).UnitAbove(request.RowOffset + 1, request.OrganizationId, request.Kind, actor));
        }
    }

    /// <summary>The import of the file's first part, which a later part names; <c>VALIDATION_FAILED</c> on <c>partOf</c> when it cannot be.</summary>
    private IImportGrain FirstPart(ImportRequest request)
    {
        if (request.PartOf is not { } first || request.RowOffset < 0 || first == LocalId)
        {
            throw CareGridException.Validation("partOf", "partOf names the import of the file's first part, and rowOffset is 0 or more.");
        }

        return GrainFactory.GetRef<IImportGrain>(TenantIds.Key(TenantId, first));
    }

    /// <summary>The file row of the part's last line: its offset plus its lines (a final line break ends the last, not a new one).</summary>
    private static int LastRow(ImportRequest request)
    {
        var lines = (request.Csv ?? "").Split('\n');
        return (request.PartOf is null ? 0 : request.RowOffset) + lines.Length - (lines[^1].Length == 0 ? 1 : 0);
    }

    private void Remember(RosterUnitAbove? end)
    {
        if (end is not null)
        {
            _unitsAbove[end.Row] = end;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<int>> ClaimRows(IReadOnlyList<RosterRowClaim> claims, RosterUnitAbove? end, string organizationId, RosterKind kind, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(claims);
        CheckPartOf(organizationId, kind, actor);
        KeepAlive();
        Remember(end);
        IReadOnlyList<int> holders = [.. claims.Select(c => _claimed.TryAdd(c.ExternalId, c.Row) ? c.Row : _claimed[c.ExternalId])];
        return Task.FromResult(holders);
    }

    /// <inheritdoc />
    public Task<RosterUnitAbove?> UnitAbove(int row, string organizationId, RosterKind kind, Actor actor)
    {
        CheckPartOf(organizationId, kind, actor);
        KeepAlive();
        return Task.FromResult(_unitsAbove.GetValueOrDefault(row));
    }

    private void CheckPartOf(string organizationId, RosterKind kind, Actor actor)
    {
        if (state.State.Status is not { } status || status.OrganizationId != organizationId || status.Kind != kind || status.StartedBy != actor.Subject)
        {
            throw CareGridException.Validation("partOf", "partOf names no import of this file's first part: the same unit, kind and importer.");
        }
    }
}
