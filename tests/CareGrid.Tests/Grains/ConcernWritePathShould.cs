using System.Collections.Concurrent;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Events;
using CareGrid.Grains.GroupCrisis;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Idempotency;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Trajectories;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Storage;
using Orleans.Serialization;
using Orleans.TestingHost;
using static CareGrid.Tests.Grains.TenantCalls;

namespace CareGrid.Tests.Grains;

/// <summary>
/// The critical path of <c>reportConcern</c> and <c>recordScreening</c> (#18, docs/storage-requests.md), seen at the grain
/// storage (<see cref="WatchedGrainStorage"/>), not timed: the earlier case's note, the reporter's receipt and the
/// group-crisis counter are written concurrently with the new case's own state — the receipt is written while the others,
/// and the case itself, are still held — with errors surfacing as before, and a case whose write failed stored once by the
/// keyed retry; a person's first screening writes the score trajectory without reading it first, and a
/// fresh activation of an existing trajectory adds to it instead of overwriting it.
/// </summary>
[Trait("tier", "grains")]
[Collection(WatchedStorageCollection.Name)]
public sealed class ConcernWritePathShould(ConcernWritePathShould.Cluster fixture)
{
    /// <summary>How long a write that must happen while another is held is waited for: generous, it happens at once.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private WatchedGrainStorage Storage => fixture.Storage;

    [Fact]
    public async Task Write_the_receipt_while_the_group_crisis_counter_is_still_being_written_and_keep_both()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var reporter = Seeds.PsychologyTeacher(tenant);
        var counter = GrainIdOf<IGroupCrisisUnitGrain>(IGroupCrisisUnitGrain.KeyOf(tenant, "class-7-1"));
        var receipts = GrainIdOf<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenant, reporter.Subject));

        using var held = Storage.Hold(counter);
        var report = ReportAsync(tenant, new ReportConcern(student, "Seemed withdrawn in class", RiskLevel.Low, null), reporter);
        await held.Reached.WaitAsync(Bound);

        // Before #18 the case grain awaited the counter before it answered, and the receipt came after: never while it is held.
        await Until(() => Storage.Writes(receipts) > 0, "the receipt written while the counter's write is held");
        Assert.False(report.IsCompleted);
        held.Release();

        var view = await report.WaitAsync(Bound);
        Assert.Equal(ReportOutcome.OpenedNewCase, view.ReportOutcome);
        Assert.Equal(view.Id, Assert.Single((await Receipts(tenant, reporter)).Entries).CaseId);
        Assert.True(Storage.Stored("groupCrisisUnit", counter), "the group-crisis counter is still raised (R-4.5)");
    }

    [Fact]
    public async Task Write_the_receipt_while_the_earlier_case_still_notes_the_separate_case_and_keep_both()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var reporter = Seeds.PsychologyTeacher(tenant);
        var first = await ReportAsync(tenant, new ReportConcern(student, "Cannot sleep", RiskLevel.Low, null), reporter);
        var receipts = GrainIdOf<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenant, reporter.Subject));
        var receiptWrites = Storage.Writes(receipts);

        using var held = Storage.Hold(GrainIdOf<ICaseGrain>(TenantIds.Key(tenant, first.Id)));
        var report = ReportAsync(tenant, new ReportConcern(student, "A matter of its own", RiskLevel.Low, null, SeparateCaseReason: "test: its own case"), reporter);
        await held.Reached.WaitAsync(Bound);

        // Before #18 the receipt was written only after the earlier case had stored its note.
        await Until(() => Storage.Writes(receipts) > receiptWrites, "the receipt written while the earlier case's note is held");
        Assert.False(report.IsCompleted);
        held.Release();

        var separate = await report.WaitAsync(Bound);
        Assert.Equal(ReportOutcome.OpenedNewCase, separate.ReportOutcome);
        Assert.NotEqual(first.Id, separate.Id);
        Assert.Equal([separate.Id, first.Id], (await Receipts(tenant, reporter)).Entries.Select(e => e.CaseId));
        var earlier = await AsTenant(tenant, () => fixture.Grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant, first.Id)).Get(reporter));
        Assert.Contains(earlier!.Timeline, e => e.Action == "SeparateCaseOpened" && e.Reason!.Contains(separate.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_the_receipt_and_the_earlier_cases_note_while_the_new_case_itself_is_still_being_stored()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var reporter = Seeds.PsychologyTeacher(tenant);
        var first = await ReportAsync(tenant, new ReportConcern(student, "Cannot sleep", RiskLevel.Low, null), reporter);
        var receipts = GrainIdOf<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenant, reporter.Subject));
        var earlier = GrainIdOf<ICaseGrain>(TenantIds.Key(tenant, first.Id));
        var (receiptWrites, earlierWrites) = (Storage.Writes(receipts), Storage.Writes(earlier));
        const string key = "separate-while-held";
        var caseId = IdempotencyKey.DeriveId("case", tenant, reporter.Subject, key);

        using var held = Storage.Hold(GrainIdOf<ICaseGrain>(TenantIds.Key(tenant, caseId)));
        var report = ReportAsync(tenant, new ReportConcern(student, "A matter of its own", RiskLevel.Low, null, key, SeparateCaseReason: "test: its own case"), reporter);
        await held.Reached.WaitAsync(Bound);

        // Before, both waited for the new case's stored state: a third storage round trip after the person's claim and the case.
        await Until(() => Storage.Writes(receipts) > receiptWrites && Storage.Writes(earlier) > earlierWrites,
            "the receipt and the earlier case's note written while the new case's own write is held");
        Assert.False(report.IsCompleted);
        held.Release();

        var separate = await report.WaitAsync(Bound);
        Assert.Equal((caseId, ReportOutcome.OpenedNewCase), (separate.Id, separate.ReportOutcome));
        Assert.Equal([caseId, first.Id], (await Receipts(tenant, reporter)).Entries.Select(e => e.CaseId));
        var timeline = (await AsTenant(tenant, () => fixture.Grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant, first.Id)).Get(reporter)))!.Timeline;
        Assert.Single(timeline, e => e.Action == "SeparateCaseOpened" && e.Reason!.Contains(caseId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fail_a_report_whose_case_was_not_stored_with_that_error_and_store_it_once_when_the_key_is_sent_again()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var reporter = Seeds.PsychologyTeacher(tenant);
        var first = await ReportAsync(tenant, new ReportConcern(student, "Cannot sleep", RiskLevel.Low, null), reporter);
        const string key = "separate-refused";
        var caseId = IdempotencyKey.DeriveId("case", tenant, reporter.Subject, key);
        var input = new ReportConcern(student, "A matter of its own", RiskLevel.Low, null, key, SeparateCaseReason: "test: its write refused once");
        var newCase = fixture.Grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant, caseId));

        using (Storage.Fail(newCase.GetGrainId(), "the new case's write is refused (test)"))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => ReportAsync(tenant, input, reporter));
            Assert.Contains("the new case's write is refused (test)", Messages(error), StringComparison.Ordinal);
        }

        // The receipt written alongside names a case that was never stored: the case gives no receipt (myReports lists none).
        Assert.Null(await AsTenant(tenant, () => newCase.ReceiptFor(reporter.Subject)));

        // The same key again: the case is stored under the same id, and neither its receipt nor the earlier case's note is added twice.
        var separate = await ReportAsync(tenant, input, reporter);
        Assert.Equal((caseId, ReportOutcome.OpenedNewCase), (separate.Id, separate.ReportOutcome));
        Assert.NotNull(await AsTenant(tenant, () => newCase.ReceiptFor(reporter.Subject)));
        Assert.Equal([caseId, first.Id], (await Receipts(tenant, reporter)).Entries.Select(e => e.CaseId));
        var timeline = (await AsTenant(tenant, () => fixture.Grains.GetGrain<ICaseGrain>(TenantIds.Key(tenant, first.Id)).Get(reporter)))!.Timeline;
        Assert.Single(timeline, e => e.Action == "SeparateCaseOpened" && e.Reason!.Contains(caseId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fail_the_report_when_the_receipt_is_refused_and_with_the_earlier_cases_error_when_both_are()
    {
        // The receipt refused: the report fails (the reporter must be able to find the case), as before #18.
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var reporter = Seeds.PsychologyTeacher(tenant);
        var first = await ReportAsync(tenant, new ReportConcern(student, "Cannot sleep", RiskLevel.Low, null), reporter);
        var receipts = GrainIdOf<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenant, reporter.Subject));
        using (Storage.Fail(receipts, "the receipt's write is refused (test)"))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => ReportAsync(tenant,
                new ReportConcern(student, "A matter of its own", RiskLevel.Low, null, SeparateCaseReason: "test: receipt refused"), reporter));
            Assert.Contains("the receipt's write is refused (test)", Messages(error), StringComparison.Ordinal);
        }

        Assert.Equal([first.Id], (await Receipts(tenant, reporter)).Entries.Select(e => e.CaseId));

        // The earlier case's note and the receipt both refused: the note's error surfaces, as when the note ran first and the
        // receipt after it.
        (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        reporter = Seeds.PsychologyTeacher(tenant); // the new school's psychology teacher, whose scope covers its pupils (RT17-7)
        first = await ReportAsync(tenant, new ReportConcern(student, "Cannot sleep", RiskLevel.Low, null), reporter);
        receipts = GrainIdOf<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenant, reporter.Subject));
        using (Storage.Fail(receipts, "the receipt's write is refused (test)"))
        using (Storage.Fail(GrainIdOf<ICaseGrain>(TenantIds.Key(tenant, first.Id)), "the earlier case's write is refused (test)"))
        {
            var error = await Assert.ThrowsAnyAsync<Exception>(() => ReportAsync(tenant,
                new ReportConcern(student, "A matter of its own", RiskLevel.Low, null, SeparateCaseReason: "test: both refused"), reporter));
            Assert.Contains("the earlier case's write is refused (test)", Messages(error), StringComparison.Ordinal);
            Assert.DoesNotContain("the receipt's write is refused (test)", Messages(error), StringComparison.Ordinal);
        }

        Assert.Equal([first.Id], (await Receipts(tenant, reporter)).Entries.Select(e => e.CaseId));
    }

    [Fact]
    public async Task Write_one_reporters_receipts_that_arrive_during_a_write_together_in_the_next_write_and_fail_them_together()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        var reporter = Seeds.PsychologyTeacher(tenant);
        var grain = fixture.Grains.GetGrain<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenant, reporter.Subject));
        var id = grain.GetGrainId();
        Task Add(string caseId) => AsTenant(tenant, () => grain.Add(caseId, ReportOutcome.OpenedNewCase, null, null));

        Task first, failed;
        Task[] rest, refused;
        using (var held = Storage.Hold(id))
        {
            first = Add("case-1");
            await held.Reached.WaitAsync(Bound);
            rest = [.. Enumerable.Range(2, 5).Select(i => Add("case-" + i))];
            // Page interleaves: it answers while the write is held, listing only stored receipts.
            Assert.Empty((await Receipts(tenant, reporter)).Entries);
            Assert.False(first.IsCompleted || rest.Any(t => t.IsCompleted), "a receipt is acknowledged only once stored");
        }

        await Task.WhenAll(rest.Append(first)).WaitAsync(Bound);
        // Before the group commit the grain took one Add at a time: six reports, six writes one after the other. Now the
        // first write and the receipts queued behind it: usually two writes. Orleans does not order the five calls' delivery
        // against the release of the held write, so one of them may reach the grain after the next write began and go in a
        // later group (4 writes were seen on a quiet machine, about one run in five); fewer writes than reports is the rule.
        Assert.InRange(Storage.Writes(id), 2, 5);
        // Newest first; one group's receipts are in the order their calls reached the grain (not defined between concurrent calls).
        var listed = (await Receipts(tenant, reporter)).Entries.Select(e => e.CaseId).ToList();
        Assert.Equal("case-1", listed[^1]);
        Assert.Equal(["case-2", "case-3", "case-4", "case-5", "case-6"], listed[..^1].Order());

        // A refused write fails every report of its group and keeps none of their receipts (fail closed).
        using (Storage.Fail(id, "the receipts' write is refused (test)"))
        {
            using (var held = Storage.Hold(id))
            {
                failed = Add("case-7");
                await held.Reached.WaitAsync(Bound);
                refused = [Add("case-8"), Add("case-9")];
                await Receipts(tenant, reporter);
            }

            foreach (var t in refused.Append(failed))
            {
                var error = await Assert.ThrowsAnyAsync<Exception>(() => t.WaitAsync(Bound));
                Assert.Contains("the receipts' write is refused (test)", Messages(error), StringComparison.Ordinal);
            }
        }

        await Add("case-10").WaitAsync(Bound);
        Assert.Equal(["case-10", .. listed], (await Receipts(tenant, reporter)).Entries.Select(e => e.CaseId));
        Assert.Equal(["case-10", .. listed], Storage.Read<ReportReceiptsState>("reportReceipts", id).Entries.Select(e => e.CaseId).Reverse());
    }

    /// <summary>The messages of <paramref name="error"/> and every exception it wraps (a storage bridge wraps the provider's).</summary>
    private static string Messages(Exception? error)
    {
        var messages = new List<string>();
        for (; error is not null; error = error.InnerException)
        {
            messages.Add(error.Message);
        }

        return string.Join(" | ", messages);
    }

    [Fact]
    public async Task Write_a_persons_first_trajectory_without_reading_it_and_add_to_an_existing_one_from_a_fresh_activation()
    {
        var (tenant, student) = await Seeds.SchoolAsync(fixture.Grains);
        var staff = Seeds.Homeroom(tenant);
        var trajectory = fixture.Grains.GetGrain<IScoreTrajectoryGrain>(TenantIds.Key(tenant, student));
        var id = trajectory.GetGrainId();

        var first = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        await AsTenant(tenant, () => first.RecordScreening(new ScreeningAnswers(ScreeningInstrument.Phq9, [1, 1, 1, 1, 1, 1, 0, 0, 0]), staff));
        // Before #18 the activation read the trajectory first: one read, then the insert.
        Assert.Equal((0, 1), (Storage.Reads(id), Storage.Writes(id)));

        // A new activation, and a second case whose first screening looks like the person's first: the insert is refused
        // (the trajectory exists), the trajectory is read and the point added to it — never overwritten.
        await AsTenant(tenant, () => trajectory.Cast<IGrainManagementExtension>().DeactivateOnIdle().AsTask());
        var second = await Seeds.ReportAsync(fixture.Grains, tenant, student);
        await AsTenant(tenant, () => second.RecordScreening(new ScreeningAnswers(ScreeningInstrument.Phq9, [2, 2, 2, 2, 1, 1, 0, 0, 0]), staff));

        var stored = Storage.Read<ScoreTrajectoryState>("scoreTrajectory", id);
        Assert.Equal([(first.GetPrimaryKeyString(), 6), (second.GetPrimaryKeyString(), 10)],
            stored.Points.Select(p => (TenantIds.Key(tenant, p.CaseId), p.TotalScore)));
        Assert.Equal((1, 3), (Storage.Reads(id), Storage.Writes(id)));

        // A later screening on that case: the activation knows the trajectory, no read and no refused insert.
        await AsTenant(tenant, () => second.RecordScreening(new ScreeningAnswers(ScreeningInstrument.Phq9, [1, 1, 1, 1, 1, 0, 0, 0, 0]), staff));
        Assert.Equal((1, 4), (Storage.Reads(id), Storage.Writes(id)));
        Assert.Equal(3, Storage.Read<ScoreTrajectoryState>("scoreTrajectory", id).Points.Count);
    }

    private GrainId GrainIdOf<T>(string key) where T : IGrainWithStringKey => fixture.Grains.GetGrain<T>(key).GetGrainId();

    /// <summary>Reports through the one intake of <c>reportConcern</c> (<see cref="ConcernIntake"/>), in the tenant's context.</summary>
    private Task<CaseView> ReportAsync(string tenant, ReportConcern input, Actor reporter) =>
        AsTenant(tenant, () => ConcernIntake.ReportAsync(fixture.Grains, tenant, input, reporter));

    private Task<ReportReceiptPage> Receipts(string tenant, Actor reporter) =>
        AsTenant(tenant, () => fixture.Grains.GetGrain<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenant, reporter.Subject)).Page(10, null));

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <see cref="Bound"/> (it holds at once when the code is right).</summary>
    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not seen within " + Bound.TotalSeconds + " s: " + what);
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// The embedded default's grain storage (<see cref="InMemoryGrainStorage"/>) with a watch: it counts reads and write
    /// attempts per grain, can hold one grain's writes until released (the write is counted when it arrives) and can refuse
    /// one grain's writes or reads.
    /// </summary>
    public sealed class WatchedGrainStorage(IGrainStorage inner) : IGrainStorage
    {
        private readonly ConcurrentDictionary<GrainId, int> _reads = new();
        private readonly ConcurrentDictionary<GrainId, int> _writes = new();
        private readonly ConcurrentDictionary<GrainId, HeldCalls> _held = new();
        private readonly ConcurrentDictionary<GrainId, string> _refused = new();
        private readonly ConcurrentDictionary<GrainId, string> _readRefused = new();
        private readonly ConcurrentDictionary<(string, GrainId), bool> _stored = new();
        private readonly ConcurrentDictionary<(string, GrainId), object> _lastWritten = new();

        public int Reads(GrainId id) => _reads.GetValueOrDefault(id);

        public int Writes(GrainId id) => _writes.GetValueOrDefault(id);

        /// <summary>True once a write of <paramref name="stateName"/> of <paramref name="id"/> was stored.</summary>
        public bool Stored(string stateName, GrainId id) => _stored.ContainsKey((stateName, id));

        /// <summary>The stored state of <paramref name="id"/>, read past the watch.</summary>
        public T Read<T>(string stateName, GrainId id) where T : new()
        {
            var state = new GrainState<T>(new T());
            inner.ReadStateAsync(stateName, id, state).GetAwaiter().GetResult();
            return state.State!;
        }

        /// <summary>Stores <paramref name="state"/> as <paramref name="stateName"/> of <paramref name="id"/> past the watch (a state written earlier, e.g. by an older shape).</summary>
        public void Write<T>(string stateName, GrainId id, T state) where T : new()
        {
            var current = new GrainState<T>(new T());
            inner.ReadStateAsync(stateName, id, current).GetAwaiter().GetResult();
            inner.WriteStateAsync(stateName, id, new GrainState<T>(state) { ETag = current.ETag }).GetAwaiter().GetResult();
        }

        /// <summary>The state last handed to a write of <paramref name="stateName"/> of <paramref name="id"/> (stored or not), or default.</summary>
        public T? LastWritten<T>(string stateName, GrainId id) => _lastWritten.TryGetValue((stateName, id), out var state) ? (T)state : default;

        /// <summary>Holds every write of <paramref name="id"/> until the result is released or disposed.</summary>
        public HeldCalls Hold(GrainId id) => _held[id] = new HeldCalls(() => _held.TryRemove(id, out _));

        /// <summary>Refuses every write of <paramref name="id"/> with <paramref name="message"/> until disposed.</summary>
        public IDisposable Fail(GrainId id, string message)
        {
            _refused[id] = message;
            return new Undo(() => _refused.TryRemove(id, out _));
        }

        /// <summary>Refuses every read of <paramref name="id"/> with <paramref name="message"/> until disposed (storage unreachable).</summary>
        public IDisposable FailReads(GrainId id, string message)
        {
            _readRefused[id] = message;
            return new Undo(() => _readRefused.TryRemove(id, out _));
        }

        public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            _reads.AddOrUpdate(grainId, 1, (_, n) => n + 1);
            if (_readRefused.TryGetValue(grainId, out var message))
            {
                throw new InvalidOperationException(message);
            }

            await inner.ReadStateAsync(stateName, grainId, grainState);
        }

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            _writes.AddOrUpdate(grainId, 1, (_, n) => n + 1);
            if (grainState.State is { } written)
            {
                _lastWritten[(stateName, grainId)] = written;
            }

            if (_held.TryGetValue(grainId, out var held))
            {
                await held.WaitAsync();
            }

            if (_refused.TryGetValue(grainId, out var message))
            {
                throw new InvalidOperationException(message);
            }

            await inner.WriteStateAsync(stateName, grainId, grainState);
            _stored[(stateName, grainId)] = true;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>A one-silo test cluster as <see cref="ClusterFixture"/>, whose grain storage is a <see cref="WatchedGrainStorage"/>.</summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private TestCluster _cluster = null!;

        public IGrainFactory Grains => _cluster.Client;

        /// <summary>The silo's default grain storage, resolved from its services (built on first use, whichever test asks first).</summary>
        public WatchedGrainStorage Storage =>
            (WatchedGrainStorage)_cluster.SiloServices().GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

        public async Task InitializeAsync()
        {
            var builder = new TestClusterBuilder(1);
            builder.Options.BaseSiloPort = FreePorts.Next();
            builder.Options.BaseGatewayPort = FreePorts.Next();
            builder.AddSiloBuilderConfigurator<SiloConfigurator>();
            _cluster = builder.Build();
            await _cluster.DeployAsync();
        }

        public async Task DisposeAsync()
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        private sealed class SiloConfigurator : ISiloConfigurator
        {
            public void Configure(ISiloBuilder silo)
            {
                silo.Services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, ClusterFixture.SharedClock);
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Default, static (services, key) => new WatchedGrainStorage(
                    new InMemoryGrainStorage(services.GetKeyedService<IGrainStorageSerializer>(key)
                        ?? new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()))));
                silo.UseInMemoryReminderService();
                silo.AddCareGridGrains();
                // No periodic deadline sweep: tests move the fake clock and expect escalations only from what they call (docs/deadline-sweep.md).
                silo.Services.Configure<DeadlineSweepOptions>(o => o.Interval = TimeSpan.Zero);
                silo.Services.AddSingleton<ICareEventSink>(RecordingCareEventSink.Shared);
            }
        }
    }
}

/// <summary>
/// The test classes that share one <see cref="ConcernWritePathShould.Cluster"/> (one silo started once for both):
/// <see cref="ConcernWritePathShould"/> and the receipt index's block tests.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WatchedStorageCollection : ICollectionFixture<ConcernWritePathShould.Cluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "watched grain storage";
}
