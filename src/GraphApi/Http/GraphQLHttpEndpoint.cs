using CareGrid.Grains.Errors;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Http;

/// <summary>Maps the GraphQL-over-HTTP endpoint.</summary>
public static class GraphQLHttpEndpointExtensions
{
    /// <summary>
    /// Maps a GraphQL endpoint at <paramref name="pattern"/> that follows the GraphQL over HTTP specification:
    /// POST with an <c>application/json</c> body, GET with URL query parameters (queries only; a mutation over
    /// GET answers 405 with <c>Allow: POST</c>), any other method 405 with <c>Allow: GET, POST</c>. Answers
    /// <c>application/graphql-response+json</c> or <c>application/json</c> as the <c>Accept</c> header asks
    /// (406 when neither is acceptable), always in UTF-8.
    /// </summary>
    /// <remarks>
    /// Executes with the <see cref="IDocumentExecuter{TSchema}"/> of <see cref="ISchema"/> and writes with the
    /// <see cref="IGraphQLTextSerializer"/>, both resolved from <see cref="HttpContext.RequestServices"/>
    /// (register them with <c>services.AddGraphQL(b =&gt; b.AddSchema&lt;…&gt;().AddSystemTextJson())</c>).
    /// The body size limit comes from <see cref="GraphQLHttpOptions"/> (see
    /// <see cref="GraphQLHttpServiceCollectionExtensions.AddGraphQLHttp"/>), read once here.
    /// </remarks>
    /// <param name="endpoints">The route builder (the application).</param>
    /// <param name="pattern">The route pattern, for example <c>/graphql</c> or <c>/t/{tenant}/graphql</c>.</param>
    /// <returns>The endpoint's convention builder (for authorization, CORS, rate limiting, …).</returns>
    public static IEndpointConventionBuilder MapGraphQLHttp(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);

        var services = endpoints.ServiceProvider;
        var options = services.GetService<IOptions<GraphQLHttpOptions>>()?.Value ?? new GraphQLHttpOptions();
        if (options.MaxRequestBytes <= 0)
        {
            throw new InvalidOperationException("GraphQL:Http:MaxRequestBytes must be a positive number of bytes.");
        }

        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(GraphQLHttpEndpoint).FullName!)
            ?? NullLogger.Instance;
        var endpoint = new GraphQLHttpEndpoint(options.MaxRequestBytes, logger);
        // A WebSocket request is a subscription over graphql-transport-ws at the same endpoint (docs/subscriptions.md).
        return endpoints.Map(pattern, context => context.WebSockets.IsWebSocketRequest
                ? Subscriptions.GraphQLWsEndpoint.HandleAsync(context)
                : endpoint.HandleAsync(context))
            .WithDisplayName("GraphQL over HTTP " + pattern);
    }
}

/// <summary>The request handler behind <see cref="GraphQLHttpEndpointExtensions.MapGraphQLHttp"/>.</summary>
internal sealed partial class GraphQLHttpEndpoint(int maxRequestBytes, ILogger logger)
{
    private static readonly GraphQLHttpError MethodNotAllowed = new(
        StatusCodes.Status405MethodNotAllowed, TransportErrorCodes.MethodNotAllowed,
        "The GraphQL endpoint accepts GET and POST requests.", "GET, POST");

    private static readonly GraphQLHttpError NotQueryOverGet = new(
        StatusCodes.Status405MethodNotAllowed, TransportErrorCodes.MethodNotAllowed,
        "Only query operations can be sent with GET; send mutations with POST.", "POST");

    private static readonly GraphQLHttpError NotAcceptable = new(
        StatusCodes.Status406NotAcceptable, TransportErrorCodes.NotAcceptable,
        "The endpoint responds with 'application/graphql-response+json' or 'application/json' (UTF-8); the Accept header allows neither.");

    private static readonly GraphQLHttpError Internal = new(
        StatusCodes.Status500InternalServerError, ErrorCodes.Internal, "An unexpected error occurred.");

    private readonly GraphQLHttpError _tooLarge = new(
        StatusCodes.Status413PayloadTooLarge, TransportErrorCodes.RequestTooLarge,
        $"The request body is larger than {maxRequestBytes} bytes.");

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var cancellationToken = context.RequestAborted;
        var mediaType = GraphQLMediaTypes.Negotiate(request.Headers.Accept);
        try
        {
            var isGet = HttpMethods.IsGet(request.Method);
            if (!isGet && !HttpMethods.IsPost(request.Method))
            {
                await MethodNotAllowed.WriteAsync(context.Response, Or(mediaType), cancellationToken).ConfigureAwait(false);
                return;
            }

            if (mediaType == GraphQLResponseMediaType.None)
            {
                await NotAcceptable.WriteAsync(context.Response, GraphQLResponseMediaType.Json, cancellationToken).ConfigureAwait(false);
                return;
            }

            var options = new ExecutionOptions
            {
                RequestServices = context.RequestServices,
                User = context.User,
                CancellationToken = cancellationToken,
            };

            var error = isGet
                ? ReadGet(context, options)
                : await ReadPostAsync(request, options, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                await error.WriteAsync(context.Response, mediaType, cancellationToken).ConfigureAwait(false);
                return;
            }

            await ExecuteAsync(context, options, mediaType).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; nobody reads an answer.
        }
        catch (BadHttpRequestException ex)
        {
            // The server's own body limits and malformed framing.
            var error = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? _tooLarge
                : new GraphQLHttpError(StatusCodes.Status400BadRequest, TransportErrorCodes.BadRequest, "The request could not be read.");
            await WriteUnlessStartedAsync(context, error, Or(mediaType)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogUnhandled(logger, ex);
            await WriteUnlessStartedAsync(context, Internal, Or(mediaType)).ConfigureAwait(false);
        }
    }

    private static GraphQLResponseMediaType Or(GraphQLResponseMediaType mediaType) =>
        mediaType == GraphQLResponseMediaType.None ? GraphQLResponseMediaType.Json : mediaType;

    private static GraphQLHttpError? ReadGet(HttpContext context, ExecutionOptions options)
    {
        context.Response.Headers.Vary = "Accept";
        var error = GraphQLHttpRequestReader.ReadQueryString(context.Request.Query, options);
        if (error is not null)
        {
            return error;
        }

        // GET may only run queries: find the selected operation's type before executing. The document is
        // parsed with the application's IDocumentBuilder (its limits apply) and handed to the executer, so
        // it is parsed once. A document that does not parse is left to the executer to report.
        var builder = context.RequestServices.GetService<IDocumentBuilder>() ?? new GraphQLDocumentBuilder();
        GraphQLDocument document;
        try
        {
            document = builder.Build(options.Query!);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }

        var operationType = GraphQLHttpRequestReader.SelectedOperationType(document, options.OperationName);
        if (operationType is not null and not OperationType.Query)
        {
            return NotQueryOverGet;
        }

        options.Document = document;
        return null;
    }

    private async ValueTask<GraphQLHttpError?> ReadPostAsync(HttpRequest request, ExecutionOptions options, CancellationToken cancellationToken)
    {
        if (!GraphQLMediaTypes.IsJsonUtf8Request(request.ContentType, out var reason))
        {
            return new GraphQLHttpError(StatusCodes.Status415UnsupportedMediaType, TransportErrorCodes.UnsupportedMediaType, reason);
        }

        if (request.ContentLength > maxRequestBytes)
        {
            return _tooLarge;
        }

        // Buffer the whole body in the request pipe (no copy) and parse it in place.
        var body = request.BodyReader;
        while (true)
        {
            var read = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            if (buffer.Length > maxRequestBytes)
            {
                body.AdvanceTo(buffer.End);
                return _tooLarge;
            }

            if (read.IsCompleted)
            {
                try
                {
                    return GraphQLHttpRequestReader.ReadBody(buffer, options);
                }
                finally
                {
                    body.AdvanceTo(buffer.End);
                }
            }

            if (read.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            body.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async Task ExecuteAsync(HttpContext context, ExecutionOptions options, GraphQLResponseMediaType mediaType)
    {
        var services = context.RequestServices;
        var executer = services.GetRequiredService<IDocumentExecuter<ISchema>>();
        var serializer = services.GetRequiredService<IGraphQLTextSerializer>();

        // Parse, validate and execute under one span of ours (docs/observability.md "Traces"); null and free when nobody listens.
        using var activity = Telemetry.GraphQLTelemetry.Start();
        ExecutionResult result;
        // The critical storage round trips the execution waits for, when someone listens (docs/storage-requests.md).
        using (Grains.Telemetry.StorageCommandDepth.Begin())
        {
            result = await executer.ExecuteAsync(options).ConfigureAwait(false);
        }

        Telemetry.GraphQLTelemetry.Complete(activity, result);

        int status;
        if (result.Executed)
        {
            status = StatusCodes.Status200OK;
        }
        else if (TryGetUnhandled(result, out var unhandled))
        {
            // An exception before execution that nobody turned into a GraphQL error: a server fault.
            LogUnhandled(logger, unhandled.InnerException ?? unhandled);
            await Internal.WriteAsync(context.Response, mediaType, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        else
        {
            status = mediaType == GraphQLResponseMediaType.GraphQLResponseJson
                ? GraphQLRequestErrorStatus.For(result.Errors)
                : StatusCodes.Status200OK;
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = mediaType.ContentType();

        // Serialized into a pooled buffer first, so the answer goes out with a Content-Length in one write instead of
        // chunked framing with a separate terminating chunk (one send per response, no per-request buffer).
        await using var buffer = ResponseBuffers.GetStream(BufferId, nameof(GraphQLHttpEndpoint));
        await serializer.WriteAsync(buffer, result, context.RequestAborted).ConfigureAwait(false);
        response.ContentLength = buffer.Length;
        foreach (var segment in buffer.GetReadOnlySequence())
        {
            await response.Body.WriteAsync(segment, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The id every response buffer is created with: the manager otherwise draws a fresh <see cref="Guid.NewGuid"/> per stream
    /// (a random-number read measured at 3 % of the server CPU of a <c>case(id)</c> read); the id only labels the manager's
    /// own diagnostics events, which CareGrid does not use.
    /// </summary>
    private static readonly Guid BufferId = Guid.Empty;

    /// <summary>Pooled response buffers (blocks of 16 KiB; answers are bounded by the query limits).</summary>
    private static readonly Microsoft.IO.RecyclableMemoryStreamManager ResponseBuffers = new(new Microsoft.IO.RecyclableMemoryStreamManager.Options
    {
        BlockSize = 16 * 1024,
        MaximumSmallPoolFreeBytes = 16L * 1024 * 1024,
        MaximumLargePoolFreeBytes = 32L * 1024 * 1024,
    });

    private static bool TryGetUnhandled(ExecutionResult result, out ExecutionError unhandled)
    {
        if (result.Errors is not null)
        {
            foreach (var error in result.Errors)
            {
                if (error is UnhandledError)
                {
                    unhandled = error;
                    return true;
                }
            }
        }

        unhandled = null!;
        return false;
    }

    private async Task WriteUnlessStartedAsync(HttpContext context, GraphQLHttpError error, GraphQLResponseMediaType mediaType)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        try
        {
            context.Response.Clear();
            await error.WriteAsync(context.Response, mediaType, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            LogWriteFailed(logger, ex);
            context.Abort();
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled exception while serving a GraphQL request.")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not write the GraphQL error response.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
