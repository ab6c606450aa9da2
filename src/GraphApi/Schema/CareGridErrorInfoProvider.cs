using System.Reflection;
using CareGrid.Grains.Errors;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using CareGrid.GraphApi.Http;

namespace CareGrid.GraphApi.Schema;

/// <summary>An <see cref="ExecutionError"/> made from a <see cref="CareGridException"/>, keeping its code and details.</summary>
public sealed class CareGridExecutionError : ExecutionError
{
    /// <summary>Wraps the domain error.</summary>
    public CareGridExecutionError(CareGridException error) : base(error.Message)
    {
        Code = error.Code;
        Details = error.Details;
    }

    /// <summary>Extra facts copied into <c>extensions</c>.</summary>
    public IReadOnlyDictionary<string, string> Details { get; }
}

/// <summary>
/// Shapes every GraphQL error as <c>{message, locations, path, extensions: {code, …details}}</c> where
/// <c>code</c> is one of <see cref="ErrorCodes"/> or <see cref="TransportErrorCodes"/>: domain errors keep theirs; GraphQL.NET's parse errors become
/// <c>GRAPHQL_PARSE_FAILED</c>, its validation and variable errors <c>GRAPHQL_VALIDATION_FAILED</c>; any other
/// exception becomes <c>INTERNAL</c> with a generic message and no internal detail.
/// </summary>
public sealed class CareGridErrorInfoProvider : IErrorInfoProvider
{
    private static readonly HashSet<string> KnownCodes = typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Concat(TransportErrorCodes.All)
        .ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        var extensions = new Dictionary<string, object?>();
        var message = executionError.Message;
        string code;
        switch (executionError)
        {
            case CareGridExecutionError domain:
                code = domain.Code!;
                foreach (var (key, value) in domain.Details)
                {
                    extensions[key] = value;
                }

                break;
            case DocumentError when executionError.Code is { } own && KnownCodes.Contains(own):
                code = own;
                break;
            case SyntaxError:
                code = TransportErrorCodes.GraphQLParseFailed;
                break;
            case DocumentError or ValidationError:
                code = TransportErrorCodes.GraphQLValidationFailed;
                break;
            case UnhandledError:
                code = ErrorCodes.Internal;
                message = "An internal error occurred. Quote the correlation id to support.";
                break;
            default:
                code = executionError.Code is { } c && KnownCodes.Contains(c) ? c : TransportErrorCodes.GraphQLValidationFailed;
                break;
        }

        extensions["code"] = code;
        if (executionError is Hardening.QueryLimitError { Limit: var limit })
        {
            extensions["limit"] = limit;
        }

        return new ErrorInfo { Message = message, Extensions = extensions };
    }
}
