using CareGrid.Grains.Hosting;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Roster import: <c>importRoster</c> checks the whole CSV at once and lands the valid rows in the background;
/// <c>importStatus</c> reports progress and the row-level validation report (TenantAdmin).
/// </summary>
public sealed class ImportFields(IGrainFactory grains) : ISchemaContributor
{
    private static readonly IReadOnlyList<string> Importers = [Roles.TenantAdmin];

    /// <summary>Longest wait <c>importStatus(waitSeconds)</c> accepts: 5 s (under the execution timeout, <c>GraphQL:Limits:TimeoutSeconds</c>, default 10 s).</summary>
    public const int MaxWaitSeconds = 5;

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<ImportStatusType>("importStatus")
            .Description($"Progress of a roster import (TenantAdmin); null when unknown. waitSeconds (0–{MaxWaitSeconds}, default 0) waits up to that long for the import "
                + "to finish before answering (long polling), so a client can poll without sleeping.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<IntGraphType>("waitSeconds")
            .AllowTenantRoles(Importers).AuditsNothing("progress counts and row errors of the caller's own import")
            .ResolveAsync(async ctx =>
            {
                var (tenant, _) = ctx.TenantCaller();
                var wait = ctx.GetArgument<int?>("waitSeconds") ?? 0;
                if (wait is < 0 or > MaxWaitSeconds)
                {
                    throw CareGridException.Validation("waitSeconds", $"waitSeconds is 0–{MaxWaitSeconds}.");
                }

                var id = ctx.GetArgument<string>("id");
                if (!LocalIds.IsWellFormed(id))
                {
                    return null;
                }

                var grain = grains.GetRef<IImportGrain>(TenantIds.Key(tenant.Id, id));
                return wait == 0 ? await grain.GetStatus() : await grain.WaitAsync(TimeSpan.FromSeconds(wait));
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ImportStatusType>>("importRoster")
            .Description("Imports a CSV roster of people (or of staff with their roles) into a unit (TenantAdmin) and returns the import (its id, the total "
                + "and the rows refused so far); valid rows then land in the background — poll importStatus(id). Each valid row lands whole; each invalid "
                + "row is reported (row, column, reason) and writes nothing; rows are idempotent on externalId, so re-importing a file changes nothing. "
                + $"Limits: {RosterCsv.MaxChars} characters (4 MiB), {RosterCsv.MaxRows} data rows. "
                + "A cell with U+FFFD (text garbled by a wrong decoding), an unpaired surrogate or a control character refuses its row. "
                + "Headers may be English or Chinese names (学号, 姓名, 性别, 出生日期, …; docs/rosters.md). "
                + "A PEOPLE roster with a unit column (班级, or 所属村（社区） in a town; with grade, 年级, when class names repeat across grades) places each row in the open unit at or under "
                + "organizationId that the cell names, by id or by name (widths, spaces and brackets ignored: 初一(1)班 = 初一（1）班), of a kind people belong to "
                + "(class, grade, school, village, community, …; not a staff unit, nothing under a closed unit); with a grade, the class must be in that grade. "
                + "A cell naming none, or more than one, refuses its row (column unit), never a unit outside organizationId; a unit closed during the import "
                + "stops taking rows (VALIDATION_FAILED on unit). "
                + "A row whose person (same externalId and name) is registered in another unit moves them here only with allowMoves: true; otherwise the row "
                + "is refused (code PERSON_IN_OTHER_UNIT, counted in notMoved) and the person is not changed, so a class's file imported into the wrong class moves nobody. "
                + "Errors: VALIDATION_FAILED (csv: empty, too large, no header, missing, repeated or unknown columns — an unknown one with extensions column, columnNumber "
                + "and acceptedColumns, the accepted names in both languages —, such a character in the header; organizationId: closed), NOT_FOUND (organization).")
            .Argument<NonNullGraphType<IdGraphType>>("organizationId")
            .Argument<NonNullGraphType<StringGraphType>>("csv")
            .Argument<EnumerationGraphType<RosterKind>>("kind", "PEOPLE (default) or STAFF.")
            .Argument<BooleanGraphType>("allowMoves", "True to move people registered in another unit (same externalId and name) into this one — a promotion or "
                + "re-classing, counted in moved. False (default): such rows are refused with PERSON_IN_OTHER_UNIT and counted in notMoved.")
            .Argument<IdGraphType>("partOf", "For a later part of a file sent in parts: the id of the import of its first part (the same unit, kind and "
                + "importer; else VALIDATION_FAILED on partOf). A row whose externalId an earlier part's row has is refused as a repeat, naming the file's row. "
                + "Send the parts in order, each starting where the one before ended (the first with the file's first line): a blank unit cell at the top of a part "
                + "is then read below the earlier parts' unit cells, as in the whole file (a merged 班级 cell), and refused when they are not known. A later part's "
                + "message does not repeat the notes columns the first part's names.")
            .Argument<IntGraphType>("rowOffset", "With partOf: what to add to this part's row numbers to get the file's (0 or more): the file row of its first line, minus 2.")
            .IdempotencyKeyArgument()
            .AllowTenantRoles(Importers).AuditsWrite("Import", idArgument: null)
            .ResolveAsync(async ctx =>
            {
                var (tenant, actor) = ctx.TenantCaller();
                var org = LocalIds.Check(ctx.GetArgument<string>("organizationId"), "organizationId");
                var csv = ctx.GetArgument<string>("csv") ?? "";
                if (csv.Length > RosterCsv.MaxChars)
                {
                    throw CareGridException.Validation("csv", $"The roster is larger than {RosterCsv.MaxChars} characters (4 MiB): split it into several files.");
                }

                var key = ctx.IdempotencyKeyArgument();
                var id = key is null ? TenantIds.NewLocalId("import") : Grains.Idempotency.IdempotencyKey.DeriveId("import", tenant.Id, actor.Subject, key);
                return await grains.GetRef<IImportGrain>(TenantIds.Key(tenant.Id, id))
                    .Start(new ImportRequest(org, ctx.GetArgument<RosterKind?>("kind") ?? RosterKind.People, csv, key,
                        ctx.GetArgument<bool?>("allowMoves") ?? false, ctx.GetArgument<string?>("partOf") is { } part ? LocalIds.Check(part, "partOf") : null,
                        ctx.GetArgument<int?>("rowOffset") ?? 0), actor);
            });
}
