namespace CareGrid.Grains.Security;

/// <summary>
/// Role names carried in the <c>role</c> claim (docs/architecture.md "Security and privacy"). All but
/// <see cref="PlatformAdmin"/> are per tenant. Escalation levels: Reporter, Caseworker and
/// Volunteer act at level 1; Coordinator at level 2; Counsellor and Clinician at level 3.
/// </summary>
public static class Roles
{
    /// <summary>Onboards and suspends tenants; has no access to a tenant's case records.</summary>
    public const string PlatformAdmin = "PlatformAdmin";
    /// <summary>Administers one tenant: organizations, staff, settings.</summary>
    public const string TenantAdmin = "TenantAdmin";
    /// <summary>Supervises a tenant's work and deadlines .</summary>
    public const string Supervisor = "Supervisor";
    /// <summary>Level 2: grade leader, student affairs office, subdistrict official .</summary>
    public const string Coordinator = "Coordinator";
    /// <summary>Level 3: psychology teacher, mental health professional .</summary>
    public const string Counsellor = "Counsellor";
    /// <summary>Level 3: clinician of a health centre or mental health centre.</summary>
    public const string Clinician = "Clinician";
    /// <summary>Level 1: grid worker, social worker, homeroom teacher .</summary>
    public const string Caseworker = "Caseworker";
    /// <summary>Level 1, reports only: class psychology committee member, hotline .</summary>
    public const string Reporter = "Reporter";
    /// <summary>Level 1: volunteer under a professional's guidance .</summary>
    public const string Volunteer = "Volunteer";
    /// <summary>Reads the audit log; no case data.</summary>
    public const string Auditor = "Auditor";

    /// <summary>
    /// The service itself (seeding, reminders). Not in <see cref="All"/>: <see cref="Normalize"/> drops it, so no
    /// token can carry it.
    /// </summary>
    public const string System = "System";

    /// <summary>Every role, in documentation order.</summary>
    public static readonly IReadOnlyList<string> All =
        [PlatformAdmin, TenantAdmin, Supervisor, Coordinator, Counsellor, Clinician, Caseworker, Reporter, Volunteer, Auditor];

    /// <summary>Roles that may raise a concern (R-1.5: whoever finds it reports).</summary>
    public static readonly IReadOnlyList<string> CanReport =
        [TenantAdmin, Supervisor, Coordinator, Counsellor, Clinician, Caseworker, Reporter, Volunteer];

    /// <summary>Roles that may read and work cases (not Reporter, Volunteer or Auditor).</summary>
    public static readonly IReadOnlyList<string> CaseStaff =
        [TenantAdmin, Supervisor, Coordinator, Counsellor, Clinician, Caseworker];

    /// <summary>Level-3 professional roles .</summary>
    public static readonly IReadOnlyList<string> Level3 = [Counsellor, Clinician];

    /// <summary>The role name in its canonical spelling, or null when unknown (case-insensitive match).</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
