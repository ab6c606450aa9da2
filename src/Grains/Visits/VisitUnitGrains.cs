using CareGrid.Grains.Hosting;

namespace CareGrid.Grains.Visits;

/// <summary>A unit's visit tally for a month (see <see cref="IVisitTallyGrain"/>).</summary>
[GrainType("visit-tally")]
public sealed class VisitTallyGrain([PersistentState("visitTally", StorageNames.Default)] IPersistentState<VisitTallyState> state) : Grain, IVisitTallyGrain
{
    /// <inheritdoc />
    public async Task Mark(string personId, int days)
    {
        var before = state.State.Days.GetValueOrDefault(personId);
        if ((before | days) != before)
        {
            state.State.Days[personId] = before | days;
            await state.CommitAsync();
        }
    }

    /// <inheritdoc />
    public async Task Unmark(string personId, int days)
    {
        if (!state.State.Days.TryGetValue(personId, out var before) || (before & days) == 0)
        {
            return;
        }

        if ((before & ~days) == 0)
        {
            state.State.Days.Remove(personId);
        }
        else
        {
            state.State.Days[personId] = before & ~days;
        }

        if (state.State.Days.Count == 0)
        {
            await state.ClearStateAsync();
            state.State = new VisitTallyState();
            return;
        }

        await state.CommitAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, int>> Days() => Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>(state.State.Days, StringComparer.Ordinal));
}

/// <summary>A unit's special-groups ledger index (see <see cref="ISpecialGroupsIndexGrain"/>).</summary>
[GrainType("special-groups-index")]
public sealed class SpecialGroupsIndexGrain([PersistentState("specialGroupsIndex", StorageNames.Default)] IPersistentState<SpecialGroupsIndexState> state)
    : Grain, ISpecialGroupsIndexGrain
{
    /// <inheritdoc />
    public async Task Put(SpecialGroupsEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (state.State.Entries.GetValueOrDefault(entry.PersonId) is { } known && known.Equals(entry) && known.Groups.SequenceEqual(entry.Groups))
        {
            return;
        }

        state.State.Entries[entry.PersonId] = entry;
        await state.CommitAsync();
    }

    /// <inheritdoc />
    public async Task Remove(string personId)
    {
        if (!state.State.Entries.Remove(personId))
        {
            return;
        }

        if (state.State.Entries.Count == 0)
        {
            await state.ClearStateAsync();
            state.State = new SpecialGroupsIndexState();
            return;
        }

        await state.CommitAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SpecialGroupsEntry>> Entries() =>
        Task.FromResult<IReadOnlyList<SpecialGroupsEntry>>([.. state.State.Entries.Values.OrderBy(e => e.PersonId, StringComparer.Ordinal)]);
}
