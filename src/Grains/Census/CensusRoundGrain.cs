using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Stateless;

namespace CareGrid.Grains.Census;

/// <summary>Persisted state of a <see cref="CensusRoundGrain"/>.</summary>
[GenerateSerializer, Alias("CareGrid.CensusRoundState")]
public sealed class CensusRoundState
{
    /// <summary>False until started.</summary>
    [Id(0)] public bool Exists { get; set; }
    /// <summary>Name.</summary>
    [Id(1)] public string Name { get; set; } = "";
    /// <summary>Status.</summary>
    [Id(2)] public CensusRoundStatus Status { get; set; }
    /// <summary>Units screened, in the order given.</summary>
    [Id(3)] public List<string> OrganizationIds { get; set; } = [];
    /// <summary>Expected person id → unit.</summary>
    [Id(4)] public Dictionary<string, string> Expected { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Recorded person id → unit.</summary>
    [Id(5)] public Dictionary<string, string> Recorded { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Flagged person ids (the latest record of each counts).</summary>
    [Id(6)] public HashSet<string> Flagged { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Person id → case opened from their flag.</summary>
    [Id(7)] public Dictionary<string, string> Cases { get; set; } = new(StringComparer.Ordinal);
    /// <summary>When it started (UTC).</summary>
    [Id(8)] public DateTimeOffset StartedAt { get; set; }
    /// <summary>Who started it.</summary>
    [Id(9)] public string StartedBy { get; set; } = "";
    /// <summary>When it closed.</summary>
    [Id(10)] public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>Person id → <c>sub\nkey</c> of the keyed request that opened their case (docs/idempotency.md).</summary>
    [Id(40)] public Dictionary<string, string>? CaseKeys { get; set; }
    /// <summary>The keyed request that started the round, or null (docs/idempotency.md).</summary>
    [Id(41)] public Idempotency.RememberedWrite? CreatedBy { get; set; }
}

/// <summary>A census round with the lifecycle <c>Open → Closed</c>.</summary>
[GrainType("census-round")]
public sealed class CensusRoundGrain(
    [PersistentState("censusRound", StorageNames.Default)] IPersistentState<CensusRoundState> state,
    IReadModelStore readModel,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ICensusRoundGrain
{
    private string TenantId => TenantIds.TenantOf(this.GetPrimaryKeyString());
    private string LocalId => TenantIds.LocalOf(this.GetPrimaryKeyString());
    private CensusRoundState S => state.State;

    /// <inheritdoc />
    public async Task<CensusProgress> Start(StartCensusRound input, Actor actor)
    {
        var fingerprint = Idempotency.IdempotencyKey.Fingerprint("startCensusRound", input.Name, input.OrganizationIds);
        if (S.Exists)
        {
            if (Idempotency.RememberedWrites.Replays(S.CreatedBy, actor.Subject, input.IdempotencyKey, fingerprint, "startCensusRound"))
            {
                return Progress();
            }

            throw new CareGridException(ErrorCodes.AlreadyExists, $"Census round '{LocalId}' already exists.");
        }

        var name = PersonValidation.Text(input.Name, "name", 200);
        var orgs = (input.OrganizationIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (orgs.Count is 0 or > CensusRoundLimits.MaxOrganizations)
        {
            throw CareGridException.Validation("organizationIds", $"A census round covers 1–{CensusRoundLimits.MaxOrganizations} units.");
        }

        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var orgId in orgs)
        {
            var org = await GrainFactory.GetRef<IOrganizationGrain>(TenantIds.Key(TenantId, orgId)).Get()
                ?? throw CareGridException.NotFound("Organization", orgId);
            if (org.Status == OrganizationStatus.Closed)
            {
                throw CareGridException.Validation("organizationIds", $"The organization '{orgId}' is closed.");
            }

            string? after = null;
            var query = new PersonQuery(OrganizationIds: [orgId], Staff: false);
            while (true)
            {
                var page = await readModel.QueryPeopleAsync(TenantId, query, 100, after);
                foreach (var row in page.Items)
                {
                    expected[row.Id] = orgId;
                }

                if (expected.Count > CensusRoundLimits.MaxPeople)
                {
                    throw CareGridException.Validation("organizationIds", $"A census round covers at most {CensusRoundLimits.MaxPeople} people: split it.");
                }

                if (2 * expected.Sum(e => CensusRoundLimits.EstimatedBytes(e.Key, e.Value)) > CensusRoundLimits.MaxExpectedBytes)
                {
                    throw CareGridException.Validation("organizationIds",
                        "These units hold too many people for one census round's stored state (docs/storage.md): split it into rounds over fewer units.");
                }

                if (!page.HasNextPage || page.Items.Count == 0)
                {
                    break;
                }

                after = page.Items[^1].Id;
            }
        }

        state.State = new CensusRoundState
        {
            Exists = true,
            Name = name,
            Status = CensusRoundStatus.Open,
            OrganizationIds = orgs,
            Expected = expected,
            StartedAt = clock.GetUtcNow(),
            StartedBy = actor.Subject,
            CreatedBy = input.IdempotencyKey is { } key ? new Idempotency.RememberedWrite(actor.Subject, key, fingerprint, clock.GetUtcNow()) : null,
        };
        await state.CommitAsync();
        await GrainFactory.GetGrain<Jurisdictions.IJurisdictionGrain>(TenantId).Track(Jurisdictions.TrackedKind.CensusRound, LocalId);
        return Progress();
    }

    /// <inheritdoc />
    public async Task<CensusProgress> Record(CensusEntry entry, Actor actor)
    {
        EnsureExists();
        EnsureOpen("Record");
        if (!Enum.IsDefined(entry.Mood))
        {
            throw CareGridException.Validation("mood", "Unknown mood.");
        }

        if ((entry.Flags & ~AllFlags) != 0)
        {
            throw CareGridException.Validation("flags", "Unknown flag.");
        }

        var note = PersonValidation.OptionalText(entry.Note, "note", 1000);
        var person = GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, entry.PersonId));
        var info = await person.Get() ?? throw CareGridException.NotFound("Person", entry.PersonId);
        var unit = S.Expected.GetValueOrDefault(entry.PersonId)
            ?? (S.OrganizationIds.Contains(info.OrganizationId) ? info.OrganizationId : null)
            ?? throw CareGridException.Validation("personId", "The person is not in a unit of this census round.");
        if (!S.Recorded.ContainsKey(entry.PersonId))
        {
            EnsureRoom(CensusRoundLimits.EstimatedBytes(entry.PersonId, unit) * (S.Expected.ContainsKey(entry.PersonId) ? 2 : 3));
        }

        var record = new CensusRecord(LocalId, clock.GetUtcNow(), actor.Subject, entry.Mood, entry.Flags, note, entry.IdempotencyKey);
        await person.RecordCensus(record);
        S.Expected.TryAdd(entry.PersonId, unit);
        S.Recorded[entry.PersonId] = unit;
        if (record.IsFlagged)
        {
            S.Flagged.Add(entry.PersonId);
        }
        else
        {
            S.Flagged.Remove(entry.PersonId);
        }

        await state.CommitAsync();
        return Progress();
    }

    /// <inheritdoc />
    public async Task<CaseView> OpenCase(string personId, string summary, RiskLevel riskLevel, Actor actor, string? idempotencyKey = null)
    {
        EnsureExists();
        var keyOfCaller = idempotencyKey is null ? null : actor.Subject + "\n" + idempotencyKey;
        if (S.Cases.TryGetValue(personId, out var existing) && (keyOfCaller is null || S.CaseKeys?.GetValueOrDefault(personId) != keyOfCaller))
        {
            throw new CareGridException(ErrorCodes.AlreadyExists, $"A case was already opened from this flag: '{existing}'.",
                new Dictionary<string, string> { ["caseId"] = existing });
        }

        if (!S.Flagged.Contains(personId) && existing is null)
        {
            throw CareGridException.Validation("personId", "The person was not flagged in this census round.");
        }

        EnsureRoom(CensusRoundLimits.EstimatedBytes(personId, TenantIds.NewLocalId("case"))); // a case id's length, before the intake names it
        var view = await ConcernIntake.ReportAsync(GrainFactory, TenantId,
            new ReportConcern(personId, summary, riskLevel, S.Recorded.GetValueOrDefault(personId), idempotencyKey), actor);
        var caseId = view.Id;
        var person = GrainFactory.GetRef<IPersonGrain>(TenantIds.Key(TenantId, personId));
        if ((await person.Get())?.Monitoring is not MonitoringLevel.IndividualCase)
        {
            await person.ChangeMonitoring(MonitoringTrigger.OpenIndividualCase, $"case {caseId} opened from census {LocalId}", actor);
        }

        S.Cases[personId] = caseId;
        if (keyOfCaller is not null)
        {
            (S.CaseKeys ??= new(StringComparer.Ordinal))[personId] = keyOfCaller;
        }

        await state.CommitAsync();
        return view;
    }

    /// <inheritdoc />
    public async Task<CensusProgress> Close(Actor actor)
    {
        EnsureExists();
        var machine = new StateMachine<CensusRoundStatus, string>(() => S.Status, s => S.Status = s);
        machine.Configure(CensusRoundStatus.Open).Permit("Close", CensusRoundStatus.Closed);
        EnsureOpen("Close");
        machine.Fire("Close");
        S.ClosedAt = clock.GetUtcNow();
        await state.CommitAsync();
        return Progress();
    }

    /// <inheritdoc />
    public Task<CensusProgress?> GetProgress() => Task.FromResult(S.Exists ? Progress() : null);

    /// <inheritdoc />
    public async Task Purge()
    {
        await state.ClearStateAsync();
        state.State = new CensusRoundState();
        DeactivateOnIdle();
    }

    private static readonly CensusFlags AllFlags = Enum.GetValues<CensusFlags>().Aggregate(CensusFlags.None, (a, f) => a | f);

    private void EnsureExists()
    {
        if (!S.Exists)
        {
            throw CareGridException.NotFound("CensusRound", LocalId);
        }
    }

    /// <summary><c>STORAGE_LIMIT</c> when <paramref name="more"/> bytes would take the state past <see cref="CensusRoundLimits.MaxStateBytes"/>.</summary>
    private void EnsureRoom(long more)
    {
        var bytes = S.Expected.Sum(e => CensusRoundLimits.EstimatedBytes(e.Key, e.Value))
            + S.Recorded.Sum(e => CensusRoundLimits.EstimatedBytes(e.Key, e.Value))
            + S.Flagged.Sum(p => CensusRoundLimits.EstimatedBytes(p, null))
            + S.Cases.Sum(e => CensusRoundLimits.EstimatedBytes(e.Key, e.Value));
        if (bytes + more > CensusRoundLimits.MaxStateBytes)
        {
            throw new CareGridException(ErrorCodes.StorageLimit,
                "This census round's stored state is full (docs/storage.md); nothing was recorded. Record the remaining people in a new round.");
        }
    }

    private void EnsureOpen(string trigger)
    {
        if (S.Status != CensusRoundStatus.Open)
        {
            throw Transitions.Invalid(S.Status, trigger, Array.Empty<string>());
        }
    }

    private CensusProgress Progress()
    {
        var units = S.OrganizationIds.Select(org => new CensusUnitProgress(org,
            S.Expected.Count(e => e.Value == org),
            S.Recorded.Count(r => r.Value == org),
            S.Flagged.Count(p => S.Recorded.GetValueOrDefault(p) == org),
            S.Cases.Keys.Count(p => S.Recorded.GetValueOrDefault(p) == org))).ToList();
        return new CensusProgress(LocalId, S.Name, S.Status, S.StartedAt, S.StartedBy, S.ClosedAt, units, [.. S.Flagged.Order(StringComparer.Ordinal)]);
    }
}
