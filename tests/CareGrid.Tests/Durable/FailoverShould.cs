using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// Two CareGrid processes form one cluster through Azure Table membership (Azurite). A bounded, paced load of keyed writes
/// — <c>registerPerson</c> without an id, <c>reportConcern</c> about people who have an open case (the concern joins it) and
/// <c>logContact</c> on those cases, each with its own <c>idempotencyKey</c> — runs against both while one process is
/// killed (SIGKILL, no graceful shutdown). Every request that answered <c>UNAVAILABLE</c>/<c>CONFLICT_RETRY</c> or lost its
/// connection is retried with the same key, as docs/operations.md and docs/idempotency.md advise. Afterwards each write exists exactly once (acknowledged
/// ones) or at most once (given up), every failed request failed in a retryable way, and the cluster serves every request
/// again within <see cref="RecoveryBound"/> (docs/idempotency.md).
/// </summary>
/// <remarks>
/// Retryable, as the client sees it: a transport error (connection refused or reset by the killed process, a client
/// timeout), or a GraphQL error with code <c>UNAVAILABLE</c> (a silo lost or not yet declared dead, a call timeout) or
/// <c>CONFLICT_RETRY</c>. A retry of a write whose earlier attempt was applied answers that first result. Anything else
/// (e.g. <c>INTERNAL</c>, <c>IDEMPOTENCY_KEY_REUSED</c>) fails the test.
/// </remarks>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class FailoverShould(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>How long after the kill every request must be served again (membership tuned in <see cref="DurableSettings"/>).</summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    private const int Writes = 150;
    private const int KillAfter = 40;
    private const int OpenCases = 8;
    private const int MaxRequests = 300;
    private const int MaxAttemptsPerId = 8;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(70);

    private readonly ConcurrentBag<Attempt> _attempts = [];
    private int _requests;

    [SkippableFact]
    public async Task Keep_each_acknowledged_mutation_exactly_once_and_serve_again_when_a_silo_is_killed()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "failover");
        var clock = Stopwatch.StartNew();
        await using var a = SiloProcess.Start("silo-a", settings.ForSilo(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
        await using var b = SiloProcess.Start("silo-b", settings.ForSilo(FreePorts.Next(), FreePorts.Next(), FreePorts.Next()));
        try
        {
            await Task.WhenAll(a.WaitHealthyAsync(TimeSpan.FromSeconds(90)), b.WaitHealthyAsync(TimeSpan.FromSeconds(90)));
            output.WriteLine($"two silos up (PIDs {a.Pid}, {b.Pid}) in {clock.Elapsed.TotalSeconds:F1} s");

            using var httpA = new HttpClient { BaseAddress = a.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            using var httpB = new HttpClient { BaseAddress = b.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            var tenant = "fo-" + settings.ClusterId[^10..];
            var setup = new TenantBuilder(new GraphQLClient(httpA), settings);
            await setup.OnboardAsync(tenant, "SCHOOL");
            await setup.CreateOrganizationAsync(tenant, "school", "SCHOOL", null, null);
            var token = settings.Token("psych@" + tenant, tenant, Roles.Counsellor);
            var silos = new[] { new Target("silo-a", httpA), new Target("silo-b", httpB) };

            // Both silos must serve the tenant before the load starts (silo-b reads the registry through its own cache).
            (await new GraphQLClient(httpB).PostAsync(TenantBuilder.Path(tenant), "{ organizations { id } }", token: token)).EnsureNoErrors();

            // People with an open case each: the load's concerns join these cases and its contacts are logged on them.
            var cases = new List<string>();
            for (var c = 0; c < OpenCases; c++)
            {
                await setup.RegisterAsync(tenant, $"c-{c}", "school");
                cases.Add(await setup.ReportAsync(tenant, $"c-{c}", "LOW"));
            }

            var load = Stopwatch.StartNew();
            TimeSpan? killedAt = null;
            var tasks = new List<Task<Outcome>>();
            for (var i = 0; i < Writes; i++)
            {
                if (i == KillAfter)
                {
                    await b.KillAsync();
                    killedAt = load.Elapsed;
                    output.WriteLine($"killed silo-b (PID {b.Pid}) at {killedAt.Value.TotalSeconds:F2} s into the load, after {KillAfter} requests were sent");
                }

                tasks.Add(WriteWithRetriesAsync(silos, i, KeyedWrite.For(i, cases), tenant, token, load));

                // The load is paced so that it spans the fail-over of the killed process (a bounded wait, 150 × 70 ms).
                await Task.Delay(Pace);
            }

            var outcomes = await Task.WhenAll(tasks);
            var loadTime = load.Elapsed;

            // Every failed attempt failed in a retryable way.
            var attempts = _attempts.OrderBy(x => x.Start).ToList();
            var fatal = attempts.Where(x => !x.Ok && !x.Retryable).ToList();
            Assert.True(fatal.Count == 0, "Requests failed with a non-retryable error:\n" + string.Join('\n', fatal.Take(20)) + "\n" + a.RecentOutput());

            // The cluster served again within the bound: after the last failed attempt on the surviving silo, all succeed.
            var failuresOnSurvivor = attempts.Where(x => !x.Ok && x.Silo == "silo-a" && x.Start >= killedAt!.Value).ToList();
            var lastFailure = failuresOnSurvivor.Count == 0 ? killedAt!.Value : failuresOnSurvivor.Max(x => x.End);
            var window = lastFailure - killedAt!.Value;
            var okAfter = attempts.Count(x => x.Ok && x.Silo == "silo-a" && x.Start > lastFailure);
            output.WriteLine($"load: {Writes} keyed writes, {attempts.Count} requests in {loadTime.TotalSeconds:F1} s; " +
                $"{attempts.Count(x => x.Ok)} ok, {attempts.Count(x => !x.Ok)} failed and retried");
            foreach (var group in attempts.Where(x => !x.Ok).GroupBy(x => (x.Silo, x.Result)).OrderBy(g => g.Key.Silo))
            {
                output.WriteLine($"  {group.Key.Silo}: {group.Key.Result} × {group.Count()}");
            }

            output.WriteLine($"fail-over: the surviving silo answered its last retryable error {window.TotalSeconds:F2} s after the kill " +
                $"(bound {RecoveryBound.TotalSeconds:F0} s); {okAfter} requests succeeded on it after that");
            Assert.True(window <= RecoveryBound, $"The cluster served again only {window.TotalSeconds:F1} s after the kill (bound {RecoveryBound.TotalSeconds} s).");
            Assert.True(okAfter >= 20, $"Too few requests ({okAfter}) were served after the last failure to show the cluster serves again.");
            Assert.True(_requests <= MaxRequests, $"{_requests} requests were sent (bound {MaxRequests}).");

            // Every write exists exactly once (acknowledged) or at most once (given up).
            var acknowledged = outcomes.Count(o => o.Acknowledged);
            Assert.True(acknowledged >= Writes - 5, $"Only {acknowledged} of {Writes} writes were acknowledged.");
            var stored = await StoredWritesAsync(new GraphQLClient(httpA), tenant, token, cases, outcomes);
            foreach (var outcome in outcomes)
            {
                var count = stored.GetValueOrDefault(outcome.Write.Marker);
                Assert.True(outcome.Acknowledged ? count == 1 : count <= 1,
                    $"{outcome.Write.Marker} ({(outcome.Acknowledged ? "acknowledged" : "given up")}) is stored {count} times.");
            }

            output.WriteLine($"verified: {acknowledged} acknowledged, {stored.Values.Sum()} stored, each once; " +
                $"{outcomes.Count(o => o.RetriedAfterAmbiguity)} acknowledged on a retry after an unknown outcome " +
                $"(UNAVAILABLE or a lost connection; the retry with the same key answered without writing again when the first attempt was applied); " +
                $"total {clock.Elapsed.TotalSeconds:F1} s");
        }
        catch
        {
            output.WriteLine("silo-a output:\n" + a.RecentOutput(120));
            output.WriteLine("silo-b output:\n" + b.RecentOutput(60));
            throw;
        }
        finally
        {
            settings.DeleteKey();
        }
    }

    private async Task<Outcome> WriteWithRetriesAsync(Target[] silos, int index, KeyedWrite write, string tenant, string token, Stopwatch load)
    {
        var body = JsonSerializer.Serialize(new { query = write.Query, variables = write.Variables });
        var ambiguous = false;
        for (var attempt = 0; attempt < MaxAttemptsPerId; attempt++)
        {
            // Alternate between the silos; skip one that refused a connection (the client's view of a dead endpoint).
            var target = silos[(index + attempt) % silos.Length];
            if (target.Down)
            {
                target = silos.First(s => !s.Down || s == target);
            }

            if (Interlocked.Increment(ref _requests) > MaxRequests)
            {
                return new Outcome(write, false, ambiguous);
            }

            var start = load.Elapsed;
            var (result, retryable, ok) = await SendAsync(target, tenant, token, body, write.Field);
            _attempts.Add(new Attempt(write.Marker, target.Name, start, load.Elapsed, result, ok, retryable));
            if (ok)
            {
                return new Outcome(write, true, ambiguous);
            }

            if (!retryable)
            {
                return new Outcome(write, false, ambiguous);
            }

            ambiguous = true;

            // Back off before retrying with the same key: the cluster needs a few seconds to declare the killed silo dead (bounded: ≤ 8 × 1 s).
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 200 * (attempt + 1))));
        }

        return new Outcome(write, false, ambiguous);
    }

    /// <returns>result text, retryable, ok (acknowledged).</returns>
    private static async Task<(string Result, bool Retryable, bool Ok)> SendAsync(Target target, string tenant, string token, string body, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TenantBuilder.Path(tenant).TrimStart('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await target.Http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonNode? json = null;
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
            }

            var errors = json?["errors"] as JsonArray;
            if (response.IsSuccessStatusCode && errors is null or { Count: 0 } && json?["data"]?[field] is not null)
            {
                return ("ok", false, true);
            }

            var code = errors is { Count: > 0 } ? errors[0]?["extensions"]?["code"]?.GetValue<string>() : null;
            return code switch
            {
                "UNAVAILABLE" or "CONFLICT_RETRY" => ($"{(int)response.StatusCode} {code}", true, false),
                _ => ($"{(int)response.StatusCode} {code ?? "no code"}: {text[..Math.Min(text.Length, 300)]}", false, false),
            };
        }
        catch (HttpRequestException ex)
        {
            target.Down = true;
            return ($"transport: {ex.HttpRequestError}", true, false);
        }
        catch (TaskCanceledException)
        {
            return ("transport: client timeout", true, false);
        }
    }

    /// <summary>
    /// How many times each write's marker is stored: people registered under their key's derived id (each read back, which
    /// also heals a lost read-side row) and listed by name, concerns on the cases' timelines, contacts in their notes.
    /// </summary>
    private static async Task<Dictionary<string, int>> StoredWritesAsync(GraphQLClient client, string tenant, string token, List<string> cases, Outcome[] outcomes)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string marker) => counts[marker] = counts.GetValueOrDefault(marker) + 1;
        foreach (var outcome in outcomes.Where(o => o.Write.Field == "registerPerson"))
        {
            var id = CareGrid.Grains.Idempotency.IdempotencyKey.DeriveId("person", tenant, "psych@" + tenant, outcome.Write.Key);
            var person = await client.PostAsync(TenantBuilder.Path(tenant), $"{{ person(id: \"{id}\") {{ id }} }}", token: token);
            Assert.True(person.Errors is null or { Count: 0 } || person.FirstCode == "FORBIDDEN", $"{id}: {person.Body?.ToJsonString()}");
        }

        string? after = null;
        for (var page = 0; page < 20; page++)
        {
            var afterArgument = after is null ? "" : $", after: \"{after}\"";
            var response = await client.PostAsync(TenantBuilder.Path(tenant),
                $"{{ people(first: 100{afterArgument}) {{ nodes {{ id displayName }} pageInfo {{ hasNextPage endCursor }} }} }}", token: token);
            var connection = response.EnsureNoErrors().Data!["people"]!;
            foreach (var node in connection["nodes"]!.AsArray().Where(n => n!["displayName"]!.GetValue<string>().StartsWith("w-", StringComparison.Ordinal)))
            {
                Count(node!["displayName"]!.GetValue<string>());
            }

            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        foreach (var caseId in cases)
        {
            var read = await client.PostAsync(TenantBuilder.Path(tenant), $"{{ case(id: \"{caseId}\") {{ timeline {{ action reason }} contacts {{ notes }} }} }}", token: token);
            var c = read.EnsureNoErrors().Data!["case"]!;
            foreach (var entry in c["timeline"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() == "ConcernAdded"))
            {
                Count(entry!["reason"]!.GetValue<string>().Split(": ", 2)[1]);
            }

            foreach (var contact in c["contacts"]!.AsArray())
            {
                Count(contact!["notes"]!.GetValue<string>());
            }
        }

        return counts;
    }

    /// <summary>One keyed write of the load; <see cref="Marker"/> is the text by which it is found once stored.</summary>
    private sealed record KeyedWrite(string Field, string Key, string Marker, string Query, object Variables)
    {
        /// <summary>Write <paramref name="i"/>: a person, a concern about an open case's person, or a contact on it, in turn.</summary>
        public static KeyedWrite For(int i, List<string> cases)
        {
            var key = $"w-{i:D4}-{Guid.NewGuid():N}";
            var marker = $"w-{i:D4}";
            var open = i % cases.Count;
            return (i % 3) switch
            {
                0 => new("registerPerson", key, marker, "mutation($in: RegisterPersonInput!) { registerPerson(input: $in) { id } }",
                    new { @in = new { displayName = marker, organizationId = "school", idempotencyKey = key } }),
                1 => new("reportConcern", key, marker, "mutation($in: ReportConcernInput!) { reportConcern(input: $in) { id reportOutcome } }",
                    new { @in = new { personId = $"c-{open}", summary = marker, idempotencyKey = key } }),
                _ => new("logContact", key, marker, "mutation($id: ID!, $notes: String, $key: String) { logContact(id: $id, channel: PHONE, durationMinutes: 5, notes: $notes, idempotencyKey: $key) { id } }",
                    new { id = cases[open], notes = marker, key }),
            };
        }
    }

    private sealed class Target(string name, HttpClient http)
    {
        public string Name => name;
        public HttpClient Http => http;
        public volatile bool Down;
    }

    private sealed record Attempt(string Id, string Silo, TimeSpan Start, TimeSpan End, string Result, bool Ok, bool Retryable)
    {
        public override string ToString() => $"{Id} on {Silo} at {Start.TotalSeconds:F2}-{End.TotalSeconds:F2} s: {Result}";
    }

    private sealed record Outcome(KeyedWrite Write, bool Acknowledged, bool RetriedAfterAmbiguity);
}
