using Azure;
using Azure.Data.Tables;
using CareGrid.Grains.Telemetry;
using CareGrid.Tests.Durable;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Observability;

/// <summary>
/// The storage request meter's duration histogram (<see cref="StorageMetrics.DurationName"/>) and the critical depth the
/// durable request lists are judged by (docs/storage-requests.md): no Azurite needed — a Table client aimed at a closed
/// port on 127.0.0.1 still sends (and fails) real requests through <see cref="StorageRequestPolicy"/>.
/// It runs alone (<see cref="StorageMeterCollection"/>): the meter is process-wide, so the durable tests' silos must not
/// record into it at the same time.
/// </summary>
[Trait("tier", "domain")]
[Collection(StorageMeterCollection.Name)]
public sealed class StorageRequestTimingShould
{
    [Fact]
    public async Task Record_each_request_once_with_its_duration_even_when_it_fails_and_keep_the_background_mark()
    {
        using var recorder = new StorageRequestRecorder();
        var table = ClosedPortTable();

        await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r"));
        using (StorageWork.Background())
        {
            await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.UpsertEntityAsync(new TableEntity("p", "r"), TableUpdateMode.Replace));
        }

        var counted = recorder.Take().Where(r => r.Table == "timingProbe").ToList();
        var timed = recorder.TakeIntervals().Where(i => i.Table == "timingProbe").ToList();
        Assert.Equal(["GET critical", "PUT background"], counted.Select(r => $"{r.Operation} {(r.Critical ? "critical" : "background")}"));
        Assert.Equal(["GET critical", "PUT background"], timed.Select(i => $"{i.Operation} {(i.Critical ? "critical" : "background")}"));
        Assert.All(timed, i => Assert.True(i.End >= i.Start));
        Assert.True(timed[0].End <= timed[1].Start, "the GET was answered before the PUT was sent");
    }

    [Fact]
    public async Task Record_per_api_request_the_critical_requests_it_waited_for_one_after_another()
    {
        var table = ClosedPortTable();
        using var recorder = new StorageRequestRecorder();

        using (StorageCommandDepth.Begin())
        {
            await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r"));
            await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r2"));
        }

        using (StorageCommandDepth.Begin())
        {
            await Task.WhenAll(
                Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r")),
                Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r2")));
            using (StorageWork.Background())
            {
                await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r3"));
            }
        }

        // A request outside any scope is not attributed to one; a scope with only background work records nothing.
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r4"));
        using (StorageCommandDepth.Begin())
        using (StorageWork.Background())
        {
            await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "r5"));
        }

        // Two after one another: 2. Two together (the second sent before the first failed, or after: at most 2) and a background one: ≤ 2.
        var depths = recorder.TakeDepths();
        Assert.Equal(2, depths.Count);
        Assert.Equal(2, depths[0]);
        Assert.InRange(depths[1], 1, 2);
        Assert.False(Orleans.Runtime.RequestContext.Get(StorageCommandDepth.ContextKey) is not null, "the scope's id is removed when it ends");
    }

    [Fact]
    public async Task Count_a_group_committed_write_for_the_api_requests_it_carries_from_when_each_queued_its_part()
    {
        var table = ClosedPortTable();
        using var recorder = new StorageRequestRecorder();
        var first = new TaskCompletionSource<long?>();
        var second = new TaskCompletionSource<(long? Scope, long QueuedAt)>();
        var secondsOwnAnswered = new TaskCompletionSource();
        var firstWritten = new TaskCompletionSource();

        // The first API request starts a writer (as ReportReceiptsGrain does for the first receipt) and waits for its own part
        // in the first write. The second queues its part while that write is under way, then sends a request of its own, which
        // is answered before the writer's second write (its part) is sent.
        var one = Task.Run(async () =>
        {
            using (StorageCommandDepth.Begin())
            {
                var queued = StorageCommandDepth.Now();
                first.SetResult(StorageCommandDepth.CurrentScope);
                var writer = Task.Run(async () =>
                {
                    StorageCommandDepth.SendFor([(await first.Task, queued)]);
                    await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "write-1"));
                    firstWritten.SetResult();
                    var part = await second.Task;
                    await secondsOwnAnswered.Task;
                    StorageCommandDepth.SendFor([part]);
                    await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "write-2"));
                });
                await firstWritten.Task;
                await writer; // the first request's scope is still open while the writer sends its next write
            }
        });
        var two = Task.Run(async () =>
        {
            using (StorageCommandDepth.Begin())
            {
                second.SetResult((StorageCommandDepth.CurrentScope, StorageCommandDepth.Now()));
                await Assert.ThrowsAnyAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "own"));
                secondsOwnAnswered.SetResult();
                await one;
            }
        });
        await Task.WhenAll(one, two);

        // Counted as sent by the writer, both would be 2: the first request's (its write, then the writer's next), and the
        // second's (its own request, then the write sent after it was answered). Each part counts from when it was queued.
        Assert.Equal([1, 1], recorder.TakeDepths());
    }

    [Fact]
    public void Count_requests_sent_one_after_another_as_depth_and_requests_under_way_together_as_one()
    {
        // Times in ticks: a claim (0–10), then an insert (12–20), then a receipt (21–30) beside a counter (22–28).
        StorageInterval Critical(long start, long end) => new("OrleansGrainState", "PUT", true, start, end);
        Assert.Equal(3, StorageRequestRecorder.CriticalDepth([Critical(0, 10), Critical(12, 20), Critical(21, 30), Critical(22, 28)]));
        // The same with the receipt and the counter sent together with the insert: two round trips.
        Assert.Equal(2, StorageRequestRecorder.CriticalDepth([Critical(0, 10), Critical(12, 20), Critical(12, 30), Critical(13, 28)]));
        // Order given does not matter; background requests do not count; nothing critical is depth 0.
        Assert.Equal(2, StorageRequestRecorder.CriticalDepth([Critical(12, 20), Critical(0, 10), new("caregridCases", "PUT", false, 20, 40), Critical(41, 50) with { Critical = false }]));
        Assert.Equal(0, StorageRequestRecorder.CriticalDepth([new("caregridAudit", "batch", false, 0, 5)]));
        // A request sent before another was answered does not follow it.
        Assert.Equal(1, StorageRequestRecorder.CriticalDepth([Critical(0, 10), Critical(9, 15)]));
    }

    /// <summary>A Table client with the counting policy, aimed at a port nobody listens on (every request fails fast, no retries).</summary>
    private static TableClient ClosedPortTable() =>
        new(new Uri($"http://127.0.0.1:{FreePorts.Next()}/devstoreaccount1/timingProbe"), "timingProbe",
            new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64])),
            StorageRequestPolicy.AddTo(new TableClientOptions { Retry = { MaxRetries = 0 } }));
}

/// <summary>Tests that listen to the process-wide storage meter without Azurite: not in parallel with other collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StorageMeterCollection
{
    public const string Name = "storage-meter";
}
