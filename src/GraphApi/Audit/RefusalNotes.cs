using CareGrid.GraphApi.Schema.Access;
using CareGrid.GraphApi.Schema;
using CareGrid.Grains.Errors;
using GraphQL;
using CareGrid.GraphApi.Http;

namespace CareGrid.GraphApi.Audit;

/// <summary>One refused field of a request: its name, the entity it was about, and the refusal.</summary>
/// <param name="Field">The schema field name (never the alias).</param>
/// <param name="EntityType">Case, Person, Tenant, …</param>
/// <param name="EntityId">The entity's local id, or the tenant id when the field names none.</param>
/// <param name="Code">The error code.</param>
/// <param name="Message">The error message as the caller saw it.</param>
public sealed record RefusedField(string Field, string EntityType, string EntityId, string Code, string Message);

/// <summary>
/// The refused fields of one request, noted where resolver exceptions become GraphQL errors (the unhandled-exception
/// handler) and written as one DENIED record by <see cref="RefusalAudit"/> (docs/audit-refusals.md). Bounded:
/// at most <see cref="MaxKept"/> distinct fields are kept, the rest are only counted, so a document of many aliases of
/// one refused field costs one short record.
/// </summary>
public sealed class RefusalNotes
{
    /// <summary>Most distinct refused fields kept per request.</summary>
    public const int MaxKept = 16;

    /// <summary>The key under which a request's notes live in its <see cref="CareGridUserContext"/>.</summary>
    private const string Key = "caregrid.refusals";

    /// <summary>
    /// Codes that are not refusals but failures of the service itself (the outcome is unknown or the service could not do
    /// it); every other error code is a refusal — of access (role, need-to-know, tenant), of a safety guard (consent,
    /// reassessment, qualification, idempotency key) or of bad input — and each refused request gets one audit record
    /// (docs/audit-refusals.md).
    /// </summary>
    public static readonly IReadOnlySet<string> FailureCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        ErrorCodes.Internal, ErrorCodes.Unavailable, ErrorCodes.ConflictRetry, TransportErrorCodes.QueryTimeout, ErrorCodes.StorageLimit, TransportErrorCodes.RateLimited,
    };

    /// <summary>True when <paramref name="code"/> is a refusal (see <see cref="FailureCodes"/>).</summary>
    public static bool IsRefusal(string? code) => code is { Length: > 0 } && !FailureCodes.Contains(code);

    private readonly Lock _gate = new();
    private readonly List<RefusedField> _kept = [];

    /// <summary>The distinct refused fields kept, in the order they were refused.</summary>
    public IReadOnlyList<RefusedField> Kept
    {
        get
        {
            lock (_gate)
            {
                return [.. _kept];
            }
        }
    }

    /// <summary>Refused fields noted beyond <see cref="Kept"/> (duplicates and overflow).</summary>
    public int Dropped { get; private set; }

    /// <summary>
    /// Notes <paramref name="error"/> of <paramref name="field"/> when it is a refusal (<see cref="IsRefusal"/>)
    /// (but <c>TENANT_NOT_FOUND</c>, which a field raises only for a PlatformAdmin naming an unknown tenant), or any
    /// error of <c>breakTheGlass</c> (a refused break-the-glass is misuse worth a record, docs/audit-refusals.md). Others are ignored.
    /// </summary>
    public static void Note(IResolveFieldContext? field, CareGridException error)
    {
        if (field?.UserContext is not CareGridUserContext caller
            || !(IsRefusal(error.Code) && error.Code != ErrorCodes.TenantNotFound || field.FieldDefinition.Name == "breakTheGlass"))
        {
            return;
        }

        RefusalNotes notes;
        lock (caller)
        {
            if (caller.TryGetValue(Key, out var existing) && existing is RefusalNotes found)
            {
                notes = found;
            }
            else
            {
                notes = new RefusalNotes();
                caller[Key] = notes;
            }
        }

        var (type, id) = error.Details.TryGetValue("entity", out var entity) && error.Details.TryGetValue("id", out var entityId)
            ? (entity, entityId)
            : AuditRecords.EntityOf(field);
        notes.Add(new RefusedField(field.FieldDefinition.Name, type, Clip(id), error.Code, error.Message));
    }

    /// <summary>The notes of the request of <paramref name="caller"/>, or null when none of its fields was refused.</summary>
    public static RefusalNotes? Of(CareGridUserContext? caller)
    {
        if (caller is null)
        {
            return null;
        }

        lock (caller)
        {
            return caller.TryGetValue(Key, out var notes) ? notes as RefusalNotes : null;
        }
    }

    /// <summary>At most 64 characters of <paramref name="value"/> (ids and names from the request are attacker-chosen).</summary>
    public static string Clip(string value) => value.Length > 64 ? value[..64] + "…" : value;

    private void Add(RefusedField refused)
    {
        lock (_gate)
        {
            if (_kept.Count >= MaxKept || _kept.Exists(k => k.Field == refused.Field && k.EntityId == refused.EntityId && k.Code == refused.Code))
            {
                Dropped++;
                return;
            }

            _kept.Add(refused);
        }
    }
}
