using CareGrid.Grains.Errors;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using CareGrid.GraphApi.Http;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// A document refused because one of its node counts is over its cap (<see cref="NodeCounts"/>): code
/// <c>QUERY_TOO_COMPLEX</c>, and <c>extensions.limit</c> names the <see cref="GraphQLLimitsOptions"/> setting exceeded
/// (for example <c>MaxArguments</c>), docs/query-limits.md "Node counts".
/// </summary>
public sealed class QueryLimitError : ValidationError
{
    /// <summary>Creates the error located at <paramref name="node"/> (the document: one location, line 1).</summary>
    public QueryLimitError(ROM source, string limit, string message, ASTNode node)
        : base(source, TransportErrorCodes.QueryTooComplex, message, node)
    {
        Code = TransportErrorCodes.QueryTooComplex;
        Limit = limit;
    }

    /// <summary>The name of the exceeded setting of <see cref="GraphQLLimitsOptions"/>, copied into <c>extensions.limit</c>.</summary>
    public string Limit { get; }
}
