namespace CareGrid.Grains.Tenancy;

/// <summary>
/// When a protocol task falls due (<see cref="ProtocolDeadlineBounds.Due"/>): the tenant's deadline on its calendar, cut at
/// the kind's <see cref="ProtocolDeadlineBounds.CalendarCap"/> (round 17 red team RT17-9).
/// </summary>
/// <param name="DueAt">The due instant (UTC) the task gets.</param>
/// <param name="Uncapped">The later instant (UTC) the tenant's deadline on its calendar gave when the cap cut it; null when it did not.</param>
public readonly record struct ProtocolDue(DateTimeOffset DueAt, DateTimeOffset? Uncapped)
{
    /// <summary>True when the calendar cap cut the deadline.</summary>
    public bool Capped => Uncapped is not null;
}
