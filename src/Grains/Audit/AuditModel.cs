using System.Security.Cryptography;
using System.Text;

namespace CareGrid.Grains.Audit;

/// <summary>What an audit record is about.</summary>
/// <param name="Actor">The <c>sub</c> of who acted.</param>
/// <param name="Action">READ (sensitive fields), WRITE, DENIED (a refused request, docs/audit-refusals.md) or BREAK_THE_GLASS.</param>
/// <param name="EntityType">Case, Person, Organization, Tenant, AuditLog, …</param>
/// <param name="EntityId">The entity's local id (or tenant id).</param>
/// <param name="Fields">The fields read or the arguments written.</param>
/// <param name="Purpose">Why: the operation (e.g. <c>closeCase</c>) or a stated reason.</param>
/// <param name="CorrelationId">The request's correlation id.</param>
/// <param name="Reason">A stated reason (break-the-glass, overrides) or the refusal's message, or null.</param>
/// <param name="Refusal">Who was refused and how they asked (DENIED records only), or null.</param>
[GenerateSerializer, Alias("CareGrid.AuditEntry"), Immutable]
public sealed record AuditEntry(
    [property: Id(0)] string Actor,
    [property: Id(1)] string Action,
    [property: Id(2)] string EntityType,
    [property: Id(3)] string EntityId,
    [property: Id(4)] IReadOnlyList<string> Fields,
    [property: Id(5)] string Purpose,
    [property: Id(6)] string CorrelationId,
    [property: Id(7)] string? Reason,
    [property: Id(8)] AuditRefusal? Refusal = null);

/// <summary>
/// The facts of a refused request kept on its DENIED record (docs/audit-refusals.md): what refused it and who
/// asked from where. A cross-tenant probe is written in the log of the tenant it targeted, so
/// <see cref="CallerTenant"/> differs from the record's tenant there.
/// </summary>
/// <param name="Code">The refusal's error code (<c>FORBIDDEN</c>, <c>UNAUTHENTICATED</c>, <c>TENANT_NOT_FOUND</c>, …).</param>
/// <param name="CallerTenant">The <c>tenant</c> claim of the caller's token, or null (anonymous, platform token).</param>
/// <param name="CallerRoles">The caller's roles, comma-separated (empty when anonymous).</param>
/// <param name="Via">How the target tenant was named: <c>route:/t/{id}/graphql</c>, <c>header:X-Tenant={id}</c>, <c>claim</c> or <c>none</c>.</param>
/// <param name="ClientAddress">The client's IP address as the server saw it, or null.</param>
[GenerateSerializer, Alias("CareGrid.AuditRefusal"), Immutable]
public sealed record AuditRefusal(
    [property: Id(0)] string Code,
    [property: Id(1)] string? CallerTenant,
    [property: Id(2)] string CallerRoles,
    [property: Id(3)] string Via,
    [property: Id(4)] string? ClientAddress);

/// <summary>
/// One record of a tenant's append-only audit log. <see cref="Hash"/> is the SHA-256 (hex) of the record's
/// canonical form including <see cref="PreviousHash"/>, so altering or removing any record breaks the chain
/// from there on (<see cref="IAuditLogGrain.Verify"/>). Sequences start at 1 and have no gaps.
/// </summary>
[GenerateSerializer, Alias("CareGrid.AuditRecord"), Immutable]
public sealed record AuditRecord(
    [property: Id(0)] string TenantId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Action,
    [property: Id(5)] string EntityType,
    [property: Id(6)] string EntityId,
    [property: Id(7)] IReadOnlyList<string> Fields,
    [property: Id(8)] string Purpose,
    [property: Id(9)] string CorrelationId,
    [property: Id(10)] string? Reason,
    [property: Id(11)] string PreviousHash,
    [property: Id(12)] string Hash,
    [property: Id(13)] AuditRefusal? Refusal = null)
{
    /// <summary>The previous hash of the first record of a tenant.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The SHA-256 hex of this record's canonical form (every field but <see cref="Hash"/>, length-prefixed). The
    /// <see cref="Refusal"/> parts are included only when present, so records written before it existed hash as stored.
    /// </summary>
    public string ComputeHash()
    {
        var builder = new StringBuilder(256);
        void Part(string? value) => builder.Append(value?.Length ?? -1).Append(':').Append(value).Append('|');
        Part(TenantId);
        Part(Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Part(At.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Part(Actor);
        Part(Action);
        Part(EntityType);
        Part(EntityId);
        builder.Append(Fields.Count).Append('[');
        foreach (var field in Fields)
        {
            Part(field);
        }

        builder.Append(']');
        Part(Purpose);
        Part(CorrelationId);
        Part(Reason);
        if (Refusal is { } refusal)
        {
            builder.Append("refusal[");
            Part(refusal.Code);
            Part(refusal.CallerTenant);
            Part(refusal.CallerRoles);
            Part(refusal.Via);
            Part(refusal.ClientAddress);
            builder.Append(']');
        }

        Part(PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}

/// <summary>
/// Filter of the audit log; null members match everything. <paramref name="CallerTenant"/> matches the
/// <see cref="AuditRefusal.CallerTenant"/> of DENIED records (who probed, docs/audit-refusals.md).
/// </summary>
public sealed record AuditQuery(string? Actor = null, string? Action = null, string? EntityType = null, string? EntityId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? CallerTenant = null);

/// <summary>The result of checking a tenant's audit chain.</summary>
/// <param name="Intact">True when every record is present, in sequence, and hashes to its stored hash and link.</param>
/// <param name="Checked">Records read.</param>
/// <param name="BrokenAt">The sequence of the first altered, reordered or missing record, or null.</param>
/// <param name="Problem">What is wrong there, or null.</param>
[GenerateSerializer, Alias("CareGrid.AuditVerification")]
public sealed record AuditVerification(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long Checked,
    [property: Id(2)] long? BrokenAt,
    [property: Id(3)] string? Problem);
