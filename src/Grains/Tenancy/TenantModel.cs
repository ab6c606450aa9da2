namespace CareGrid.Grains.Tenancy;

/// <summary>The kind of jurisdiction a tenant is (docs/architecture.md "Tenancy").</summary>
[GenerateSerializer, Alias("CareGrid.TenantKind")]
public enum TenantKind
{
    /// <summary>A city district (plan 1, R-1.x).</summary>
    District = 0,
    /// <summary>A town (plan 2, R-2.x).</summary>
    Town = 1,
    /// <summary>A school (plans 3–7).</summary>
    School = 2,
}

/// <summary>Tenant lifecycle: <c>Provisioning → Active ⇄ Suspended → Offboarding → Deleted</c>.</summary>
[GenerateSerializer, Alias("CareGrid.TenantStatus")]
public enum TenantStatus
{
    /// <summary>Being created; serves no requests yet.</summary>
    Provisioning = 0,
    /// <summary>Serving requests.</summary>
    Active = 1,
    /// <summary>Temporarily refused (<c>TENANT_SUSPENDED</c>); data kept.</summary>
    Suspended = 2,
    /// <summary>Exporting data before deletion; serves no requests.</summary>
    Offboarding = 3,
    /// <summary>Purged; treated as unknown (<c>TENANT_NOT_FOUND</c>).</summary>
    Deleted = 4,
}

/// <summary>Triggers of the tenant lifecycle.</summary>
[GenerateSerializer, Alias("CareGrid.TenantTrigger")]
public enum TenantTrigger
{
    /// <summary>Provisioning finished: <c>Provisioning → Active</c>.</summary>
    Activate,
    /// <summary><c>Active → Suspended</c>.</summary>
    Suspend,
    /// <summary><c>Suspended → Active</c>.</summary>
    Reactivate,
    /// <summary><c>Active | Suspended → Offboarding</c>.</summary>
    Offboard,
    /// <summary><c>Offboarding → Deleted</c>.</summary>
    Delete,
}

/// <summary>The input of tenant onboarding.</summary>
/// <param name="Id">The tenant id (slug, see <see cref="TenantIds"/>).</param>
/// <param name="Name">Display name, 1–200 characters.</param>
/// <param name="Kind">District, Town or School.</param>
/// <param name="ParentId">Optional parent tenant (a school or town under a district); must exist.</param>
/// <param name="TimeZone">IANA time zone of the tenant's calendar; defaults to <c>Asia/Shanghai</c>.</param>
/// <param name="FirstAdminSubject">The <c>sub</c> of the first TenantAdmin.</param>
/// <param name="FirstAdminName">Display name of the first TenantAdmin.</param>
[GenerateSerializer, Alias("CareGrid.OnboardTenant")]
public sealed record OnboardTenant(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] TenantKind Kind,
    [property: Id(3)] string? ParentId,
    [property: Id(4)] string TimeZone,
    [property: Id(5)] string FirstAdminSubject,
    [property: Id(6)] string FirstAdminName);

/// <summary>A tenant's public description.</summary>
/// <param name="Id">The tenant id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Kind">District, Town or School.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="ParentId">Parent tenant id, or null.</param>
/// <param name="TimeZone">IANA time zone of the tenant's calendar.</param>
/// <param name="CreatedAt">Onboarding time (UTC).</param>
/// <param name="UpdatedAt">Last change (UTC).</param>
/// <param name="Admins">TenantAdmins named at onboarding.</param>
/// <param name="StatisticsSharing">Whether the tenant shares its statistics with its parent's roll-up (docs/statistics.md "Roll-up"; default off).</param>
[GenerateSerializer, Alias("CareGrid.TenantInfo")]
public sealed record TenantInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] TenantKind Kind,
    [property: Id(3)] TenantStatus Status,
    [property: Id(4)] string? ParentId,
    [property: Id(5)] string TimeZone,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] IReadOnlyList<TenantAdmin> Admins,
    [property: Id(9)] bool StatisticsSharing = false);

/// <summary>A TenantAdmin named at onboarding.</summary>
[GenerateSerializer, Alias("CareGrid.TenantAdmin")]
public sealed record TenantAdmin([property: Id(0)] string Subject, [property: Id(1)] string Name);
