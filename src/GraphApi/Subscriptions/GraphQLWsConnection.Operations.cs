using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.Grains.Errors;
using CareGrid.GraphApi.Http;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>The operations of a connection: <c>subscribe</c>, <c>complete</c>, and the <c>next</c>/<c>error</c>/<c>complete</c> they cause.</summary>
internal sealed partial class GraphQLWsConnection
{
    private async Task SubscribeAsync(JsonElement message, JsonElement payload)
    {
        if (_caller is null)
        {
            Close(GraphQLWsProtocol.Unauthorized, "Unauthorized");
            return;
        }

        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || idElement.GetString() is not { Length: > 0 } id || payload.ValueKind != JsonValueKind.Object)
        {
            Close(GraphQLWsProtocol.BadRequest, "Invalid message received: subscribe needs a string 'id' and an object 'payload'");
            return;
        }

        Operation operation;
        lock (_operations)
        {
            if (_operations.ContainsKey(id))
            {
                Close(GraphQLWsProtocol.SubscriberAlreadyExists, Clip($"Subscriber for {id} already exists"));
                return;
            }

            if (_operations.Count >= _options.MaxSubscriptionsPerConnection)
            {
                operation = null!;
            }
            else
            {
                operation = new Operation(this, id);
                _operations[id] = operation;
            }
        }

        if (operation is null)
        {
            var refusal = new CareGridException(TransportErrorCodes.SubscriptionLimit,
                $"This connection already holds {_options.MaxSubscriptionsPerConnection} subscriptions ({SubscriptionOptions.Section}:MaxSubscriptionsPerConnection); complete one first.");
            await ConnectionAdmission.AuditAsync(_context, _caller.User, refusal, "subscribe").ConfigureAwait(false);
            SendError(id, refusal.Code, refusal.Message);
            return;
        }

        await ExecuteAsync(operation, payload).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(Operation operation, JsonElement payload)
    {
        var services = _context.RequestServices;
        var options = new ExecutionOptions
        {
            RequestServices = services,
            User = _caller!.User,
            CancellationToken = _closing.Token,
        };
        var invalid = GraphQLHttpRequestReader.ReadBody(new ReadOnlySequence<byte>(JsonSerializer.SerializeToUtf8Bytes(payload)), options);
        if (invalid is null && !IsSubscription(options))
        {
            invalid = new GraphQLHttpError(400, TransportErrorCodes.BadRequest,
                "Only subscription operations are served over WebSocket; send queries and mutations with HTTP POST.");
        }

        if (invalid is not null)
        {
            Forget(operation);
            SendError(operation.Id, invalid.Code, invalid.Message);
            return;
        }

        var result = await services.GetRequiredService<IDocumentExecuter<ISchema>>().ExecuteAsync(options).ConfigureAwait(false);
        if (result.Streams is { Count: > 0 } streams)
        {
            operation.Start(streams.Values.First());
            return;
        }

        Forget(operation);
        if (result.Errors?.Any(CloseIfTenantRefused) != true) // the tenant was suspended after connection_init: close, as a new connection would be refused
        {
            Send(GraphQLWsProtocol.Error, operation.Id, ErrorsJson(result));
        }
    }

    /// <summary>Parses the document (the application's builder and limits) to refuse queries and mutations; a document that does not parse is left to the executer to report.</summary>
    private bool IsSubscription(ExecutionOptions options)
    {
        var builder = _context.RequestServices.GetService<IDocumentBuilder>() ?? new GraphQLDocumentBuilder();
        try
        {
            options.Document = builder.Build(options.Query!);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return true;
        }

        var type = GraphQLHttpRequestReader.SelectedOperationType(options.Document, options.OperationName);
        return type is null or OperationType.Subscription;
    }

    private Task CompleteAsync(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
        {
            Operation? operation;
            lock (_operations)
            {
                _operations.Remove(id.GetString()!, out operation);
            }

            operation?.Stop();
        }

        return Task.CompletedTask;
    }

    private void Forget(Operation operation)
    {
        lock (_operations)
        {
            if (_operations.TryGetValue(operation.Id, out var current) && current == operation)
            {
                _operations.Remove(operation.Id);
            }
        }
    }

    private Task DisposeOperationsAsync()
    {
        List<Operation> all;
        lock (_operations)
        {
            all = [.. _operations.Values];
            _operations.Clear();
        }

        foreach (var operation in all)
        {
            operation.Stop();
        }

        return Task.CompletedTask;
    }

    private void SendError(string id, string code, string message) =>
        Send(GraphQLWsProtocol.Error, id, new JsonArray(new JsonObject
        {
            ["message"] = message,
            ["extensions"] = new JsonObject { ["code"] = code },
        }).ToJsonString());

    /// <summary>The <c>errors</c> list of <paramref name="result"/> as CareGrid's error shaping writes it (codes in <c>extensions</c>).</summary>
    private string ErrorsJson(ExecutionResult result)
    {
        var serializer = _context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var errors = JsonNode.Parse(serializer.Serialize(new ExecutionResult { Errors = result.Errors }))?["errors"];
        return errors is JsonArray { Count: > 0 } list
            ? list.ToJsonString()
            : new JsonArray(new JsonObject { ["message"] = "The operation produced no event stream." }).ToJsonString();
    }

    /// <summary>One running subscription: forwards its results as <c>next</c>, its failure as <c>error</c>, its end as <c>complete</c>.</summary>
    private sealed class Operation(GraphQLWsConnection connection, string id) : IObserver<ExecutionResult>
    {
        private IDisposable? _subscription;
        private int _stopped;

        public string Id { get; } = id;

        public void Start(IObservable<ExecutionResult> stream)
        {
            var subscription = stream.Subscribe(this);
            if (Interlocked.CompareExchange(ref _subscription, subscription, null) is not null || Volatile.Read(ref _stopped) == 1)
            {
                subscription.Dispose();
            }
        }

        public void Stop()
        {
            Interlocked.Exchange(ref _stopped, 1);
            Interlocked.Exchange(ref _subscription, null)?.Dispose();
        }

        public void OnNext(ExecutionResult value)
        {
            if (value.Errors?.Any(connection.CloseIfTenantRefused) == true)
            {
                Stop();
            }
            else if (Volatile.Read(ref _stopped) == 0)
            {
                var serializer = connection._context.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
                connection.Send(GraphQLWsProtocol.Next, Id, serializer.Serialize(value));
            }
        }

        public void OnError(Exception error)
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 0 && !connection.CloseIfTenantRefused(error))
            {
                connection.Forget(this);
                var errors = new ExecutionErrors { error as ExecutionError ?? new ExecutionError("The event stream failed; subscribe again.") { Code = ErrorCodes.Internal } };
                connection.Send(GraphQLWsProtocol.Error, Id, connection.ErrorsJson(new ExecutionResult { Errors = errors }));
            }
        }

        public void OnCompleted()
        {
            if (Interlocked.Exchange(ref _stopped, 1) == 0)
            {
                connection.Forget(this);
                connection.Send(GraphQLWsProtocol.Complete, Id, null);
            }
        }
    }
}
