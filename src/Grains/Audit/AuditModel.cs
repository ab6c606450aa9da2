using System.Buffers;
using System.Globalization;
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
/// from there on (<see cref="IAuditVerifierGrain.Verify"/>). Sequences start at 1 and have no gaps.
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
    /// The SHA-256 hex (64 lowercase characters) of this record's canonical form: every field but <see cref="Hash"/>,
    /// each as <c>{UTF-16 length}:{value}|</c> (<c>-1:|</c> for null) in UTF-8, the field list as
    /// <c>{count}[…]</c>, and the <see cref="Refusal"/> parts as <c>refusal[…]</c> only when present, so records written
    /// before it existed hash as stored (docs/audit-storage.md "The hash").
    /// </summary>
    /// <remarks>
    /// The canonical bytes are written straight into one stack (or, past <see cref="StackBytes"/>, pooled) buffer and
    /// hashed there: the only allocation is the returned string. The bytes are exactly those of the round-11
    /// implementation (a string of the canonical form, then UTF-8), which wrote every chain in storage.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The canonical form would exceed the largest array (over ~680 M characters).</exception>
    public string ComputeHash()
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var capacity = CanonicalCapacity();
        if (capacity <= StackBytes)
        {
            Span<byte> buffer = stackalloc byte[StackBytes];
            SHA256.HashData(buffer[..WriteCanonical(buffer)], hash);
        }
        else
        {
            if (capacity > Array.MaxLength)
            {
                throw new InvalidOperationException($"The audit record {Sequence} of '{TenantId}' is too large to hash ({capacity} bytes).");
            }

            var rented = ArrayPool<byte>.Shared.Rent((int)capacity);
            try
            {
                SHA256.HashData(rented.AsSpan(0, WriteCanonical(rented)), hash);
            }
            finally
            {
                // The canonical form holds what the record holds (names, reasons): do not leave it in the shared pool.
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }

        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Canonical forms up to this many UTF-8 bytes are written on the stack.</summary>
    private const int StackBytes = 1024;

    /// <summary>At most the bytes of the canonical form: every value at 3 UTF-8 bytes per UTF-16 character, every number at 20.</summary>
    private long CanonicalCapacity()
    {
        const int PartOverhead = 20 + 2; // length prefix, ':' and '|'
        static long Part(string? value) => PartOverhead + (value is null ? 0 : 3L * value.Length);
        var total = Part(TenantId) + PartOverhead + 20 + PartOverhead + 28 + Part(Actor) + Part(Action) + Part(EntityType) + Part(EntityId)
            + 20 + 2 + Part(Purpose) + Part(CorrelationId) + Part(Reason) + Part(PreviousHash);
        for (var i = 0; i < Fields.Count; i++) // by index: a foreach over the interface would allocate an enumerator
        {
            total += Part(Fields[i]);
        }

        if (Refusal is { } refusal)
        {
            total += 9 + Part(refusal.Code) + Part(refusal.CallerTenant) + Part(refusal.CallerRoles) + Part(refusal.Via) + Part(refusal.ClientAddress);
        }

        return total;
    }

    /// <summary>Writes the canonical form into <paramref name="buffer"/> (at least <see cref="CanonicalCapacity"/> bytes) and returns its length.</summary>
    private int WriteCanonical(Span<byte> buffer)
    {
        var writer = new CanonicalWriter(buffer);
        writer.Part(TenantId);
        writer.Part(Sequence);
        writer.Part(At.UtcDateTime);
        writer.Part(Actor);
        writer.Part(Action);
        writer.Part(EntityType);
        writer.Part(EntityId);
        writer.Number(Fields.Count);
        writer.Ascii("["u8);
        for (var i = 0; i < Fields.Count; i++)
        {
            writer.Part(Fields[i]);
        }

        writer.Ascii("]"u8);
        writer.Part(Purpose);
        writer.Part(CorrelationId);
        writer.Part(Reason);
        if (Refusal is { } refusal)
        {
            writer.Ascii("refusal["u8);
            writer.Part(refusal.Code);
            writer.Part(refusal.CallerTenant);
            writer.Part(refusal.CallerRoles);
            writer.Part(refusal.Via);
            writer.Part(refusal.ClientAddress);
            writer.Ascii("]"u8);
        }

        writer.Part(PreviousHash);
        return writer.Length;
    }

    /// <summary>Appends the canonical form's parts as UTF-8 to a buffer sized by <see cref="CanonicalCapacity"/>.</summary>
    private ref struct CanonicalWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        /// <summary>Bytes written so far.</summary>
        public int Length { get; private set; }

        public void Ascii(scoped ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Length..]);
            Length += bytes.Length;
        }

        /// <summary>A number in invariant digits, as <c>StringBuilder.Append</c> wrote it (the process runs with invariant globalization).</summary>
        public void Number(long value)
        {
            value.TryFormat(_buffer[Length..], out var written, default, CultureInfo.InvariantCulture);
            Length += written;
        }

        /// <summary><c>{length}:{value}|</c>, the length in UTF-16 characters, -1 for null; lone surrogates become U+FFFD as in <see cref="Encoding.UTF8"/>.</summary>
        public void Part(string? value)
        {
            Number(value?.Length ?? -1);
            Ascii(":"u8);
            if (value is not null)
            {
                Length += Encoding.UTF8.GetBytes(value, _buffer[Length..]);
            }

            Ascii("|"u8);
        }

        /// <summary>The invariant decimal digits of a number as a part.</summary>
        public void Part(long value)
        {
            Span<byte> digits = stackalloc byte[20];
            value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
            Number(written);
            Ascii(":"u8);
            Ascii(digits[..written]);
            Ascii("|"u8);
        }

        /// <summary>The round-trip ("O") form of a UTC time as a part.</summary>
        public void Part(DateTime utc)
        {
            Span<byte> text = stackalloc byte[40];
            utc.TryFormat(text, out var written, "O", CultureInfo.InvariantCulture);
            Number(written);
            Ascii(":"u8);
            Ascii(text[..written]);
            Ascii("|"u8);
        }
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
