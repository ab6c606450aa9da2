using CareGrid.Grains.Events;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Imports;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// A roster import on a busy cluster (docs/rosters.md "On a busy cluster"): person calls that time out or fail transiently
/// are tried again and every row lands exactly once; a row that never gets through is reported as not written while the
/// rest lands; a permanent refusal is not retried; all imports of a silo share one bound on person calls in flight. Faults
/// come from <see cref="ImportFaults"/>, a grain call filter on the person grains' <c>Import</c> that every import goes through.
/// </summary>
[Trait("tier", "grains")]
public sealed class ImportOnBusyClusterShould(ImportOnBusyClusterShould.Cluster fixture) : IClassFixture<ImportOnBusyClusterShould.Cluster>
{
    private const int SiloBound = 5;
    private const int Attempts = 4;
    private const string Header = "externalId,displayName,sex,birthYear";

    private static readonly Actor Admin = new("admin@school", [Roles.TenantAdmin]);

    [Fact]
    public async Task Land_every_row_exactly_once_when_person_calls_time_out_or_fail_transiently()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        // Row i: 0 times out before the call, 1 is stored but its answer times out, 2 is stored but its read-side row fails
        // (storage 503), 3 times out twice, 4 goes through.
        ImportFaults.Shared.Plan(tenant, (person, attempt) => (Number(person) % 5, attempt) switch
        {
            (0, 1) => ImportFault.TimeoutBefore,
            (1, 1) => ImportFault.TimeoutAfter,
            (2, 1) => ImportFault.ReadSideDown,
            (3, 1 or 2) => ImportFault.TimeoutBefore,
            _ => ImportFault.None,
        });
        var csv = Roster(0, 200);

        var status = await ImportAsync(tenant, "first", csv);

        Assert.Equal((ImportState.Completed, 200, 200, 200, 0, 0, 0, 0), Counts(status));
        Assert.Equal(160, status.Retried);
        Assert.Empty(status.Errors);
        Assert.Null(status.Message);
        Assert.Equal(2, ImportFaults.Shared.Tries(tenant, "ext-S0001")); // stored on the first try: the second answered its outcome
        Assert.Equal(3, ImportFaults.Shared.Tries(tenant, "ext-S0003"));
        Assert.Equal(1, ImportFaults.Shared.Tries(tenant, "ext-S0004"));

        // Each person once, in the directory and on the read side (also those whose first read-side write failed).
        var people = await ImportedPeopleAsync(tenant);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"ext-S{i:0000}"), people.Select(p => p.Id));
        Assert.Equal(200, people.Select(p => p.ExternalId).Distinct().Count());
        TenantContext.Set(tenant);
        Assert.Equal("Student 2", (await fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, "ext-S0002")).Get())!.DisplayName);
        TenantContext.Clear();

        ImportFaults.Shared.Plan(tenant, (_, _) => ImportFault.None);
        var again = await ImportAsync(tenant, "again", csv);
        Assert.Equal((ImportState.Completed, 200, 200, 0, 0, 200, 0, 0), Counts(again));
        Assert.Equal(200, (await ImportedPeopleAsync(tenant)).Count);
    }

    [Fact]
    public async Task Report_a_row_that_never_gets_through_as_not_written_land_the_rest_and_not_retry_a_refused_row()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        ImportFaults.Shared.Plan(tenant, (person, _) => Number(person) switch
        {
            7 => ImportFault.TimeoutBefore, // every try
            9 => ImportFault.Refuse,
            _ => ImportFault.None,
        });
        var csv = Roster(0, 30);

        var status = await ImportAsync(tenant, "busy", csv);

        Assert.Equal((ImportState.Completed, 30, 30, 28, 0, 0, 1, 1), Counts(status));
        Assert.Equal(Attempts, ImportFaults.Shared.Tries(tenant, "ext-S0007"));
        Assert.Equal(1, ImportFaults.Shared.Tries(tenant, "ext-S0009"));
        Assert.Equal([(9, null, true), (11, "displayName", false)], status.Errors.Select(e => (e.Row, e.Column, e.Retryable)));
        Assert.Contains("1 row(s) could not be written", status.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ext-S0007", (await ImportedPeopleAsync(tenant)).Select(p => p.Id));

        // The service is calm again: the same file lands the row that was not written and changes nothing else.
        ImportFaults.Shared.Plan(tenant, (person, _) => Number(person) == 9 ? ImportFault.Refuse : ImportFault.None);
        var again = await ImportAsync(tenant, "calm", csv);
        Assert.Equal((ImportState.Completed, 30, 30, 1, 0, 28, 1, 0), Counts(again));
        Assert.Contains("ext-S0007", (await ImportedPeopleAsync(tenant)).Select(p => p.Id));
    }

    /// <summary>Red team, round 40: the not-written message replaced the notice that the 备注 column was not read.</summary>
    [Fact]
    public async Task Keep_the_notes_notice_beside_the_not_written_message()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        ImportFaults.Shared.Plan(tenant, (person, _) => Number(person) == 3 ? ImportFault.TimeoutBefore : ImportFault.None);
        var csv = DirectoryApi.Csv(Header + ",备注", Enumerable.Range(0, 5).Select(i => $"S{i:0000},Student {i},F,2013,父母离异"));

        var status = await ImportAsync(tenant, "notes", csv);

        Assert.Equal(1, status.NotWritten);
        Assert.Contains("1 row(s) could not be written", status.Message, StringComparison.Ordinal);
        Assert.Contains("Free-text notes are not imported", status.Message, StringComparison.Ordinal);
        Assert.Contains("未读取", Bilingual.Split(status.Message!).Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keep_the_person_calls_of_imports_at_once_within_the_silo_bound()
    {
        var (tenant, _) = await Seeds.SchoolAsync(fixture.Grains);
        ImportFaults.Shared.Plan(tenant, (_, _) => ImportFault.None);
        ImportFaults.Shared.HoldInWavesOf(SiloBound, 3 * 40);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ImportAsync(tenant, $"at-once-{i}", Roster(i * 40, 40))));

        Assert.All(statuses, s => Assert.Equal((ImportState.Completed, 40, 40, 40, 0, 0, 0, 0), Counts(s)));
        Assert.Equal(SiloBound, ImportFaults.Shared.Peak); // each import alone may keep 8 in flight: 24 without the shared bound
        Assert.Equal(120, (await ImportedPeopleAsync(tenant)).Count);
    }

    private static int Number(string personId) => int.Parse(personId.AsSpan("ext-S".Length), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Rows <c>S{from}</c>… of a people roster (data row i is spreadsheet row i + 2).</summary>
    private static string Roster(int from, int count) =>
        DirectoryApi.Csv(Header, Enumerable.Range(from, count).Select(i => $"S{i:0000},Student {i},{(i % 2 == 0 ? "F" : "M")},2013"));

    private static (ImportState, int Total, int Processed, int Created, int Updated, int Unchanged, int Invalid, int NotWritten) Counts(ImportStatus s) =>
        (s.State, s.Total, s.Processed, s.Created, s.Updated, s.Unchanged, s.Invalid, s.NotWritten);

    /// <summary>Starts an import through the import grain and long-polls it (<see cref="IImportGrain.WaitAsync"/>) until it is done.</summary>
    private async Task<ImportStatus> ImportAsync(string tenant, string importId, string csv)
    {
        TenantContext.Set(tenant);
        try
        {
            var grain = fixture.Grains.GetGrain<IImportGrain>(TenantIds.Key(tenant, importId));
            var status = await grain.Start(new ImportRequest("class-7-1", RosterKind.People, csv), Admin);
            for (var polls = 0; !status.Done && polls < 20; polls++)
            {
                status = (await grain.WaitAsync(TimeSpan.FromSeconds(30)))!;
            }

            return status;
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    /// <summary>The read side's people of the tenant that came from a roster (<c>ext-…</c>), by id.</summary>
    private async Task<List<PersonRow>> ImportedPeopleAsync(string tenant)
    {
        var rows = new List<PersonRow>();
        string? after = null;
        do
        {
            var page = await fixture.ReadModel.QueryPeopleAsync(tenant, PersonQuery.All, 100, after);
            rows.AddRange(page.Items.Where(r => r.Id.StartsWith("ext-", StringComparison.Ordinal)));
            after = page.HasNextPage ? page.Items[^1].Id : null;
        }
        while (after is not null);
        return rows;
    }

    /// <summary>
    /// A one-silo test cluster as <see cref="ClusterFixture"/> with <see cref="ImportFaults"/> on the person grains and the read
    /// side, and small import bounds: 8 rows per import, <see cref="SiloBound"/> per silo, <see cref="Attempts"/> tries, no wait
    /// between tries (the domain clock is fake).
    /// </summary>
    public sealed class Cluster : IAsyncLifetime
    {
        private static readonly IReadModelStore Store = ImportFaults.Shared.ReadSide(new InMemoryReadModelStore());

        private TestCluster _cluster = null!;

        public IGrainFactory Grains => _cluster.Client;

        public IReadModelStore ReadModel => Store;

        public async Task InitializeAsync()
        {
            _cluster = await TestSilo.DeployAsync<SiloConfigurator>();
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
                silo.AddIncomingGrainCallFilter(ImportFaults.Shared);
                silo.AddCareGridForTests(ClusterFixture.SharedClock, services =>
                {
                    services.AddSingleton(Store);
                    services.Configure<ImportOptions>(o =>
                    {
                        o.MaxConcurrentRowsPerImport = 8;
                        o.MaxConcurrentRowsPerSilo = SiloBound;
                        o.Attempts = Attempts;
                        o.RetryDelayMilliseconds = 0;
                    });
                });
                silo.Services.AddSingleton<ICareEventSink>(RecordingCareEventSink.Shared);
            }
        }
    }
}
