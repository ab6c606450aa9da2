using System.Buffers;
using Orleans.Serialization;
using Orleans.Storage;

namespace CareGrid.Grains.Hosting;

/// <summary>
/// Grain state in Orleans' binary format, byte for byte what <see cref="OrleansGrainStorageSerializer"/> writes, but
/// allocating only the exact-size result per write. Orleans' serializer writes into a new growing
/// <see cref="ArrayBufferWriter{T}"/> per call (every doubling of the buffer is a new array) and answers a view of the
/// last, oversized one, which the embedded store then copied to keep. Here each thread reuses one scratch buffer and a
/// write allocates one array of the state's length. The profile that found it (docs/write-path-profile.md): the
/// buffer's growth and that copy were about a quarter of the bytes an embedded <c>reportConcern</c> allocated.
/// </summary>
/// <remarks>
/// Serialization is synchronous, so a thread-local buffer cannot be shared by two writes; a nested call on the same
/// thread gets a buffer of its own. A scratch buffer that grew past <see cref="MaxKeptBytes"/> is dropped after use, so
/// one very large state does not keep its size pinned on a thread. Reading is Orleans' own.
/// </remarks>
public sealed class ExactGrainStorageSerializer(Serializer serializer) : IGrainStorageSerializer
{
    /// <summary>The largest scratch buffer a thread keeps between writes: 256 KiB.</summary>
    public const int MaxKeptBytes = 256 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input)
    {
        var buffer = t_scratch ?? new ArrayBufferWriter<byte>(4096);
        t_scratch = null; // taken; a nested call on this thread makes its own
        try
        {
            serializer.Serialize(input, buffer);
            return new BinaryData(buffer.WrittenSpan.ToArray());
        }
        finally
        {
            if (buffer.Capacity <= MaxKeptBytes)
            {
                buffer.ResetWrittenCount();
                t_scratch = buffer;
            }
        }
    }

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return serializer.Deserialize<T>(input.ToMemory())!; // as Orleans' own: a stored null reads as null
    }
}
