namespace CareGrid.Grains.Tenancy;

/// <summary>
/// Carries the tenant of the current request across grain calls in Orleans' <see cref="RequestContext"/>
/// under the key <see cref="Key"/>. The API stamps it before every grain call; the
/// <see cref="TenantIsolationFilter"/> compares it with the tenant of the called grain's key.
/// </summary>
public static class TenantContext
{
    /// <summary>The <see cref="RequestContext"/> key that holds the tenant id.</summary>
    public const string Key = "caregrid-tenant";

    /// <summary>The tenant carried by the current call, or null.</summary>
    public static string? Current => RequestContext.Get(Key) as string;

    /// <summary>Sets the tenant carried by grain calls made from here on in this async flow.</summary>
    public static void Set(string tenantId) => RequestContext.Set(Key, tenantId);

    /// <summary>Removes the carried tenant (platform-level calls).</summary>
    public static void Clear() => RequestContext.Remove(Key);
}
