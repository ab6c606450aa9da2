using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.Durable;

/// <summary>
/// The read side's group commit (<see cref="TableGroupCommit"/>, on Azurite): concurrent upserts of one partition share
/// entity-group transactions, every acknowledged row is stored, a row refused by the service fails alone while the
/// rest of its batch is stored, and a row written twice ends with its later value.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class TableGroupCommitShould(AzuriteFixture azurite)
{
    private readonly RequestCounter _requests = new();

    [SkippableFact]
    public async Task Store_every_row_of_concurrent_upserts_in_far_fewer_round_trips_than_rows()
    {
        azurite.RequireAzurite();
        var (table, commit) = await TableAsync();
        var tenants = new[] { "t-a", "t-b" };
        _requests.Clear();

        await Task.WhenAll(Enumerable.Range(0, 300).Select(i => commit.UpsertAsync(Row(tenants[i % 2], $"row-{i:D3}", i))));

        Assert.True(_requests.Count <= 30, $"{_requests.Count} round trips for 300 rows");
        foreach (var tenant in tenants)
        {
            var stored = await RowsAsync(table, tenant);
            Assert.Equal(150, stored.Count);
            Assert.All(stored, r => Assert.Equal(int.Parse(r.RowKey[4..]), r.GetInt32("Value")));
        }
    }

    [SkippableFact]
    public async Task Fail_only_the_refused_row_of_a_batch_and_store_the_others()
    {
        azurite.RequireAzurite();
        var (table, commit) = await TableAsync();

        // A control character is not allowed in a RowKey: the service refuses that one operation of the transaction.
        var writes = Enumerable.Range(0, 40).Select(i => commit.UpsertAsync(Row("t", i == 17 ? "bad\u0001key" : $"row-{i:D2}", i))).ToArray();
        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return null;
            }
            catch (RequestFailedException ex)
            {
                return ex;
            }
        }));

        Assert.NotNull(outcomes[17]);
        Assert.All(outcomes.Where((_, i) => i != 17), Assert.Null);
        var stored = await RowsAsync(table, "t");
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i != 17).Select(i => $"row-{i:D2}"), stored.Select(r => r.RowKey));
    }

    [SkippableFact]
    public async Task Keep_the_later_value_of_a_row_written_twice_at_once()
    {
        azurite.RequireAzurite();
        var (table, commit) = await TableAsync();

        var writes = new List<Task>();
        // Many rounds: with two batches in flight per partition, a row's later write must never land before its earlier one.
        const int rounds = 40;
        for (var round = 0; round < rounds; round++)
        {
            writes.AddRange(Enumerable.Range(0, 10).Select(i => commit.UpsertAsync(Row("t", $"row-{i}", round * 100 + i))));
        }

        await Task.WhenAll(writes);

        var stored = await RowsAsync(table, "t");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => ((rounds - 1) * 100) + i), stored.Select(r => r.GetInt32("Value")!.Value));
    }

    [SkippableFact]
    public async Task Send_a_later_write_of_a_row_only_after_the_batch_holding_its_earlier_write_landed()
    {
        azurite.RequireAzurite();
        var hold = new HoldFirstRequest();
        var (table, commit) = await TableAsync(hold);

        // The first write of row-0 is held in flight; meanwhile row-0 is written 39 more times and rows 1–9 40 times each.
        var first = commit.UpsertAsync(Row("t", "row-0", 0));
        await hold.Arrived;
        var later = Enumerable.Range(1, 39).Select(round => commit.UpsertAsync(Row("t", "row-0", round * 100))).ToList();
        var others = Enumerable.Range(0, 40).SelectMany(round => Enumerable.Range(1, 9).Select(i => commit.UpsertAsync(Row("t", $"row-{i}", (round * 100) + i)))).ToList();
        await Task.WhenAll(others);
        hold.Release();
        await Task.WhenAll(later.Append(first));

        var stored = await RowsAsync(table, "t");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 3900 + i), stored.Select(r => r.GetInt32("Value")!.Value));
    }

    [SkippableFact]
    public async Task Fail_every_waiting_row_when_the_service_cannot_be_reached()
    {
        azurite.RequireAzurite();
        var unreachable = new TableServiceClient(new Uri($"http://127.0.0.1:{FreePort()}/devstoreaccount1"),
            new TableSharedKeyCredential("devstoreaccount1", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="),
            new TableClientOptions { Retry = { MaxRetries = 0 } });
        var commit = new TableGroupCommit(unreachable.GetTableClient("nowhere"));

        var writes = Enumerable.Range(0, 10).Select(i => commit.UpsertAsync(Row("t", $"row-{i}", i))).ToArray();

        foreach (var write in writes)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => write);
        }
    }

    private async Task<(TableClient Table, TableGroupCommit Commit)> TableAsync(HttpPipelinePolicy? extra = null)
    {
        var options = new TableClientOptions();
        options.AddPolicy(_requests, HttpPipelinePosition.PerCall);
        if (extra is not null)
        {
            options.AddPolicy(extra, HttpPipelinePosition.PerCall);
        }

        var table = new TableServiceClient(azurite.ConnectionString, options).GetTableClient("gc" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();
        return (table, new TableGroupCommit(table));
    }

    private static TableEntity Row(string partition, string row, int value) => new(partition, row) { ["Value"] = value };

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Holds the first request after the table exists until <see cref="Release"/>; <see cref="Arrived"/> completes when it is held.</summary>
    private sealed class HoldFirstRequest : HttpPipelinePolicy
    {
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _seen;

        public Task Arrived => _arrived.Task;

        public void Release() => _released.TrySetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            // The table's creation passes; the first write after it is held.
            if (message.Request.Method != RequestMethod.Post || !message.Request.Uri.ToUri().AbsolutePath.EndsWith("/Tables", StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref _seen) == 1)
                {
                    _arrived.TrySetResult();
                    await _released.Task;
                }
            }

            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();
    }

    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentQueue<Uri> _uris = new();

        public int Count => _uris.Count;

        public void Clear() => _uris.Clear();

        public override void OnSendingRequest(HttpMessage message) => _uris.Enqueue(message.Request.Uri.ToUri());
    }
}
