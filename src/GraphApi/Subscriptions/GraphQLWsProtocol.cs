namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// Names and close codes of the GraphQL over WebSocket protocol, sub-protocol <c>graphql-transport-ws</c>
/// (enisdenjo/graphql-ws, PROTOCOL.md; docs/subscriptions.md "Protocol").
/// </summary>
public static class GraphQLWsProtocol
{
    /// <summary>The WebSocket sub-protocol the client must request (<c>Sec-WebSocket-Protocol</c>).</summary>
    public const string SubProtocol = "graphql-transport-ws";

    /// <summary>Client → server, first message: carries the token in its payload.</summary>
    public const string ConnectionInit = "connection_init";
    /// <summary>Server → client: the connection is accepted.</summary>
    public const string ConnectionAck = "connection_ack";
    /// <summary>Either way: asks for a <see cref="Pong"/>.</summary>
    public const string Ping = "ping";
    /// <summary>Either way: answers a <see cref="Ping"/>, or a one-way heartbeat.</summary>
    public const string Pong = "pong";
    /// <summary>Client → server: starts an operation under a client-chosen id.</summary>
    public const string Subscribe = "subscribe";
    /// <summary>Server → client: one result of an operation.</summary>
    public const string Next = "next";
    /// <summary>Server → client: the operation failed (a list of GraphQL errors); nothing more follows for that id.</summary>
    public const string Error = "error";
    /// <summary>Either way: the operation is over (client: stop it; server: it ended).</summary>
    public const string Complete = "complete";

    /// <summary>Close code: a message that is not valid JSON of the protocol's shape.</summary>
    public const int BadRequest = 4400;
    /// <summary>Close code: <see cref="Subscribe"/> before the connection was acknowledged.</summary>
    public const int Unauthorized = 4401;
    /// <summary>Close code: the token in <see cref="ConnectionInit"/> is missing, invalid, expired or not for this tenant.</summary>
    public const int Forbidden = 4403;
    /// <summary>Close code: the client did not request the <see cref="SubProtocol"/>.</summary>
    public const int SubprotocolNotAcceptable = 4406;
    /// <summary>Close code: no <see cref="ConnectionInit"/> within the init timeout.</summary>
    public const int InitTimeout = 4408;
    /// <summary>Close code: a <see cref="Subscribe"/> reused the id of an operation still running.</summary>
    public const int SubscriberAlreadyExists = 4409;
    /// <summary>Close code: a second <see cref="ConnectionInit"/>.</summary>
    public const int TooManyInitialisationRequests = 4429;

    /// <summary>Close code (RFC 6455 "going away"): the server is shutting down; reconnect (to another silo).</summary>
    public const int GoingAway = 1001;
    /// <summary>Close code (RFC 6455 "policy violation"): the user or tenant holds the most connections allowed.</summary>
    public const int TooManyConnections = 1008;
    /// <summary>Close code (RFC 6455 "try again later"): the client let the outbound queue fill (it does not read).</summary>
    public const int OutboundFull = 1013;
    /// <summary>Close code (RFC 6455 "message too big"): a message over the size limit.</summary>
    public const int MessageTooBig = 1009;
}
