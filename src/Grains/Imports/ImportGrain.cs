using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
/// Runs one roster import in the background of its activation: at most <see cref="ImportOptions.MaxConcurrentRowsPerImport"/>
/// rows in flight, each person call inside the silo-wide <see cref="ImportRowLimiter"/>; a row whose call fails transiently
/// is tried again (<see cref="ImportOptions.Attempts"/>), and one that never gets through is reported as not written while
/// the others land (docs/rosters.md "On a busy cluster"). Progress is live in <see cref="GetStatus"/>, stored every
/// <see cref="SaveEvery"/> rows and at the end. The rows are kept in memory only (a 20,000-row file would not fit a storage
/// entity): an import cut short by a restart is marked Failed on its next activation, and importing the same file again
/// finishes it, since rows are idempotent.
/// </summary>
[GrainType("import")]
public sealed partial class ImportGrain(
    [PersistentState("import", StorageNames.Default)] IPersistentState<ImportGrainState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock,
    IOptions<ImportOptions> options,
    ImportRowLimiter limiter,
    IReadModelStore readModel,
    ILogger<ImportGrain> logger) : Grain, IImportGrain
{
    /// <summary>Progress is stored after this many rows.</summary>
    public const int SaveEvery = 1000;

    private Task? _work;

    /// <summary>The counts of the rows handled so far while the import runs (<see cref="GetStatus"/> reads them live), else null.</summary>
    private ImportTally? _tally;

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
                Message = Bilingual.Join("The import was interrupted (the service restarted). Import the same file again: rows already landed are unchanged.",
                    "导入被中断（服务重新启动了）。请再次导入同一文件：已导入的行不会改变。"),
            };
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task<ImportStatus> Start(ImportRequest request, Actor actor)
    {
        // allowMoves joins the fingerprint only when set, so a key sent before moves were asked for still replays
        var fingerprint = Idempotency.IdempotencyKey.Fingerprint("importRoster", [.. FingerprintArguments(request)]);
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
        var units = request.Kind == RosterKind.People ? RosterUnits.Under(await readModel.ListOrganizationsAsync(TenantId), request.OrganizationId) : null;
        // a town's or district's 联系电话 is the resident's own phone; a school's is refused (whose? RosterColumns.BarePhones)
        var barePhoneIsOwn = request.Kind == RosterKind.People
            && await GrainFactory.GetRef<Tenancy.ITenantGrain>(TenantId).Get() is { } tenant && RosterColumns.BarePhoneIsOwnIn(tenant.Kind);
        await ContinueBelowAsync(request, actor, units);
        var parse = await ClaimAcrossPartsAsync(request, actor, RosterCsv.Parse(request.Csv ?? "", request.Kind, request.OrganizationId, clock.GetUtcNow().Year,
            RosterReasons.RoleCheck(template, org.Kind), units, RosterReasons.RoleCodeOf(template), barePhoneIsOwn), units);

        var invalid = parse.InvalidRows;
        state.State.Status = new ImportStatus(LocalId, request.OrganizationId, request.Kind, ImportState.Running, parse.Total + parse.Blank, invalid + parse.Blank,
            0, 0, 0, invalid, [.. parse.Errors.Take(ImportStatus.MaxReportedErrors)], clock.GetUtcNow(), actor.Subject, null, Notice(parse, request.PartOf is null), Blank: parse.Blank,
            AllowMoves: request.AllowMoves);
        state.State.CreatedBy = request.IdempotencyKey is { } key ? new Idempotency.RememberedWrite(actor.Subject, key, fingerprint, clock.GetUtcNow()) : null;
        await state.CommitAsync();
        await GrainFactory.GetRef<IJurisdictionGrain>(TenantId).Track(TrackedKind.Import, LocalId);
        KeepAlive();
        _work = RunAsync(parse.Rows, actor);
        return state.State.Status;
    }

    /// <summary>
    /// The import's message, in English and Chinese: a title row above the header was skipped (<see cref="RosterCsv.WithoutTitleRows"/>),
    /// notes columns were not read (<see cref="RosterColumns.NotesNotice"/>); null when neither. A later part of a file sent in
    /// parts (not <paramref name="firstPart"/>) has the first part's header, whose notes columns the first part's message
    /// already names: it does not name them again, so a client showing each part's message shows the notice once.
    /// </summary>
    private static string? Notice(RosterParse parse, bool firstPart)
    {
        return Bilingual.JoinAll(new[] { parse.Title is { } title ? RosterCsv.TitleSkipped(title) : ((string, string)?)null, firstPart ? parse.NotesNotice : null }
            .OfType<(string English, string Chinese)>());
    }

    /// <inheritdoc />
    public Task<ImportStatus?> GetStatus() => Task.FromResult(Current());

    /// <inheritdoc />
    public async Task<ImportStatus?> WaitAsync(TimeSpan maxWait)
    {
        if (_work is { IsCompleted: false } work && maxWait > TimeSpan.Zero)
        {
            await Task.WhenAny(work, Task.Delay(maxWait > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : maxWait));
        }

        return Current();
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
}
