using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Grains;

/// <summary>Grain calls made from a test as a request of one tenant would make them (the tenant set in the call's context).</summary>
internal static class TenantCalls
{
    /// <summary>Runs <paramref name="call"/> with <paramref name="tenant"/> as the request's tenant, then clears it.</summary>
    public static async Task<T> AsTenant<T>(string tenant, Func<Task<T>> call)
    {
        TenantContext.Set(tenant);
        try
        {
            return await call();
        }
        finally
        {
            TenantContext.Clear();
        }
    }

    /// <summary>Runs <paramref name="call"/> with <paramref name="tenant"/> as the request's tenant, then clears it.</summary>
    public static Task AsTenant(string tenant, Func<Task> call) => AsTenant(tenant, async () =>
    {
        await call();
        return true;
    });
}
