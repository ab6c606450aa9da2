using System.Collections.Concurrent;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Keeps parsed documents that passed validation, keyed by their exact query text, so a repeated query is neither
/// parsed nor put through the document rules again. Variables are still coerced and checked on every request (the
/// executer does that whatever the rules), and every rule added with <c>useForCachedDocuments</c> still runs. Only
/// documents that validated are kept, so a refused document is refused again. Bounded: queries longer than
/// <see cref="MaxQueryLength"/> are not kept, and once the kept text passes <see cref="MaxTotalLength"/> characters
/// the cache starts over, so it never holds more than a few megabytes however many distinct queries arrive.
/// </summary>
/// <remarks>
/// The document rules do not depend on the request: CareGrid's <see cref="QueryLimitsValidationRule"/> reads only the
/// document (a <c>first</c> given by a variable is costed at the default page size) and the introspection switch is
/// fixed for the process, so the verdict of one validation holds for every later request with the same text.
/// </remarks>
public sealed class DocumentCache : IConfigureExecution
{
    /// <summary>Longest query text kept: 16 KiB of characters.</summary>
    public const int MaxQueryLength = 16 * 1024;

    /// <summary>Total query text kept before the cache starts over: one million characters.</summary>
    public const int MaxTotalLength = 1_000_000;

    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);
    private long _totalLength;

    /// <inheritdoc />
    /// <remarks>After <see cref="Schema.TenantAdmission"/> (10), so refused requests never reach the cache.</remarks>
    public float SortOrder => 200;

    /// <summary>How many documents are kept now.</summary>
    public int Count => _documents.Count;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is not { Length: > 0 and <= MaxQueryLength } query)
        {
            return await next(options).ConfigureAwait(false);
        }

        if (_documents.TryGetValue(query, out var cached))
        {
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options).ConfigureAwait(false);
        }

        var result = await next(options).ConfigureAwait(false);
        if (result.Executed && result.Document is { } document)
        {
            if (Interlocked.Add(ref _totalLength, query.Length) > MaxTotalLength)
            {
                _documents.Clear();
                Interlocked.Exchange(ref _totalLength, query.Length);
            }

            _documents.TryAdd(query, document);
        }

        return result;
    }
}
