using Azure.Data.Tables;
using CareGrid.Grains.Telemetry;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// Creates a store's Azure tables once, on first use, however many callers race to it: the first caller creates them
/// (<c>CreateIfNotExists</c>, so an existing table is fine), the others wait, and later calls return at once. A failed
/// creation is tried again by the next caller. Shared by the read side, the audit log and the case history stores.
/// </summary>
/// <param name="tables">The tables to create, in order.</param>
public sealed class TableCreation(params TableClient[] tables)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    /// <summary>Creates every table unless this instance already did.</summary>
    /// <exception cref="Azure.RequestFailedException">The table service refused or could not be reached.</exception>
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                // Once per store and process: not a command's own work (docs/storage-requests.md).
                using var background = StorageWork.Background();
                foreach (var table in tables)
                {
                    await table.CreateIfNotExistsAsync(cancellationToken);
                }

                _created = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
