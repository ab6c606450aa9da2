using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CareGrid.Tests.Observability;

/// <summary>
/// OpenTelemetry through the real path (docs/observability.md "Telemetry"): with an OTLP endpoint configured, a
/// <c>reportConcern</c> over HTTP is ONE trace — the ASP.NET Core server span, the GraphQL operation span under it and the
/// Orleans grain calls under that — exported over OTLP/HTTP protobuf to a collector stub on 127.0.0.1; and the domain meter
/// is exported with Orleans' and ASP.NET Core's.
/// </summary>
[Trait("tier", "api")]
public sealed class TracingShould
{
    private const string Summary = "Private words a student said about wanting to disappear";

    [Fact]
    public async Task Export_one_trace_spanning_the_request_the_operation_and_the_grain_calls_of_reportConcern()
    {
        await using var collector = await OtlpCollectorStub.StartAsync();
        await using var factory = new TracedApiFactory(collector.Endpoint);
        var client = factory.GraphQL();
        var token = factory.TokenFor("psych@demo-school", "demo-school", Roles.Counsellor);
        var student = await DemoStudents.NewAsync(client, factory.TokenFor("admin@demo-school", "demo-school", Roles.TenantAdmin)); // a unit the admin covers

        var reported = await client.PostAsync("/t/demo-school/graphql",
            "mutation TraceReport($in: ReportConcernInput!) { reportConcern(input: $in) { id } }",
            new { @in = new { personId = student, summary = Summary, riskLevel = "HIGH" } }, token);
        reported.EnsureNoErrors();

        var tracing = factory.Services.GetRequiredService<TracerProvider>();
        var trace = await WaitForTraceAsync(collector, tracing);

        var operation = Assert.Single(trace, s => s.Scope == "CareGrid.GraphQL");
        Assert.Equal("mutation TraceReport", operation.Name);
        Assert.Equal("mutation", operation.Attributes["graphql.operation.type"]);
        Assert.Equal("TraceReport", operation.Attributes["graphql.operation.name"]);
        var server = trace.Single(s => s.SpanId == operation.ParentSpanId);
        Assert.Equal(2, server.Kind); // SPAN_KIND_SERVER
        Assert.Equal("", server.ParentSpanId);
        Assert.Equal("/t/demo-school/graphql", server.Attributes["url.path"]);

        var grainCalls = trace.Where(s => s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).ToList();
        Assert.Contains(grainCalls, s => s.Name.Contains("ICaseGrain", StringComparison.Ordinal) && s.Name.Contains("Report", StringComparison.Ordinal));
        Assert.All(grainCalls, call => Assert.Contains(operation.SpanId, Ancestors(trace, call)));

        // Nothing personal in any attribute: not the summary, not the document.
        Assert.DoesNotContain(trace.SelectMany(s => s.Attributes), a => a.Value.Contains("disappear", StringComparison.Ordinal) || a.Key == "graphql.document");

        var metrics = factory.Services.GetRequiredService<MeterProvider>();
        Assert.True(metrics.ForceFlush(10_000));
        var names = string.Join(", ", collector.MetricNames.Keys.Order());
        Assert.True(collector.MetricNames.ContainsKey("caregrid.concerns.reported"), names);
        Assert.True(collector.MetricNames.ContainsKey("http.server.request.duration"), names);
        Assert.True(collector.MetricNames.Keys.Any(name => name.StartsWith("orleans", StringComparison.Ordinal)), names);
    }

    /// <summary>
    /// The spans of the trace the GraphQL operation <c>TraceReport</c> belongs to, once its server span has arrived too (the server
    /// span ends after the response is written, so a flush may come before it; bounded at 400 flushes).
    /// </summary>
    private static async Task<List<ReceivedSpan>> WaitForTraceAsync(OtlpCollectorStub collector, TracerProvider tracing)
    {
        for (var flush = 0; flush < 400; flush++)
        {
            Assert.True(tracing.ForceFlush(10_000));
            var operation = collector.Spans.FirstOrDefault(s => s.Name == "mutation TraceReport");
            if (operation is not null)
            {
                var trace = collector.Spans.Where(s => s.TraceId == operation.TraceId).ToList();
                if (trace.Any(s => s.SpanId == operation.ParentSpanId))
                {
                    return trace;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail("The collector never received the operation's trace with its server span: "
            + string.Join(", ", collector.Spans.Select(s => s.Scope + ":" + s.Name)));
        return [];
    }

    private static List<string> Ancestors(List<ReceivedSpan> trace, ReceivedSpan span)
    {
        var ids = new List<string>();
        var byId = trace.ToDictionary(s => s.SpanId);
        for (var at = span; byId.TryGetValue(at.ParentSpanId, out var parent); at = parent)
        {
            ids.Add(parent.SpanId);
        }

        return ids;
    }

    /// <summary>The API factory with the standard OTLP variables set as configuration (as the environment would set them).</summary>
    private sealed class TracedApiFactory(string endpoint) : CareGridApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        }
    }
}
