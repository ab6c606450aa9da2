namespace CareGrid.Grains.Idempotency;

/// <summary>
/// Carries a command's idempotency key to the grain with the call (Orleans <see cref="RequestContext"/>), for grain
/// commands whose signatures take no key (the case commands, <see cref="Cases.ICaseGrain"/>); docs/idempotency.md.
/// </summary>
public static class IdempotencyContext
{
    /// <summary>The request-context entry.</summary>
    public const string Name = "caregrid.idempotencyKey";

    /// <summary>The key sent with the current call, or null.</summary>
    public static string? Current => RequestContext.Get(Name) as string;

    /// <summary>
    /// Runs <paramref name="call"/> with <paramref name="key"/> (already checked by <see cref="IdempotencyKey.Check"/>) in
    /// the request context, and removes it afterwards so later calls of the same flow do not carry it.
    /// </summary>
    public static async Task<T> WithKeyAsync<T>(string? key, Func<Task<T>> call)
    {
        if (key is null)
        {
            return await call();
        }

        RequestContext.Set(Name, key);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(Name);
        }
    }
}
