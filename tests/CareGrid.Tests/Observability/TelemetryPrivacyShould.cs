using System.Collections.Concurrent;
using System.Text;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CareGrid.Tests.Observability;

/// <summary>
/// What telemetry must never carry (docs/observability.md "Traces", "Metrics", "Logs"): a staff subject (an e-mail address) that
/// grain keys are built from (<c>staff:{subject}</c>, <c>receipts/{subject}</c>) in any exported span name or tag, metric or OTLP
/// log record — even with Orleans' Debug lines, which name the grains they activate, exported; and the query string of a GraphQL
/// GET (document and variables: a person's name) in any span or any log record — console, OTLP or any other provider — even when
/// the configuration asks for ASP.NET Core's Information lines.
/// </summary>
[Trait("tier", "api")]
public sealed class TelemetryPrivacyShould
{
    private const string SubjectName = "wren.okafor"; // a staff member's login name, found nowhere else in the service
    private const string Subject = SubjectName + "@demo-school";

    [Fact]
    public async Task Export_no_span_whose_name_or_tags_carry_the_staff_subject_of_a_grain_key()
    {
        await using var collector = await OtlpCollectorStub.StartAsync();
        await using var factory = new OtlpApiFactory(collector.Endpoint, new ConcurrentQueue<string>());
        var client = factory.GraphQL();
        var token = factory.TokenFor(Subject, "demo-school", Roles.Counsellor);
        var student = await DemoStudents.NewAsync(client, factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin)); // a unit the admin covers

        (await client.PostAsync("/t/demo-school/graphql",
            "mutation PrivacyReport($in: ReportConcernInput!) { reportConcern(input: $in) { id } }",
            new { @in = new { personId = student, summary = "Felt alone at lunch", riskLevel = "LOW" } }, token)).EnsureNoErrors();

        var tracing = factory.Services.GetRequiredService<TracerProvider>();
        var spans = await WaitForSpansAsync(collector, tracing, "mutation PrivacyReport");

        // The subject-keyed grain was called and its call exported, with its grain ids as tags (so the check below has teeth).
        Assert.Contains(spans, s => s.Name.Contains("IReportReceiptsGrain", StringComparison.Ordinal));
        var grainIds = spans.SelectMany(s => s.Attributes).Where(a => a.Key.StartsWith("orleans.", StringComparison.Ordinal) && a.Key.EndsWith("_id", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(grainIds);

        var leaks = spans.Where(s => Leaks(s.Name) || s.Attributes.Any(a => Leaks(a.Value)))
            .Select(s => s.Name + " {" + string.Join(", ", s.Attributes.Select(a => a.Key + "=" + a.Value)) + "}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Contains(grainIds, a => a.Value.Contains("/#", StringComparison.Ordinal));

        // Nor any exported metric (raw protobuf: a '@' byte may be part of a number, so only the subject's name is looked for).
        Assert.True(factory.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.NotEmpty(collector.MetricBodies);
        Assert.DoesNotContain(collector.MetricBodies, body => Encoding.UTF8.GetString(body).Contains(SubjectName, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Export_no_log_record_naming_a_staff_subject_even_with_orleans_logging_grain_ids_at_debug()
    {
        await using var collector = await OtlpCollectorStub.StartAsync();
        var factory = new OtlpApiFactory(collector.Endpoint, new ConcurrentQueue<string>(), orleansDebug: true);
        await using (factory)
        {
            var client = factory.GraphQL();
            var token = factory.TokenFor(Subject, "demo-school", Roles.Counsellor);
            var student = await DemoStudents.NewAsync(client, factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin)); // a unit the admin covers
            (await client.PostAsync("/t/demo-school/graphql",
                "mutation PrivacyLog($in: ReportConcernInput!) { reportConcern(input: $in) { id } }",
                new { @in = new { personId = student, summary = "Felt alone at lunch", riskLevel = "LOW" } }, token)).EnsureNoErrors();
            Assert.True(factory.Services.GetRequiredService<LoggerProvider>().ForceFlush(30_000));
        }

        // Orleans named the subject-keyed grains (scrubbed), never the subject.
        var exported = string.Join("\n", collector.LogBodies.Select(body => Encoding.UTF8.GetString(body)));
        Assert.DoesNotContain(SubjectName, exported, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("(receipts/|staff:)#[0-9a-f]{16}", exported);
    }

    [Fact]
    public async Task Log_no_query_string_of_a_graphql_get_even_when_configured_at_information()
    {
        var marker = "AdaLovelace" + Guid.NewGuid().ToString("N"); // a person's name, as a variable of a GraphQL GET
        var lines = new ConcurrentQueue<string>();
        await using var collector = await OtlpCollectorStub.StartAsync();
        var factory = new OtlpApiFactory(collector.Endpoint, lines, information: true);
        await using (factory)
        {
            var token = factory.TokenFor(Subject, "demo-school", Roles.Counsellor);
            var query = Uri.EscapeDataString("query PrivacyGet($m: String) { __typename }");
            var variables = Uri.EscapeDataString("{\"m\":\"" + marker + "\"}");
            var answer = await factory.GraphQL().GetAsync($"/t/demo-school/graphql?query={query}&variables={variables}", token);
            Assert.NotNull(answer.Body);
            factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CareGrid.Tests.Probe").LogInformation("Probe {Word}", "probe-" + marker[..12]);
            Assert.True(factory.Services.GetRequiredService<LoggerProvider>().ForceFlush(30_000));
            await WaitForServerSpanAsync(collector, factory.Services.GetRequiredService<TracerProvider>());
        }

        // Information lines do reach both the in-memory provider and the OTLP collector (the probe), the marker reaches neither.
        Assert.Contains(lines, line => line.Contains("probe-" + marker[..12], StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(marker, StringComparison.Ordinal) || line.StartsWith("Microsoft.AspNetCore.Hosting.Diagnostics Information", StringComparison.Ordinal));
        var exported = string.Join("\n", collector.LogBodies.Select(body => Encoding.UTF8.GetString(body)));
        Assert.Contains("probe-" + marker[..12], exported, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, exported, StringComparison.Ordinal);

        // The GET's server span was exported, its query string values redacted.
        Assert.Contains(collector.Spans, s => s.Attributes.TryGetValue("url.path", out var path) && path == "/t/demo-school/graphql");
        Assert.DoesNotContain(collector.Spans, s => s.Name.Contains(marker, StringComparison.Ordinal) || s.Attributes.Values.Any(v => v.Contains(marker, StringComparison.Ordinal)));
    }

    private static bool Leaks(string value) =>
        value.Contains('@', StringComparison.Ordinal) || value.Contains(SubjectName, StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns once a server span of the GraphQL path has arrived (it ends after the answer is written; bounded at 400 flushes).</summary>
    private static async Task WaitForServerSpanAsync(OtlpCollectorStub collector, TracerProvider tracing)
    {
        for (var flush = 0; flush < 400 && !collector.Spans.Any(s => s.Attributes.TryGetValue("url.path", out var path) && path == "/t/demo-school/graphql"); flush++)
        {
            Assert.True(tracing.ForceFlush(10_000));
            await Task.Delay(50);
        }
    }

    /// <summary>Every span received once the span named <paramref name="operation"/> has arrived (bounded at 400 flushes).</summary>
    private static async Task<List<ReceivedSpan>> WaitForSpansAsync(OtlpCollectorStub collector, TracerProvider tracing, string operation)
    {
        for (var flush = 0; flush < 400; flush++)
        {
            Assert.True(tracing.ForceFlush(10_000));
            if (collector.Spans.Any(s => s.Name == operation) && collector.Spans.Any(s => s.Name.Contains("IReportReceiptsGrain", StringComparison.Ordinal)))
            {
                return [.. collector.Spans];
            }

            await Task.Delay(50);
        }

        return [.. collector.Spans];
    }

    /// <summary>
    /// The API factory exporting to <paramref name="endpoint"/>, with an in-memory logger provider; <paramref name="information"/>
    /// asks for ASP.NET Core's Information lines in every way configuration can (default, category, per provider);
    /// <paramref name="orleansDebug"/> has the OTLP provider take Orleans' Debug lines (they name the grains they activate).
    /// </summary>
    private sealed class OtlpApiFactory(string endpoint, ConcurrentQueue<string> lines, bool information = false, bool orleansDebug = false) : CareGridApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            if (information)
            {
                builder.UseSetting("Logging:LogLevel:Default", "Information");
                builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Trace");
                builder.UseSetting("Logging:OpenTelemetry:LogLevel:Microsoft.AspNetCore", "Information");
                builder.UseSetting("Logging:" + typeof(CapturingProvider).FullName + ":LogLevel:Default", "Trace");
            }

            if (orleansDebug)
            {
                builder.UseSetting("Logging:OpenTelemetry:LogLevel:Orleans", "Debug");
            }

            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new CapturingProvider(lines)));
        }
    }

    private sealed class CapturingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => p.Key + "=" + p.Value)) : "";
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {values}");
            }
        }
    }
}
