using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Moving a departing member's work (docs/staff-changes.md): the facts a plan needs, and one case's part of the move,
/// applied by <see cref="Domain.CaseAggregate.Reassign"/> and saved in one write (timeline, rows, reminder).
/// </summary>
public sealed partial class CaseGrain
{
    /// <inheritdoc />
    public Task<CaseWorkFacts?> WorkFacts() => Task.FromResult(S.Exists ? Case().WorkFacts(LocalId) : null);

    /// <inheritdoc />
    public async Task<CaseWorkMoved> ReassignWork(CaseWorkMove move, Actor actor)
    {
        EnsureExists();
        var before = S.Timeline.Count;
        var moved = Case().Reassign(LocalId, move, actor);
        if (S.Timeline.Count != before)
        {
            await SaveAsync();
        }

        return moved;
    }
}
