using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.Logging;

namespace CareGrid.Grains.Imports;

/// <summary>
/// How the rows of an import land on a busy cluster (docs/rosters.md "On a busy cluster"): bounded in flight per import and
/// per silo, a transient failure tried again with a doubling wait, and every row ending landed, refused or not written.
/// </summary>
public sealed partial class ImportGrain
{
    /// <summary>Longest wait between two tries of a row.</summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>The status with the live counts while rows land, else the stored status.</summary>
    private ImportStatus? Current() =>
        _tally is { } tally && state.State.Status is { State: ImportState.Running } running ? tally.Apply(running) : state.State.Status;

    /// <summary>
    /// How long the import's activation is kept after its latest row started or landed. The rows live only in this
    /// activation's memory, so collecting it mid-run fails every row still to come ("Attempt to access an invalid
    /// activation"); a fixed delay from the start did exactly that to a 5,000-row import that ran past 30 minutes on a
    /// loaded silo (benchmark, 2026-12-03). Renewed on every row, it holds as long as rows make progress.
    /// </summary>
    private static readonly TimeSpan KeepAliveAfterRow = TimeSpan.FromMinutes(30);

    private void KeepAlive() => this.DelayDeactivation(KeepAliveAfterRow);

    private async Task RunAsync(IReadOnlyList<RosterRow> rows, Actor actor)
    {
        TenantContext.Set(TenantId);
        var tally = _tally = new ImportTally(state.State.Status!);
        try
        {
            using var window = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentRowsPerImport));
            var running = new List<Task>();
            var saved = tally.Processed;
            foreach (var row in rows)
            {
                await window.WaitAsync();
                KeepAlive();
                running.Add(LandAsync(row, actor, window, tally));
                if (running.Count >= 1024)
                {
                    running.RemoveAll(static t => t.IsCompleted);
                }

                if (tally.Processed - saved >= SaveEvery)
                {
                    saved = tally.Processed;
                    await SaveProgressAsync(tally.Apply(state.State.Status!));
                }
            }

            await Task.WhenAll(running);
            var done = tally.Apply(state.State.Status!);
            state.State.Status = done with { State = ImportState.Completed, FinishedAt = clock.GetUtcNow(), Message = Bilingual.JoinAll(NotWrittenMessage(done.NotWritten), done.Message) };
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {Import} failed", this.GetPrimaryKeyString());
            state.State.Status = tally.Apply(state.State.Status!) with
            {
                State = ImportState.Failed,
                FinishedAt = clock.GetUtcNow(),
                Message = Bilingual.Join("The import stopped on an internal error. Import the same file again: rows already landed are unchanged.",
                    "导入因内部错误而中止。请再次导入同一文件：已导入的行不会改变。"),
            };
        }

        _tally = null;
        await SaveFinalAsync();
    }

    private string? NotWrittenMessage(int notWritten) => notWritten == 0 ? null
        : Bilingual.Join(
            $"{notWritten} row(s) could not be written after {Math.Max(1, options.Value.Attempts)} tries (the service was busy or a server was unavailable); "
            + "they are listed with retryable = true. Import the same file again: rows already landed stay unchanged.",
            $"有 {notWritten} 行尝试 {Math.Max(1, options.Value.Attempts)} 次后仍未写入（服务繁忙或服务器暂时不可用），这些行标有 retryable = true。请再次导入同一文件：已导入的行不会改变。");

    /// <summary>Lands one row (its tries included), counts it, and frees its place in the import's window.</summary>
    private async Task LandAsync(RosterRow row, Actor actor, SemaphoreSlim window, ImportTally tally)
    {
        try
        {
            tally.Add(await TryRowAsync(row, actor));
        }
        finally
        {
            window.Release();
        }

        KeepAlive();
    }

    /// <summary>
    /// Tries one row until it lands, is refused (a permanent error: the row's own fault, reported as today), or has used
    /// every try of <see cref="ImportOptions.Attempts"/> on transient failures (<see cref="IsTransient"/>). A try that timed
    /// out may have been written: the person grain recognises the row's key and answers the first outcome
    /// (<see cref="PersonImport.RowKey"/>), so a retried row is never counted or created twice.
    /// </summary>
    private async Task<ImportRowResult> TryRowAsync(RosterRow row, Actor actor)
    {
        var attempts = Math.Max(1, options.Value.Attempts);
        for (var attempt = 1; ; attempt++)
        {
            using (await limiter.EnterAsync())
            {
                try
                {
                    return new ImportRowResult(await ApplyAsync(row, actor), null, attempt);
                }
                catch (Exception e) when (IsTransient(e))
                {
                    if (attempt >= attempts)
                    {
                        logger.LogWarning(e, "Import {Import}: row {Row} not written after {Tries} tries", this.GetPrimaryKeyString(), row.Row, attempt);
                        return new ImportRowResult(null, new ImportRowError(row.Row, null, RosterReasons.NotWritten(attempt), true), attempt);
                    }
                }
                catch (CareGridException e)
                {
                    var field = e.Details.GetValueOrDefault("field");
                    var column = field is null ? null : field.Split('.', '[')[0];
                    var reason = e.Code switch
                    {
                        ErrorCodes.ExternalIdConflict => RosterReasons.ExternalIdConflict(),
                        ErrorCodes.PersonInOtherUnit => RosterReasons.InOtherUnit(await UnitNameAsync(e.Details.GetValueOrDefault("organizationId"))),
                        _ => RosterReasons.Refused(e, column),
                    };
                    return new ImportRowResult(null, new ImportRowError(row.Row, column, reason, Code: e.Code), attempt);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Import {Import}: row {Row} failed on an internal error", this.GetPrimaryKeyString(), row.Row);
                    return new ImportRowResult(null, new ImportRowError(row.Row, null, RosterReasons.InternalError(), true), attempt);
                }
            }

            await Task.Delay(RetryDelay(attempt), clock);
        }
    }

    /// <summary>
    /// The one person other than <paramref name="rowPersonId"/> whose externalId is <paramref name="externalId"/> (the
    /// read side's external-id filter, as <c>people(filter: { externalId })</c> finds them), or null when there is none or
    /// more than one. Asked only after the row's own person refused the number as taken, so an import pays nothing for it.
    /// </summary>
    private async Task<string?> ExternalIdHolderAsync(string? externalId, string rowPersonId)
    {
        if (externalId is null)
        {
            return null;
        }

        var found = (await readModel.QueryPeopleAsync(TenantId, new PersonQuery(ExternalId: externalId), 2, null)).Items;
        return found.Count == 1 && found[0].Id != rowPersonId ? found[0].Id : null;
    }

    /// <summary>Names of the units people of refused moves are in, looked up once per unit and import (<see cref="UnitNameAsync"/>).</summary>
    private readonly Dictionary<string, string> _unitNames = new(StringComparer.Ordinal);

    /// <summary>
    /// The display name of unit <paramref name="unitId"/> with its id (<c>八年级（2）班 (class-8-2)</c>), or the id alone when the
    /// unit cannot be read; null for null. The importer (a TenantAdmin) covers the whole tenant, so naming the unit shows
    /// nothing they may not see, and it is what tells them the file is another class's.
    /// </summary>
    private async Task<string?> UnitNameAsync(string? unitId)
    {
        if (unitId is null)
        {
            return null;
        }

        if (!_unitNames.TryGetValue(unitId, out var name))
        {
            var org = await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, unitId)).Get();
            name = org is null || string.IsNullOrWhiteSpace(org.Name) || org.Name == unitId ? unitId : $"{org.Name} ({unitId})";
            _unitNames[unitId] = name;
        }

        return name;
    }

    /// <summary>A failure worth another try: a cluster or storage fault (<see cref="ClusterFaults.IsTransient"/>), a write conflict or <c>UNAVAILABLE</c>.</summary>
    private static bool IsTransient(Exception e) =>
        e is CareGridException { Code: ErrorCodes.ConflictRetry or ErrorCodes.Unavailable } || (e is not CareGridException && ClusterFaults.IsTransient(e));

    private TimeSpan RetryDelay(int attempt)
    {
        var ms = Math.Max(0, options.Value.RetryDelayMilliseconds) * Math.Pow(2, Math.Min(attempt - 1, 10));
        return ms >= MaxRetryDelay.TotalMilliseconds ? MaxRetryDelay : TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>How long a unit seen open is taken to be open, and for how many rows at most (<see cref="EnsureUnitOpenAsync"/>).</summary>
    private static readonly (TimeSpan Time, int Rows) UnitRecheck = (TimeSpan.FromSeconds(1), 16);

    /// <summary>When each unit the rows land in was last seen open, and how many rows went to it since.</summary>
    private readonly Dictionary<string, (DateTimeOffset At, int Rows)> _unitSeenOpen = new(StringComparer.Ordinal);

    /// <summary>
    /// Refuses the row when its unit was closed (or removed) since the import began: each unit is asked again after
    /// <see cref="UnitRecheck"/> (a second or 16 rows), so a class closed during a whole-school import stops taking rows
    /// (round-30 red team: all 3,000 rows of a file landed in a class closed after the 36th). <c>VALIDATION_FAILED</c> on
    /// field <c>unit</c>, in English and Chinese; <c>NOT_FOUND</c> for a unit that no longer exists.
    /// </summary>
    private async Task EnsureUnitOpenAsync(string unitId)
    {
        var now = clock.GetUtcNow();
        if (_unitSeenOpen.TryGetValue(unitId, out var seen) && now - seen.At < UnitRecheck.Time && seen.Rows < UnitRecheck.Rows)
        {
            _unitSeenOpen[unitId] = (seen.At, seen.Rows + 1);
            return;
        }

        var org = await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, unitId)).Get() ?? throw CareGridException.NotFound("Organization", unitId);
        if (org.Status == OrganizationStatus.Closed)
        {
            _unitSeenOpen.Remove(unitId);
            throw CareGridException.Validation("unit", Bilingual.Join(
                $"The unit {org.Name} ({unitId}) was closed while the file was imported: it takes no new people. Nothing was imported from the row.",
                $"导入过程中单位“{org.Name} ({unitId})”已关闭，不再接收新的人员。该行没有导入。"));
        }

        _unitSeenOpen[unitId] = (now, 1);
    }

    /// <summary>One try of a row: the person grain's import (idempotent on the row key), then the unit's roles (idempotent).</summary>
    private async Task<ImportOutcome> ApplyAsync(RosterRow row, Actor actor)
    {
        await EnsureUnitOpenAsync(row.Person.Profile.OrganizationId!);
        var person = row.Person with
        {
            OrganizationVerified = true, RowKey = $"{LocalId}#{row.Row}", AllowMove = state.State.Status?.AllowMoves == true,
            Staff = state.State.Status?.Kind == RosterKind.Staff,
        };
        var personId = row.PersonId;
        ImportOutcome outcome;
        try
        {
            outcome = await GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId)).Import(person, actor);
        }
        catch (CareGridException e) when (e.Code == ErrorCodes.AlreadyExists && e.Details.GetValueOrDefault("field") == "externalId")
        {
            // The number may be the externalId of a person registered another way (registerPerson, a seed) under another
            // id: the row is theirs, and the same name and unit checks apply to them (new-user trial 2026-12-04: the
            // school's own roster, imported again, was refused row by row as "another person's number").
            if (await ExternalIdHolderAsync(row.Person.Profile.ExternalId, personId) is not { } holder)
            {
                throw;
            }

            personId = holder;
            outcome = await GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId)).Import(person, actor);
        }

        foreach (var role in row.Roles)
        {
            await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, row.Person.Profile.OrganizationId)).AddMember(personId, role, actor);
        }

        return outcome;
    }

    /// <summary>Stores the progress; a storage failure is logged and the import goes on (the next save or the final one stores it).</summary>
    private async Task SaveProgressAsync(ImportStatus progress)
    {
        state.State.Status = progress;
        try
        {
            await state.CommitAsync();
        }
        catch (Exception e) when (IsTransient(e))
        {
            logger.LogWarning(e, "Import {Import}: progress not stored", this.GetPrimaryKeyString());
        }
    }

    /// <summary>Stores the final status, trying again on transient storage failures (<see cref="ImportOptions.Attempts"/>).</summary>
    private async Task SaveFinalAsync()
    {
        var final = state.State.Status!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                state.State.Status = final;
                await state.CommitAsync();
                return;
            }
            catch (Exception e) when (IsTransient(e) && attempt < Math.Max(1, options.Value.Attempts))
            {
                logger.LogWarning(e, "Import {Import}: final status not stored, trying again", this.GetPrimaryKeyString());
            }

            await Task.Delay(RetryDelay(attempt), clock);
        }
    }
}
