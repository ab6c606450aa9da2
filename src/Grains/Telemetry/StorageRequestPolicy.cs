using System.Diagnostics;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace CareGrid.Grains.Telemetry;

/// <summary>
/// Counts every HTTP request a Table client sends into <see cref="StorageMetrics"/> (docs/storage-requests.md). Add it
/// per retry (<see cref="HttpPipelinePosition.PerRetry"/>) to the <c>TableClientOptions</c> of the service client the
/// silo hands to its own stores and to Orleans' grain storage, clustering and reminders (<see cref="AddTo"/>), so a retry
/// counts as the request it is, and records each request's time to its answer (<see cref="StorageMetrics.DurationName"/>).
/// Without a listener it only checks a flag.
/// </summary>
public sealed class StorageRequestPolicy : HttpPipelinePolicy
{
    /// <summary>Bytes of an entity-group transaction's body read to find the table of its first operation.</summary>
    private const int BatchHeadBytes = 2048;

    /// <summary>Adds a new policy to <paramref name="options"/> at <see cref="HttpPipelinePosition.PerRetry"/>; returns the options.</summary>
    public static T AddTo<T>(T options)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(new StorageRequestPolicy(), HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <inheritdoc />
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!StorageMetrics.Enabled)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        var (table, operation, critical) = Count(message);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Completed(table, operation, critical, started);
        }
    }

    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!StorageMetrics.Enabled)
        {
            ProcessNext(message, pipeline);
            return;
        }

        var (table, operation, critical) = Count(message);
        var started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Completed(table, operation, critical, started);
        }
    }

    private static void Completed(string table, string operation, bool critical, long started)
    {
        var answered = Stopwatch.GetTimestamp();
        StorageMetrics.Completed(table, operation, critical, Stopwatch.GetElapsedTime(started, answered).TotalSeconds);
        if (critical)
        {
            StorageCommandDepth.Completed(started, answered);
        }
    }

    /// <summary>Counts the request about to be sent and returns its tags (the mark of background work is read now, in the sender's flow).</summary>
    private static (string Table, string Operation, bool Critical) Count(HttpMessage message)
    {
        var path = message.Request.Uri.Path;
        var isBatch = path.EndsWith("$batch", StringComparison.Ordinal);
        var operation = isBatch ? StorageMetrics.BatchOperation : message.Request.Method.Method;
        var table = isBatch ? BatchTable(message.Request.Content) : TableOf(path);
        var critical = !StorageWork.IsBackground && !StorageWork.IsOrleansBackground(table, operation);
        StorageMetrics.Request(table, operation, critical);
        return (table, operation, critical);
    }

    /// <summary>
    /// The table a request path addresses: its last segment without the key or query parentheses (<c>/acct/Cases(PartitionKey=..)</c>
    /// → <c>Cases</c>); <see cref="StorageMetrics.ServiceTable"/> for <c>Tables</c> (create, delete, list) and the service root.
    /// </summary>
    internal static string TableOf(string path)
    {
        var segment = path.AsSpan().TrimEnd('/');
        var slash = segment.LastIndexOf('/');
        segment = segment[(slash + 1)..];
        var paren = segment.IndexOf('(');
        if (paren >= 0)
        {
            segment = segment[..paren];
        }

        segment = Uri.UnescapeDataString(segment.ToString()).AsSpan();
        return segment.IsEmpty || segment.SequenceEqual("Tables") || segment.SequenceEqual("$batch")
            ? StorageMetrics.ServiceTable
            : segment.ToString();
    }

    /// <summary>
    /// The table of an entity-group transaction (all its operations address one table and partition): the first operation's
    /// request line in the multipart body (<c>PUT http://host/acct/Cases(PartitionKey='p',RowKey='r') HTTP/1.1</c>).
    /// </summary>
    internal static string BatchTable(RequestContent? content)
    {
        if (content is null)
        {
            return StorageMetrics.ServiceTable;
        }

        using var head = new HeadStream(BatchHeadBytes);
        content.WriteTo(head, CancellationToken.None);
        var text = Encoding.UTF8.GetString(head.Head);
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (!trimmed.EndsWith(" HTTP/1.1", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = trimmed.Split(' ');
            if (parts.Length == 3 && Uri.TryCreate(parts[1], UriKind.Absolute, out var uri))
            {
                return TableOf(uri.AbsolutePath);
            }
        }

        return StorageMetrics.ServiceTable;
    }

    /// <summary>A write-only stream that keeps the first bytes written to it and discards the rest.</summary>
    private sealed class HeadStream(int capacity) : Stream
    {
        private readonly byte[] _head = new byte[capacity];
        private int _length;

        public ReadOnlySpan<byte> Head => _head.AsSpan(0, _length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var take = Math.Min(buffer.Length, _head.Length - _length);
            buffer[..take].CopyTo(_head.AsSpan(_length));
            _length += take;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
