namespace CareGrid.Grains.Hosting;

/// <summary>
/// The key of the <see cref="TimeProvider"/> that CareGrid's domain code reads (deadlines, timelines, TTLs).
/// It is a keyed service so that tests can put a fake clock under the domain without also handing it to
/// Orleans' and ASP.NET Core's own machinery (membership, gateways, token lifetimes), which resolve the
/// unkeyed <see cref="TimeProvider"/> and must keep real time.
/// </summary>
public static class DomainClock
{
    /// <summary>The service key: inject with <c>[FromKeyedServices(DomainClock.Key)] TimeProvider clock</c>.</summary>
    public const string Key = "caregrid-domain-clock";
}
