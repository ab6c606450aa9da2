namespace CareGrid.GraphApi.Http;

/// <summary>
/// The stable <c>extensions.code</c> values that only the HTTP/GraphQL layer gives: malformed GraphQL-over-HTTP requests,
/// media types, query limits (docs/query-limits.md), rate limits and execution timeouts (docs/api.md "Error codes").
/// The domain's codes are in <see cref="CareGrid.Grains.Errors.ErrorCodes"/>. A code's meaning never changes once
/// published; new codes may be added.
/// </summary>
public static class TransportErrorCodes
{
    /// <summary>Too many requests for this tenant or user in the current window.</summary>
    public const string RateLimited = "RATE_LIMITED";
    /// <summary>The query nests deeper than the configured maximum.</summary>
    public const string QueryTooDeep = "QUERY_TOO_DEEP";
    /// <summary>The query's computed complexity exceeds the configured maximum.</summary>
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";
    /// <summary>The query uses more aliases than the configured maximum (alias floods).</summary>
    public const string TooManyAliases = "TOO_MANY_ALIASES";
    /// <summary>Schema introspection (<c>__schema</c>, <c>__type</c>) is switched off in this environment.</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";
    /// <summary>Execution took longer than the configured limit and was cancelled; nothing further was done.</summary>
    public const string QueryTimeout = "QUERY_TIMEOUT";
    /// <summary>The request body exceeds the configured maximum size.</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";
    /// <summary>The HTTP request is not a well-formed GraphQL-over-HTTP request (bad JSON, missing or non-string query, wrong parameter types).</summary>
    public const string BadRequest = "BAD_REQUEST";
    /// <summary>The GraphQL document does not parse.</summary>
    public const string GraphQLParseFailed = "GRAPHQL_PARSE_FAILED";
    /// <summary>The GraphQL document parses but fails validation (unknown field, wrong variable type, unknown operation name, …).</summary>
    public const string GraphQLValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    /// <summary>The HTTP method is not allowed for this request (for example a mutation over GET).</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    /// <summary>None of the media types in <c>Accept</c> can be produced.</summary>
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    /// <summary>The request body's media type or charset is not supported.</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    /// <summary>A WebSocket connection already holds the most subscriptions allowed (docs/subscriptions.md "Limits"); complete one first.</summary>
    public const string SubscriptionLimit = "SUBSCRIPTION_LIMIT";
    /// <summary>A subscription's client fell too far behind and the subscription ended (docs/subscriptions.md "Limits"); subscribe again.</summary>
    public const string SubscriptionOverflow = "SUBSCRIPTION_OVERFLOW";

    /// <summary>Every code of this class, for checks that a code is one of the published ones.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RateLimited, QueryTooDeep, QueryTooComplex, TooManyAliases, IntrospectionDisabled, QueryTimeout, RequestTooLarge,
        BadRequest, GraphQLParseFailed, GraphQLValidationFailed, MethodNotAllowed, NotAcceptable, UnsupportedMediaType,
        SubscriptionLimit, SubscriptionOverflow,
    ];
}
