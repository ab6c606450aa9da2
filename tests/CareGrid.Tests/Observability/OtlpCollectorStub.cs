using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareGrid.Tests.Observability;

/// <summary>One span as the collector received it (ids in lower-case hex; an empty parent for a root span).</summary>
public sealed record ReceivedSpan(string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// An OTLP/HTTP collector on 127.0.0.1 and a free port (Kestrel): <c>POST /v1/traces</c> bodies (binary protobuf
/// <c>ExportTraceServiceRequest</c>) are decoded far enough to read each span's scope, ids, name, kind and string attributes;
/// <c>/v1/metrics</c> bodies give their metric names; metric and <c>/v1/logs</c> bodies are kept raw.
/// </summary>
public sealed class OtlpCollectorStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();

    private OtlpCollectorStub(WebApplication app) => _app = app;

    /// <summary>The collector's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    /// <summary>Names of the metrics received so far.</summary>
    public ConcurrentDictionary<string, byte> MetricNames { get; } = new();

    /// <summary>Raw bodies of the <c>/v1/logs</c> requests received so far (protobuf; strings appear in them as UTF-8).</summary>
    public ConcurrentQueue<byte[]> LogBodies { get; } = new();

    /// <summary>Raw bodies of the <c>/v1/metrics</c> requests received so far (protobuf; strings appear in them as UTF-8).</summary>
    public ConcurrentQueue<byte[]> MetricBodies { get; } = new();

    /// <summary>Export requests received per signal path.</summary>
    public ConcurrentDictionary<string, int> Requests { get; } = new();

    /// <summary>Starts the collector.</summary>
    public static async Task<OtlpCollectorStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var stub = new OtlpCollectorStub(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            stub.Requests.AddOrUpdate(signal, 1, (_, n) => n + 1);
            if (signal == "traces")
            {
                foreach (var span in OtlpTraceDecoder.Decode(body.ToArray()))
                {
                    stub._spans.Enqueue(span);
                }
            }
            else if (signal == "logs")
            {
                stub.LogBodies.Enqueue(body.ToArray());
            }
            else if (signal == "metrics")
            {
                stub.MetricBodies.Enqueue(body.ToArray());
                foreach (var name in OtlpTraceDecoder.MetricNames(body.ToArray()))
                {
                    stub.MetricNames.TryAdd(name, 0);
                }
            }

            context.Response.ContentType = "application/x-protobuf";
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        stub.Endpoint = address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return stub;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// Reads the protobuf wire format of OTLP's <c>ExportTraceServiceRequest</c> (opentelemetry-proto, trace/v1): resource_spans (1) →
/// scope_spans (2) → scope (1, name 1) and spans (2): trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6, attributes 9
/// (KeyValue: key 1, value 2 → AnyValue string_value 1). Other fields are skipped by wire type.
/// </summary>
public static class OtlpTraceDecoder
{
    /// <summary>The spans of one request body.</summary>
    public static IEnumerable<ReceivedSpan> Decode(byte[] request)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1)
            {
                continue;
            }

            foreach (var (f, scopeSpans) in Fields(resourceSpans))
            {
                if (f == 2)
                {
                    ReadScopeSpans(scopeSpans, spans);
                }
            }
        }

        return spans;
    }

    /// <summary>
    /// The metric names of an <c>ExportMetricsServiceRequest</c> (metrics/v1): resource_metrics (1) → scope_metrics (2) →
    /// metrics (2) → name (1).
    /// </summary>
    public static IEnumerable<string> MetricNames(byte[] request) =>
        from resource in Fields(request) where resource.Field == 1
        from scope in Fields(resource.Value) where scope.Field == 2
        from metric in Fields(scope.Value) where metric.Field == 2
        from name in Fields(metric.Value) where name.Field == 1
        select Encoding.UTF8.GetString(name.Value);

    private static void ReadScopeSpans(byte[] scopeSpans, List<ReceivedSpan> into)
    {
        var scope = "";
        var raw = new List<byte[]>();
        foreach (var (f, value) in Fields(scopeSpans))
        {
            if (f == 1)
            {
                scope = Fields(value).Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault() ?? "";
            }
            else if (f == 2)
            {
                raw.Add(value);
            }
        }

        into.AddRange(raw.Select(span => ReadSpan(scope, span)));
    }

    private static ReceivedSpan ReadSpan(string scope, byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, string>();
        foreach (var (f, value) in Fields(span))
        {
            switch (f)
            {
                case 1: traceId = Convert.ToHexStringLower(value); break;
                case 2: spanId = Convert.ToHexStringLower(value); break;
                case 4: parent = Convert.ToHexStringLower(value); break;
                case 5: name = Encoding.UTF8.GetString(value); break;
                case 6: kind = (int)ReadVarint(value, 0, out _); break;
                case 9: ReadAttribute(value, attributes); break;
            }
        }

        return new ReceivedSpan(scope, traceId, spanId, parent, name, kind, attributes);
    }

    private static void ReadAttribute(byte[] keyValue, Dictionary<string, string> into)
    {
        string? key = null, text = null;
        foreach (var (f, value) in Fields(keyValue))
        {
            if (f == 1)
            {
                key = Encoding.UTF8.GetString(value);
            }
            else if (f == 2)
            {
                text = Fields(value).Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault();
            }
        }

        if (key is not null && text is not null)
        {
            into[key] = text;
        }
    }

    /// <summary>The fields of one message: number and payload (a varint's payload is its bytes as sent).</summary>
    private static List<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var fields = new List<(int, byte[])>();
        var at = 0;
        while (at < message.Length)
        {
            var tag = ReadVarint(message, at, out at);
            var field = (int)(tag >> 3);
            var start = at;
            switch ((int)(tag & 7))
            {
                case 0: ReadVarint(message, at, out at); break;
                case 1: at += 8; break;
                case 2:
                    var length = (int)ReadVarint(message, at, out at);
                    start = at;
                    at += length;
                    break;
                case 5: at += 4; break;
                default: throw new InvalidDataException($"Unknown protobuf wire type {tag & 7}.");
            }

            fields.Add((field, message[start..at]));
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] data, int at, out int next)
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                next = at;
                return value;
            }

            shift += 7;
        }
    }
}
