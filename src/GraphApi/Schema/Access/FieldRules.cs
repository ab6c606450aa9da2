namespace CareGrid.GraphApi.Schema.Access;

/// <summary>Who may call a field, before any need-to-know check (docs/api.md, "Access and audit").</summary>
public enum AccessScope
{
    /// <summary>Anyone, with or without a token (e.g. <c>me</c>).</summary>
    Anyone,

    /// <summary>Any caller with a valid token, on any endpoint, whatever the roles. Else UNAUTHENTICATED.</summary>
    Authenticated,

    /// <summary>A caller holding PlatformAdmin, on any endpoint. Else UNAUTHENTICATED or FORBIDDEN.</summary>
    PlatformAdmin,

    /// <summary>A caller holding one of the listed roles in the admitted tenant. Else UNAUTHENTICATED, TENANT_REQUIRED or FORBIDDEN.</summary>
    TenantRoles,

    /// <summary>A PlatformAdmin, or a caller holding one of the listed roles in the admitted tenant; the resolver narrows further.</summary>
    TenantRolesOrPlatformAdmin,
}

/// <summary>
/// Whether a record-level need-to-know rule applies beyond the role (R-1.7, R-4.3: only the people working a case see
/// it). The grain that owns the record enforces it with the one need-to-know policy; the declaration says which applies.
/// </summary>
public enum NeedToKnow
{
    /// <summary>The role decides alone (tenant-wide lists without sensitive fields, settings, administration).</summary>
    None,

    /// <summary>The case grain checks the caller's need-to-know of the case (FORBIDDEN otherwise).</summary>
    Case,

    /// <summary>The person grain checks the caller's need-to-know of the person (FORBIDDEN otherwise).</summary>
    Person,

    /// <summary>The caller's organization scope must cover the record's unit (need-to-know by organization, docs/access.md; visits and the ledger, docs/visits.md).</summary>
    Unit,
}

/// <summary>What a field writes to the tenant's audit log when it succeeds (refusals are always recorded, docs/audit-refusals.md).</summary>
public enum AuditClass
{
    /// <summary>Nothing: the field reads nothing sensitive (stated with a reason).</summary>
    None,

    /// <summary>A READ record of the entity, with the fields selected; skipped when the result is null (nothing was read).</summary>
    Read,

    /// <summary>A WRITE record of the entity, with the argument names written.</summary>
    Write,

    /// <summary>The resolver writes its own record (e.g. BREAK_THE_GLASS, or a platform record for a tenant's export).</summary>
    ByResolver,
}

/// <summary>The declared access rule of a field: its scope, the roles (for tenant scopes) and the need-to-know rule.</summary>
/// <param name="Scope">Who may call.</param>
/// <param name="Roles">The tenant roles allowed, canonical names (<see cref="Grains.Security.Roles"/>); empty unless the scope
/// names tenant roles. For <see cref="AccessScope.TenantRolesOrPlatformAdmin"/> PlatformAdmin is not among them (the scope
/// admits it); for <see cref="AccessScope.PlatformAdmin"/> it is the one role listed.</param>
/// <param name="NeedToKnow">The record-level rule the grain applies.</param>
public sealed record FieldAccessRule(AccessScope Scope, IReadOnlyList<string> Roles, NeedToKnow NeedToKnow);

/// <summary>The declared audit class of a field.</summary>
/// <param name="Class">What is recorded.</param>
/// <param name="Entity">The audited entity type (<c>Case</c>, <c>Person</c>, <c>Organization</c>, <c>Tenant</c>, …).</param>
/// <param name="IdArgument">The argument naming the entity when the result does not (e.g. <c>id</c>, <c>personId</c>); null for the tenant itself.</param>
/// <param name="Reason">Why nothing is recorded, or who records (for <see cref="AuditClass.None"/> and <see cref="AuditClass.ByResolver"/>).</param>
public sealed record FieldAuditRule(AuditClass Class, string Entity, string? IdArgument, string? Reason);
