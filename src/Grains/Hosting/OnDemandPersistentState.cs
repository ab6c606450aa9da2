using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace CareGrid.Grains.Hosting;

/// <summary>
/// A grain's persistent state that is read from storage when the grain first needs it
/// (<see cref="EnsureLoadedAsync"/>) instead of on every activation, as Orleans' <c>[PersistentState]</c> does. It
/// uses the same <see cref="IGrainStorage"/> with the same state name and grain id, so what it reads and writes is
/// exactly what <c>[PersistentState(name, storage)]</c> would.
/// </summary>
/// <remarks>
/// A grain whose first call creates it (a new case under a fresh id) can write without reading first: with no ETag
/// the write is insert-only in Orleans' storage providers (Azure Table storage adds the row; memory storage refuses a
/// record that exists), so a record that did exist is never overwritten — the write fails with a conflict, and the
/// state is then read. That saves one storage round trip on creation.
/// </remarks>
/// <typeparam name="T">The state type.</typeparam>
public sealed class OnDemandPersistentState<T> : IPersistentState<T> where T : new()
{
    private readonly string _name;
    private readonly GrainId _grainId;
    private readonly IGrainStorage _storage;
    private readonly GrainState<T> _state = new(new T());

    /// <summary>The state <paramref name="name"/> of grain <paramref name="grainId"/> in the grain storage named <paramref name="storageName"/>.</summary>
    public OnDemandPersistentState(string name, GrainId grainId, string storageName, IServiceProvider services)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(services);
        _name = name;
        _grainId = grainId;
        _storage = services.GetRequiredKeyedService<IGrainStorage>(storageName);
    }

    /// <summary>True once the state was read from storage, or written (so this activation knows what is stored).</summary>
    public bool IsLoaded { get; private set; }

    /// <inheritdoc />
    public T State
    {
        get => _state.State!;
        set => _state.State = value;
    }

    /// <inheritdoc />
    public string? Etag => _state.ETag;

    /// <inheritdoc />
    public bool RecordExists => _state.RecordExists;

    /// <summary>Reads the state unless this activation already read or wrote it.</summary>
    public async Task EnsureLoadedAsync()
    {
        if (!IsLoaded)
        {
            await ReadStateAsync();
        }
    }

    /// <summary>Forgets what was read: the next <see cref="EnsureLoadedAsync"/> reads again.</summary>
    public void Unload() => IsLoaded = false;

    /// <inheritdoc />
    public async Task ReadStateAsync()
    {
        IsLoaded = false;
        _state.State = new T();
        _state.ETag = null;
        _state.RecordExists = false;
        await _storage.ReadStateAsync(_name, _grainId, _state);
        _state.State ??= new T();
        IsLoaded = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync()
    {
        await _storage.WriteStateAsync(_name, _grainId, _state);
        IsLoaded = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync()
    {
        await _storage.ClearStateAsync(_name, _grainId, _state);
        IsLoaded = true;
    }
}
