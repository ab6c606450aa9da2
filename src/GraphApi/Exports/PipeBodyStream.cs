using System.Buffers;
using System.IO.Pipelines;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// A write-only stream over the response's <see cref="PipeWriter"/> for the export writers: writes (synchronous ones too,
/// as the ZIP of an XLSX makes) only copy into the pipe's buffers and never block; <see cref="FlushAsync"/> sends what was
/// written and waits while the client is slow (the pipe's back-pressure). The writers flush after every chunk of rows, so
/// the memory an export holds is a chunk, not the file (docs/statistics.md "Exports").
/// </summary>
internal sealed class PipeBodyStream(PipeWriter body) : Stream
{
    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        body.Write(buffer);
        Written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Does nothing: synchronous code never blocks on the network; <see cref="FlushAsync"/> sends.</summary>
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        var result = await body.FlushAsync(cancellationToken);
        if (result.IsCanceled || result.IsCompleted)
        {
            // The client is gone: stop producing rows.
            throw new OperationCanceledException("The client stopped reading the export.", cancellationToken);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
