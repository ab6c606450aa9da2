using System.Diagnostics;
using GraphQL;
using GraphQLParser.AST;

namespace CareGrid.GraphApi.Telemetry;

/// <summary>
/// The tracing of GraphQL operations (docs/observability.md "Traces"): one span per executed request, from the
/// <see cref="ActivitySource"/> <see cref="SourceName"/>, around parsing, validation and execution. The span is named after
/// the operation as the OpenTelemetry GraphQL conventions ask — <c>{type} {name}</c>, e.g. <c>mutation ReportConcern</c>, or
/// the type alone for an anonymous operation — and carries <c>graphql.operation.type</c>, <c>graphql.operation.name</c> and,
/// on failure, the first error's <c>extensions.code</c>. Never the document, the variables or an error message: they can hold
/// personal data (a concern's summary, a name). Without a listener (no exporter configured) nothing is allocated.
/// </summary>
public static class GraphQLTelemetry
{
    /// <summary>Name of the activity source (add it to a tracing pipeline to export the spans).</summary>
    public const string SourceName = "CareGrid.GraphQL";

    /// <summary>Name of the span until the operation is known (a document that does not parse keeps it).</summary>
    public const string PendingName = "graphql";

    private static readonly ActivitySource Source = new(SourceName, typeof(GraphQLTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the span of one request, a child of the current (HTTP server) span; null when nobody listens.</summary>
    public static Activity? Start() => Source.HasListeners() ? Source.StartActivity(PendingName, ActivityKind.Internal) : null;

    /// <summary>
    /// Names the span after the operation <paramref name="result"/> ran (or chose and refused) and sets its status: error when
    /// the answer has errors, with the first error's code in <c>caregrid.graphql.error_code</c>.
    /// </summary>
    public static void Complete(Activity? activity, ExecutionResult result)
    {
        if (activity is null)
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(result);
        if (result.Operation is { } operation)
        {
            var type = operation.Operation switch
            {
                OperationType.Mutation => "mutation",
                OperationType.Subscription => "subscription",
                _ => "query",
            };
            var name = operation.Name?.StringValue;
            activity.DisplayName = string.IsNullOrEmpty(name) ? type : type + " " + name;
            activity.SetTag("graphql.operation.type", type);
            if (!string.IsNullOrEmpty(name))
            {
                activity.SetTag("graphql.operation.name", name);
            }
        }

        if (result.Errors is { Count: > 0 } errors)
        {
            activity.SetStatus(ActivityStatusCode.Error);
            activity.SetTag("caregrid.graphql.error_code", errors[0].Code);
        }
    }
}
