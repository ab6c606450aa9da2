namespace CareGrid.GraphApi.Auth;

/// <summary>Claim types CareGrid reads from a token.</summary>
public static class ClaimNames
{
    /// <summary>The subject: the user's stable id.</summary>
    public const string Subject = "sub";
    /// <summary>The tenant the user belongs to (absent for PlatformAdmin).</summary>
    public const string Tenant = "tenant";
    /// <summary>A role (repeated for several roles).</summary>
    public const string Role = "role";
}
