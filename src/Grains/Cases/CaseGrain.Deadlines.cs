namespace CareGrid.Grains.Cases;

public sealed partial class CaseGrain
{
    /// <summary>
    /// The activation check (R-1.10, docs/deadline-sweep.md): right after an activation reads its state, an open task that
    /// fell due while no silo held the case (the cluster was down, or the reminder is late) and is not escalated yet is
    /// escalated — and stored — before the call is served, so no caller sees a missed deadline as if it were on time.
    /// <see cref="CheckDeadlines"/> does this itself, and a <see cref="Purge"/> erases the case, so neither is preceded by it.
    /// </summary>
    /// <remarks>
    /// If the escalation cannot be stored, the call fails (the write's error) and the next call reads the state and tries
    /// again; the state never keeps an escalation that was not stored.
    /// </remarks>
    private async Task EscalateOverdueOnActivationAsync(string method)
    {
        if (!S.Exists || method is nameof(CheckDeadlines) or nameof(Purge))
        {
            return;
        }

        if (!Case().HasUnescalatedOverdueTasks)
        {
            return;
        }

        try
        {
            await CheckDeadlines();
        }
        catch
        {
            state.Unload();
            throw;
        }
    }
}
