using System.Net.Sockets;
using Azure;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace CareGrid.Grains.Errors;

/// <summary>
/// Recognises the transient faults of a clustered, durable deployment — a silo lost or being declared dead, a
/// call that timed out, grain storage that could not be reached — which the API reports as
/// <see cref="ErrorCodes.Unavailable"/> (retryable) rather than <see cref="ErrorCodes.Internal"/>.
/// </summary>
public static class ClusterFaults
{
    /// <summary>
    /// True when <paramref name="exception"/>, or an exception it wraps, is one of: Orleans'
    /// <see cref="SiloUnavailableException"/> or any other <see cref="OrleansMessageRejectionException"/> (the target
    /// silo is gone or refused the message during fail-over), <see cref="ConnectionFailedException"/>,
    /// <see cref="GatewayTooBusyException"/>, <see cref="ClientNotAvailableException"/>; a <see cref="TimeoutException"/>
    /// (Orleans' response timeout, <c>Orleans:Messaging:ResponseTimeout</c>); a storage call that could not reach
    /// the service (an Azure <see cref="RequestFailedException"/> with no HTTP status or a 5xx status, a
    /// <see cref="HttpRequestException"/> or <see cref="SocketException"/>).
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case OrleansMessageRejectionException: // includes SiloUnavailableException
                case ConnectionFailedException:
                case GatewayTooBusyException:
                case ClientNotAvailableException:
                case TimeoutException:
                case RequestFailedException { Status: 0 or >= 500 }:
                case HttpRequestException:
                case SocketException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }

    /// <summary>The <see cref="ErrorCodes.Unavailable"/> error a client sees for a transient fault; carries no internal detail.</summary>
    public static CareGridException Unavailable() => new(ErrorCodes.Unavailable,
        "The service could not complete the request just now (a server of the cluster was unavailable or the call timed out). " +
        "The change may or may not have been applied: retry it; a create with your own id answers ALREADY_EXISTS if it was.");
}
