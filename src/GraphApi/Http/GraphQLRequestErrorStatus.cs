using System.Collections.Frozen;
using CareGrid.Grains.Errors;
using GraphQL;
using Microsoft.AspNetCore.Http;

namespace CareGrid.GraphApi.Http;

/// <summary>
/// The HTTP status of a GraphQL request error (a result with no <c>data</c>) answered as
/// <c>application/graphql-response+json</c>: 400, unless every error carries a code of <see cref="ByCode"/>
/// (read from <see cref="ExecutionError.Code"/>), in which case the first error's status.
/// </summary>
internal static class GraphQLRequestErrorStatus
{
    /// <summary>The one table of request-error codes that answer something other than 400.</summary>
    private static readonly FrozenDictionary<string, int> ByCode = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [ErrorCodes.Unauthenticated] = StatusCodes.Status401Unauthorized,
        [ErrorCodes.Forbidden] = StatusCodes.Status403Forbidden,
        [ErrorCodes.TenantNotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.TenantSuspended] = StatusCodes.Status403Forbidden,
        [TransportErrorCodes.RateLimited] = StatusCodes.Status429TooManyRequests,
        [ErrorCodes.Unavailable] = StatusCodes.Status503ServiceUnavailable,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The status for the errors of a result that was not executed.</summary>
    public static int For(ExecutionErrors? errors)
    {
        if (errors is null || errors.Count == 0)
        {
            return StatusCodes.Status400BadRequest;
        }

        var status = 0;
        foreach (var error in errors)
        {
            if (error.Code is null || !ByCode.TryGetValue(error.Code, out var mapped))
            {
                return StatusCodes.Status400BadRequest;
            }

            if (status == 0)
            {
                status = mapped;
            }
        }

        return status;
    }
}
