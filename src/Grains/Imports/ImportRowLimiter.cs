using Microsoft.Extensions.Options;

namespace CareGrid.Grains.Imports;

/// <summary>
/// The silo-wide bound on the person calls of roster imports (<see cref="ImportOptions.MaxConcurrentRowsPerSilo"/>): every
/// import grain of the silo takes a slot before calling a person grain and gives it back when the call ends, so many imports
/// at once queue here instead of flooding the person grains, storage and the tenant's statistics feed (docs/rosters.md).
/// Waiters are served in arrival order. One instance per silo.
/// </summary>
public sealed class ImportRowLimiter(IOptions<ImportOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrentRowsPerSilo));

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public async Task<IDisposable> EnterAsync()
    {
        await _slots.WaitAsync();
        return new Slot(_slots);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
