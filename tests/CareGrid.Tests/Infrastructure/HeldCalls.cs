namespace CareGrid.Tests.Infrastructure;

/// <summary>
/// Calls held by a test double (a read side's reads, a grain storage's writes) until <see cref="Release"/>:
/// <see cref="Reached"/> completes when the first held call arrives. Disposing releases them.
/// </summary>
/// <param name="remove">Called on release, so that later calls are no longer held.</param>
public sealed class HeldCalls(Action remove) : IDisposable
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first held call arrives.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Waits (called by the test double) until <see cref="Release"/>.</summary>
    public Task WaitAsync()
    {
        _reached.TrySetResult();
        return _released.Task;
    }

    /// <summary>Lets every held call and every later one through.</summary>
    public void Release()
    {
        remove();
        _released.TrySetResult();
    }

    /// <inheritdoc />
    public void Dispose() => Release();
}
