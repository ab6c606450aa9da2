using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace CareGrid.GraphApi.Http;

/// <summary>The media type of a response.</summary>
internal enum GraphQLResponseMediaType
{
    /// <summary>Nothing the client accepts can be produced (406).</summary>
    None = 0,

    /// <summary><c>application/json</c>: request errors answer 200 (GraphQL over HTTP, legacy watershed).</summary>
    Json,

    /// <summary><c>application/graphql-response+json</c>: request errors answer 4xx.</summary>
    GraphQLResponseJson,
}

/// <summary>Content negotiation (<c>Accept</c>) and request media type checks (<c>Content-Type</c>).</summary>
internal static class GraphQLMediaTypes
{
    public const string Json = "application/json";
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string JsonUtf8 = "application/json; charset=utf-8";
    public const string GraphQLResponseJsonUtf8 = "application/graphql-response+json; charset=utf-8";

    /// <summary>The <c>Content-Type</c> response header for the media type (always UTF-8).</summary>
    public static string ContentType(this GraphQLResponseMediaType mediaType) =>
        mediaType == GraphQLResponseMediaType.GraphQLResponseJson ? GraphQLResponseJsonUtf8 : JsonUtf8;

    /// <summary>
    /// Picks the response media type from the <c>Accept</c> header. No header, an empty one or one that
    /// does not parse: <c>application/json</c> (GraphQL over HTTP: a server must not require <c>Accept</c>).
    /// <c>*/*</c> and <c>application/*</c>: <c>application/json</c>. Otherwise the acceptable type with the
    /// highest quality; on a tie the one named explicitly, then the one listed first.
    /// <see cref="GraphQLResponseMediaType.None"/> when neither type is acceptable.
    /// </summary>
    public static GraphQLResponseMediaType Negotiate(StringValues accept)
    {
        if (accept.Count == 0)
        {
            return GraphQLResponseMediaType.Json;
        }

        if (accept.Count == 1)
        {
            // Fast paths for the common headers: no parsing, no allocation.
            var single = accept[0].AsSpan().Trim();
            if (single.IsEmpty || single.SequenceEqual("*/*") || single.Equals(Json, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseMediaType.Json;
            }

            if (single.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseMediaType.GraphQLResponseJson;
            }
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return GraphQLResponseMediaType.Json;
        }

        var (json, graphQL) = Match(ranges);
        return Choose(json, graphQL);
    }

    /// <summary>The best range for each supported type among the Accept header's ranges (a non-UTF-8 charset never matches).</summary>
    private static (Candidate Json, Candidate GraphQL) Match(IList<MediaTypeHeaderValue> ranges)
    {
        var json = default(Candidate);
        var graphQL = default(Candidate);
        for (var i = 0; i < ranges.Count; i++)
        {
            var range = ranges[i];
            if (range.Charset.HasValue && !IsUtf8(range.Charset))
            {
                continue;
            }

            var quality = range.Quality ?? 1d;
            if (range.MatchesAllTypes)
            {
                json.Consider(0, quality, i);
                graphQL.Consider(0, quality, i);
            }
            else if (range.Type.Equals("application", StringComparison.OrdinalIgnoreCase))
            {
                if (range.MatchesAllSubTypes)
                {
                    json.Consider(1, quality, i);
                    graphQL.Consider(1, quality, i);
                }
                else if (range.SubType.Equals("json", StringComparison.OrdinalIgnoreCase))
                {
                    json.Consider(2, quality, i);
                }
                else if (range.SubType.Equals("graphql-response+json", StringComparison.OrdinalIgnoreCase))
                {
                    graphQL.Consider(2, quality, i);
                }
            }
        }

        return (json, graphQL);
    }

    /// <summary>
    /// The acceptable type; when both are, the higher quality, then the more specific range, then (both named) the one
    /// listed first, else JSON.
    /// </summary>
    private static GraphQLResponseMediaType Choose(Candidate json, Candidate graphQL)
    {
        var jsonOk = json.Acceptable;
        var graphQLOk = graphQL.Acceptable;
        if (!jsonOk && !graphQLOk)
        {
            return GraphQLResponseMediaType.None;
        }

        if (jsonOk != graphQLOk)
        {
            return jsonOk ? GraphQLResponseMediaType.Json : GraphQLResponseMediaType.GraphQLResponseJson;
        }

        if (json.Quality != graphQL.Quality)
        {
            return json.Quality > graphQL.Quality ? GraphQLResponseMediaType.Json : GraphQLResponseMediaType.GraphQLResponseJson;
        }

        if (json.Specificity != graphQL.Specificity)
        {
            return json.Specificity > graphQL.Specificity ? GraphQLResponseMediaType.Json : GraphQLResponseMediaType.GraphQLResponseJson;
        }

        // Both named explicitly with the same quality: the first listed wins; both only through a wildcard: JSON.
        return json.Specificity == 2 && graphQL.Index < json.Index
            ? GraphQLResponseMediaType.GraphQLResponseJson
            : GraphQLResponseMediaType.Json;
    }

    /// <summary>
    /// Whether a POST <c>Content-Type</c> is <c>application/json</c> in UTF-8 (no charset parameter means
    /// UTF-8). <paramref name="reason"/> says what is wrong otherwise.
    /// </summary>
    public static bool IsJsonUtf8Request(string? contentType, out string reason)
    {
        reason = string.Empty;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            reason = "A POST request needs the Content-Type header 'application/json'.";
            return false;
        }

        if (contentType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || contentType.Equals(JsonUtf8, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            reason = "The request media type is not supported; use 'application/json'.";
            return false;
        }

        if (parsed.Charset.HasValue && !IsUtf8(parsed.Charset))
        {
            reason = "The request charset is not supported; use 'utf-8'.";
            return false;
        }

        return true;
    }

    private static bool IsUtf8(StringSegment charset)
    {
        var value = HeaderUtilities.RemoveQuotes(charset);
        return value.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || value.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The best match of one supported media type among the ranges of an Accept header.</summary>
    private struct Candidate
    {
        private bool _matched;

        /// <summary>2 exact, 1 <c>application/*</c>, 0 <c>*/*</c>.</summary>
        public int Specificity { get; private set; }

        public double Quality { get; private set; }

        public int Index { get; private set; }

        public readonly bool Acceptable => _matched && Quality > 0;

        /// <summary>RFC 9110 §12.5.1: the most specific matching range decides the quality.</summary>
        public void Consider(int specificity, double quality, int index)
        {
            if (!_matched || specificity > Specificity)
            {
                _matched = true;
                Specificity = specificity;
                Quality = quality;
                Index = index;
            }
        }
    }
}
