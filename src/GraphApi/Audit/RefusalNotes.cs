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

    private static readonly CareGridErrorInfoProvider Codes = new();

    /// <summary>
    /// The <c>extensions.code</c> the caller got for <paramref name="error"/>: the code <see cref="CareGridErrorInfoProvider"/>
    /// answers with (a parse error <c>GRAPHQL_PARSE_FAILED</c>, a validation or variable error <c>GRAPHQL_VALIDATION_FAILED</c>,
    /// a query limit its own code, a domain error its code, anything else <c>INTERNAL</c>) — never GraphQL.NET's internal
    /// code (<c>SYNTAX_ERROR</c>, <c>ARGUMENTS_OF_CORRECT_TYPE</c>, …), which the caller never sees (docs/audit-refusals.md
    /// "<c>refusal.code</c>: the code the caller got"; round 16 red team F4).
    /// </summary>
    public static string CallerCode(ExecutionError error) =>
        error is CareGridExecutionError { Code: { } domain } ? domain : Codes.GetInfo(error).Extensions?["code"] as string ?? ErrorCodes.Internal;

    /// <summary>Longest GraphQL.NET rule code kept in an audit reason (e.g. <c>ARGUMENTS_OF_CORRECT_TYPE</c>).</summary>
    private const int MaxRuleLength = 64;

    /// <summary>
    /// The <c>reason</c> an audit record keeps for <paramref name="error"/>. A domain error (<see cref="CareGridExecutionError"/>)
    /// keeps the message the caller got (the service wrote it; at most 500 characters are kept). Every other error — parse,
    /// validation, variable and query-limit errors, made from the request — gets a fixed bilingual text instead, naming
    /// the code the caller got (<see cref="CallerCode"/>), GraphQL.NET's rule (an upper-case identifier such as
    /// <c>ARGUMENTS_OF_CORRECT_TYPE</c>; its validation-rule number, e.g. <c>5.6.1</c>), the exceeded limit's setting name, and
    /// the first position (line and column) in the document: never the message, which quotes the caller's literals
    /// (a concern's text typed in a string or an enum argument) where an Auditor — on no need-to-know list — would read
    /// them (docs/audit-refusals.md "What a record holds"; round 16 red team F4).
    /// </summary>
    public static string AuditMessage(ExecutionError error)
    {
        if (error is CareGridExecutionError)
        {
            return error.Message;
        }

        var code = CallerCode(error);
        var text = code switch
        {
            TransportErrorCodes.GraphQLParseFailed => "文档无法解析（语法错误）。The document could not be parsed (syntax error).",
            TransportErrorCodes.GraphQLValidationFailed => "文档或其变量未通过校验。The document or its variables failed validation.",
            _ => $"请求被拒绝（{code}）。The request was refused ({code}).",
        };
        var facts = new List<string>();
        if (error.Code is { Length: > 0 and <= MaxRuleLength } rule && rule != code && IsRuleCode(rule))
        {
            facts.Add("rule " + rule + (error is GraphQL.Validation.ValidationError { Number: { Length: > 0 and <= 16 } number } && IsRuleNumber(number) ? " " + number : ""));
        }

        if (error is Hardening.QueryLimitError { Limit: { Length: > 0 and <= MaxRuleLength } limit } && IsName(limit))
        {
            facts.Add("limit " + limit);
        }

        if (error.Locations is [var at, ..])
        {
            facts.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {at.Line}, column {at.Column}"));
        }

        return text + (facts.Count > 0 ? " (" + string.Join("; ", facts) + ")" : "") + " 不记录请求的文本。The request's text is not recorded.";
    }

    /// <summary>True when <paramref name="value"/> is a GraphQL name (<c>[_A-Za-z][_0-9A-Za-z]*</c>, at most 64 characters): an identifier, not free text.</summary>
    public static bool IsName(string value) =>
        value.Length is > 0 and <= MaxRuleLength && (char.IsAsciiLetter(value[0]) || value[0] == '_')
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static bool IsRuleCode(string value) => value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_');

    private static bool IsRuleNumber(string value) => value.All(c => char.IsAsciiDigit(c) || c == '.');

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
