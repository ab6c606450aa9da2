using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareGrid.Grains.Imports;

/// <summary>Persisted state of an <see cref="ImportGrain"/>: progress and report only (the rows stay in memory).</summary>
[GenerateSerializer, Alias("CareGrid.ImportGrainState")]
public sealed class ImportGrainState
{
    /// <summary>The status, or null before <see cref="IImportGrain.Start"/>.</summary>
    [Id(0)] public ImportStatus? Status { get; set; }
    /// <summary>The keyed request that started the import, or null (docs/idempotency.md).</summary>
    [Id(40)] public Idempotency.RememberedWrite? CreatedBy { get; set; }
}

/// <summary>
/// Runs one roster import in the background of its activation: rows land in parallel batches of
/// <see cref="BatchSize"/>; progress is written every <see cref="SaveEvery"/> rows and at the end. The rows are kept in
/// memory only (a 20,000-row file would not fit a storage entity): an import cut short by a restart is marked Failed on
/// its next activation, and importing the same file again finishes it, since rows are idempotent.
/// </summary>
[GrainType("import")]
public sealed class ImportGrain(
    [PersistentState("import", StorageNames.Default)] IPersistentState<ImportGrainState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    ILogger<ImportGrain> logger) : Grain, IImportGrain
{
    /// <summary>Rows applied at once.</summary>
    public const int BatchSize = 64;

    /// <summary>Progress is stored after this many rows.</summary>
    public const int SaveEvery = 1000;

    private Task? _work;

    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status is { State: ImportState.Running } s)
        {
            state.State.Status = s with
            {
                State = ImportState.Failed,
                FinishedAt = clock.GetUtcNow(),
                Message = "The import was interrupted (the service restarted). Import the same file again: rows already landed are unchanged.",
            };
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task<ImportStatus> Start(ImportRequest request, Actor actor)
    {
        var fingerprint = Idempotency.IdempotencyKey.Fingerprint("importRoster", request.OrganizationId, request.Kind, request.Csv);
        if (state.State.Status is not null)
        {
            if (Idempotency.RememberedWrites.Replays(state.State.CreatedBy, actor.Subject, request.IdempotencyKey, fingerprint, "importRoster"))
            {
                return state.State.Status;
            }

            throw new CareGridException(ErrorCodes.AlreadyExists, $"Import '{LocalId}' already exists.");
        }

        if (!Enum.IsDefined(request.Kind))
        {
            throw CareGridException.Validation("kind", "The kind is PEOPLE or STAFF.");
        }

        if (string.IsNullOrWhiteSpace(request.OrganizationId))
        {
            throw CareGridException.Validation("organizationId", "An import lands in an organization.");
        }

        var org = await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, request.OrganizationId)).Get()
            ?? throw CareGridException.NotFound("Organization", request.OrganizationId);
        if (org.Status == OrganizationStatus.Closed)
        {
            throw CareGridException.Validation("organizationId", "The organization is closed: it takes no new people.");
        }

        var template = request.Kind == RosterKind.Staff ? (await GrainFactory.GetRef<IJurisdictionGrain>(TenantId).Get()).Template : null;
        var parse = RosterCsv.Parse(request.Csv ?? "", request.Kind, request.OrganizationId, clock.GetUtcNow().Year, role =>
        {
            try
            {
                OrganizationGrain.EnsureRoleFits(template, role, org.Kind);
                return null;
            }
            catch (CareGridException e)
            {
                return e.Message;
            }
        });

        var invalid = parse.InvalidRows;
        state.State.Status = new ImportStatus(LocalId, request.OrganizationId, request.Kind, ImportState.Running, parse.Total, invalid,
            0, 0, 0, invalid, [.. parse.Errors.Take(ImportStatus.MaxReportedErrors)], clock.GetUtcNow(), actor.Subject, null, null);
        state.State.CreatedBy = request.IdempotencyKey is { } key ? new Idempotency.RememberedWrite(actor.Subject, key, fingerprint, clock.GetUtcNow()) : null;
        await state.CommitAsync();
        await GrainFactory.GetRef<IJurisdictionGrain>(TenantId).Track(TrackedKind.Import, LocalId);
        this.DelayDeactivation(TimeSpan.FromMinutes(30));
        _work = RunAsync(parse.Rows, actor);
        return state.State.Status;
    }

    /// <inheritdoc />
    public Task<ImportStatus?> GetStatus() => Task.FromResult(state.State.Status);

    /// <inheritdoc />
    public async Task<ImportStatus?> WaitAsync(TimeSpan maxWait)
    {
        if (_work is { IsCompleted: false } work && maxWait > TimeSpan.Zero)
        {
            await Task.WhenAny(work, Task.Delay(maxWait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : maxWait));
        }

        return state.State.Status;
    }

    /// <inheritdoc />
    public async Task Purge()
    {
        if (_work is { IsCompleted: false } work)
        {
            await work;
        }

        await state.ClearStateAsync();
        state.State = new ImportGrainState();
        DeactivateOnIdle();
    }

    private async Task RunAsync(IReadOnlyList<RosterRow> rows, Actor actor)
    {
        TenantContext.Set(TenantId);
        var sinceSave = 0;
        try
        {
            for (var i = 0; i < rows.Count; i += BatchSize)
            {
                var batch = rows.Skip(i).Take(BatchSize).ToList();
                var results = await Task.WhenAll(batch.Select(row => ApplyAsync(row, actor)));
                var s = state.State.Status!;
                var errors = s.Errors.ToList();
                foreach (var (outcome, error) in results)
                {
                    if (error is not null && errors.Count < ImportStatus.MaxReportedErrors)
                    {
                        errors.Add(error);
                    }
                }

                state.State.Status = s with
                {
                    Processed = s.Processed + batch.Count,
                    Created = s.Created + results.Count(r => r.Outcome == ImportOutcome.Created),
                    Updated = s.Updated + results.Count(r => r.Outcome == ImportOutcome.Updated),
                    Unchanged = s.Unchanged + results.Count(r => r.Outcome == ImportOutcome.Unchanged),
                    Invalid = s.Invalid + results.Count(r => r.Error is not null),
                    Errors = [.. errors.OrderBy(e => e.Row)],
                };
                sinceSave += batch.Count;
                if (sinceSave >= SaveEvery)
                {
                    sinceSave = 0;
                    await state.CommitAsync();
                }
            }

            state.State.Status = state.State.Status! with { State = ImportState.Completed, FinishedAt = clock.GetUtcNow() };
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {Import} failed", this.GetPrimaryKeyString());
            state.State.Status = state.State.Status! with
            {
                State = ImportState.Failed,
                FinishedAt = clock.GetUtcNow(),
                Message = "The import stopped on an internal error. Import the same file again: rows already landed are unchanged.",
            };
        }

        await state.CommitAsync();
    }

    private async Task<(ImportOutcome? Outcome, ImportRowError? Error)> ApplyAsync(RosterRow row, Actor actor)
    {
        try
        {
            var outcome = await GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, row.PersonId)).Import(row.Person with { OrganizationVerified = true }, actor);
            foreach (var role in row.Roles)
            {
                await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, row.Person.Profile.OrganizationId)).AddMember(row.PersonId, role, actor);
            }

            return (outcome, null);
        }
        catch (CareGridException e)
        {
            var field = e.Details.GetValueOrDefault("field");
            return (null, new ImportRowError(row.Row, field is null ? null : field.Split('.', '[')[0], e.Message));
        }
    }
}
