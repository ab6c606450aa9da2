using CareGrid.Grains.Errors;
using CareGrid.GraphApi.Schema;
using GraphQL;
using GraphQL.DI;
using Microsoft.Extensions.Logging;

namespace CareGrid.GraphApi.Resilience;

/// <summary>
/// The outermost step of every GraphQL execution: a transient cluster fault raised before any resolver runs — for
/// example tenant admission reading the tenant registry grain while the silo that hosts it has just died — becomes
/// a request error with code <see cref="ErrorCodes.Unavailable"/> (HTTP 503 for <c>application/graphql-response+json</c>)
/// instead of an <c>INTERNAL</c> server error. Faults inside resolvers are mapped by the unhandled-exception handler
/// registered in <see cref="ApiServiceCollectionExtensions.AddCareGridApi"/>; this step sees only those that escape
/// before execution starts (GraphQL.NET's own handler is not configured yet at that point).
/// </summary>
public sealed class ClusterFaultAdmission(ILogger<ClusterFaultAdmission> logger) : IConfigureExecution
{
    /// <summary>Runs before tenant admission (sort order 10) and every other configuration step.</summary>
    public float SortOrder => 0;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        try
        {
            return await next(options).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ClusterFaults.IsTransient(ex))
        {
            logger.LogWarning(ex, "Transient cluster fault before GraphQL execution; answered UNAVAILABLE");
            return new ExecutionResult(new CareGridExecutionError(ClusterFaults.Unavailable()));
        }
    }
}
