using CareGrid.Grains.Security;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema.Access;

/// <summary>
/// Declares, on each field, who may call it (<see cref="FieldAccessRule"/>) and what it audits
/// (<see cref="FieldAuditRule"/>). Declaring access also attaches <see cref="FieldAccessMiddleware"/>, the one place
/// that enforces both. The role list is stored with GraphQL for .NET's own role metadata
/// (<see cref="AuthorizationExtensions.AuthorizeWithRoles{TMetadataProvider}(TMetadataProvider, string[])"/>), so
/// tools that read it see the same roles. <see cref="SchemaAccessWalk"/> fails the build's tests for any field that
/// declares neither.
/// </summary>
public static class FieldDeclarations
{
    /// <summary>Metadata key of the <see cref="FieldAccessRule"/>.</summary>
    public const string AccessKey = "caregrid:access";

    /// <summary>Metadata key of the <see cref="FieldAuditRule"/>.</summary>
    public const string AuditKey = "caregrid:audit";

    /// <summary>Metadata key on an object type whose fields are read only through a declared parent field.</summary>
    public const string ThroughParentKey = "caregrid:through-parent";

    /// <summary>Callable by anyone, with or without a token.</summary>
    public static FieldBuilder<TSource, TReturn> AllowAnyone<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        Declare(field.FieldType, new FieldAccessRule(AccessScope.Anyone, [], NeedToKnow.None));
        field.FieldType.AllowAnonymous();
        return field;
    }

    /// <summary>Callable by any caller with a valid token (whatever the roles or tenant).</summary>
    public static FieldBuilder<TSource, TReturn> AllowAuthenticated<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        Declare(field.FieldType, new FieldAccessRule(AccessScope.Authenticated, [], NeedToKnow.None));
        return field;
    }

    /// <summary>Callable by a PlatformAdmin only.</summary>
    public static FieldBuilder<TSource, TReturn> AllowPlatformAdmin<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        Declare(field.FieldType, new FieldAccessRule(AccessScope.PlatformAdmin, [Roles.PlatformAdmin], NeedToKnow.None));
        return field;
    }

    /// <summary>Callable by a caller holding one of <paramref name="roles"/> in the admitted tenant; <paramref name="needToKnow"/> names the record-level rule the grain applies.</summary>
    public static FieldBuilder<TSource, TReturn> AllowTenantRoles<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field,
        IReadOnlyList<string> roles, NeedToKnow needToKnow = NeedToKnow.None)
    {
        Declare(field.FieldType, new FieldAccessRule(AccessScope.TenantRoles, roles, needToKnow));
        return field;
    }

    /// <summary>Callable by a PlatformAdmin or by a caller holding one of <paramref name="roles"/> in the admitted tenant.</summary>
    public static FieldBuilder<TSource, TReturn> AllowTenantRolesOrPlatformAdmin<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field,
        IReadOnlyList<string> roles)
    {
        Declare(field.FieldType, new FieldAccessRule(AccessScope.TenantRolesOrPlatformAdmin, [.. roles.Where(r => r != Roles.PlatformAdmin)], NeedToKnow.None));
        return field;
    }

    /// <summary>Records a READ of <paramref name="entity"/> (named by the result, else by <paramref name="idArgument"/>) when the field returns a value.</summary>
    public static FieldBuilder<TSource, TReturn> AuditsRead<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string entity, string? idArgument = "id")
    {
        DeclareAudit(field.FieldType, new FieldAuditRule(AuditClass.Read, entity, idArgument, null));
        return field;
    }

    /// <summary>Records a WRITE of <paramref name="entity"/> (named by the result, else by <paramref name="idArgument"/>) when the field succeeds.</summary>
    public static FieldBuilder<TSource, TReturn> AuditsWrite<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string entity, string? idArgument = "id")
    {
        DeclareAudit(field.FieldType, new FieldAuditRule(AuditClass.Write, entity, idArgument, null));
        return field;
    }

    /// <summary>Records nothing on success, for <paramref name="reason"/> (e.g. "lists carry no sensitive fields").</summary>
    public static FieldBuilder<TSource, TReturn> AuditsNothing<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string reason)
    {
        DeclareAudit(field.FieldType, new FieldAuditRule(AuditClass.None, "", null, RequireReason(reason)));
        return field;
    }

    /// <summary>The resolver writes its own audit record of <paramref name="entity"/>, as <paramref name="reason"/> explains.</summary>
    public static FieldBuilder<TSource, TReturn> AuditedByResolver<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string entity, string reason)
    {
        DeclareAudit(field.FieldType, new FieldAuditRule(AuditClass.ByResolver, entity, null, RequireReason(reason)));
        return field;
    }

    /// <summary>
    /// Marks <paramref name="type"/> as read only through fields that declare their own access and audit (e.g. a case's
    /// timeline entries are returned by <c>case</c>): its fields inherit that decision unless they declare one.
    /// </summary>
    public static void ReachedThroughParent(this IComplexGraphType type) => type.WithMetadata(ThroughParentKey, true);

    /// <summary>The declared access rule of <paramref name="field"/>, or null.</summary>
    public static FieldAccessRule? AccessRule(this FieldType field) => field.GetMetadata<FieldAccessRule?>(AccessKey);

    /// <summary>The declared audit rule of <paramref name="field"/>, or null.</summary>
    public static FieldAuditRule? AuditRule(this FieldType field) => field.GetMetadata<FieldAuditRule?>(AuditKey);

    /// <summary>True when <paramref name="type"/> is read only through declared parent fields.</summary>
    public static bool IsReachedThroughParent(this IComplexGraphType type) => type.GetMetadata(ThroughParentKey, false);

    private static void Declare(FieldType field, FieldAccessRule rule)
    {
        if (field.AccessRule() is not null)
        {
            throw new InvalidOperationException($"Field '{field.Name}' declares its access rule twice.");
        }

        field.WithMetadata(AccessKey, rule);
        var roles = rule.Scope == AccessScope.TenantRolesOrPlatformAdmin ? [.. rule.Roles, Roles.PlatformAdmin] : rule.Roles;
        if (roles.Count > 0)
        {
            field.AuthorizeWithRoles([.. roles]);
        }

        field.ApplyMiddleware(FieldAccessMiddleware.Instance);
    }

    private static void DeclareAudit(FieldType field, FieldAuditRule rule)
    {
        if (field.AuditRule() is not null)
        {
            throw new InvalidOperationException($"Field '{field.Name}' declares its audit class twice.");
        }

        field.WithMetadata(AuditKey, rule);
    }

    private static string RequireReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("State why.", nameof(reason)) : reason;
}
