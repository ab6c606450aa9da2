using System.Buffers;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace CareGrid.GraphApi.Http;

/// <summary>
/// Reads the GraphQL-over-HTTP request parameters (<c>query</c>, <c>operationName</c>, <c>variables</c>,
/// <c>extensions</c>) into <see cref="ExecutionOptions"/>, checking the type of each: from a JSON body read
/// straight from the request's buffered bytes, or from URL query parameters.
/// </summary>
internal static class GraphQLHttpRequestReader
{
    private static readonly JsonSerializerOptions InputsOptions = new() { Converters = { new InputsJsonConverter() } };

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly GraphQLHttpError QueryMissing =
        BadRequest("The 'query' parameter is required and must be a string.");

    private static readonly GraphQLHttpError QueryNotString = BadRequest("The 'query' parameter must be a string.");

    private static readonly GraphQLHttpError OperationNameNotString =
        BadRequest("The 'operationName' parameter must be a string or null.");

    private static readonly GraphQLHttpError VariablesNotObject =
        BadRequest("The 'variables' parameter must be a JSON object or null.");

    private static readonly GraphQLHttpError ExtensionsNotObject =
        BadRequest("The 'extensions' parameter must be a JSON object or null.");

    private static bool IsValidAcrossSegments(ReadOnlySequence<byte> body) =>
        body.IsSingleSegment ? System.Text.Unicode.Utf8.IsValid(body.FirstSpan) : System.Text.Unicode.Utf8.IsValid(body.ToArray());

    /// <summary>
    /// Reads a JSON request body. Returns the error to answer, or <see langword="null"/> when
    /// <paramref name="options"/> got its <c>Query</c> (and the optional parameters).
    /// </summary>
    public static GraphQLHttpError? ReadBody(ReadOnlySequence<byte> body, ExecutionOptions options)
    {
        if (body.Length >= 3)
        {
            Span<byte> head = stackalloc byte[3];
            body.Slice(0, 3).CopyTo(head);
            if (head.SequenceEqual(Utf8Bom))
            {
                body = body.Slice(3);
            }
        }

        if (body.IsEmpty)
        {
            return BadRequest("The request body is empty; expected a JSON object with a 'query' string.");
        }

        // The whole body must be UTF-8, also inside values the reader would skip without decoding.
        foreach (var segment in body)
        {
            if (!System.Text.Unicode.Utf8.IsValid(segment.Span) && !IsValidAcrossSegments(body))
            {
                return BadRequest("The request body is not valid UTF-8.");
            }
        }

        var reader = new Utf8JsonReader(body, isFinalBlock: true, state: default);
        try
        {
            var error = ReadRequestObject(ref reader, options);
            if (error is not null)
            {
                return error;
            }

            // Rejects anything but whitespace after the object.
            if (reader.Read())
            {
                return BadRequest("The request body must hold a single JSON object.");
            }

            return options.Query is null ? QueryMissing : null;
        }
        catch (JsonException ex)
        {
            return InvalidJson(ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // Invalid UTF-8 in a string, a duplicate variable name, a number out of range.
            return BadRequest("The request body is not a valid GraphQL-over-HTTP JSON request.");
        }
    }

    /// <summary>Reads the URL query parameters of a GET request.</summary>
    public static GraphQLHttpError? ReadQueryString(IQueryCollection query, ExecutionOptions options)
    {
        if (!TryGetSingle(query, "query", out var text, out var duplicated) || text is null)
        {
            return duplicated ? BadRequest("The 'query' parameter must be given once.") : QueryMissing;
        }

        options.Query = text;

        if (TryGetSingle(query, "operationName", out var operationName, out duplicated))
        {
            options.OperationName = string.IsNullOrEmpty(operationName) ? null : operationName;
        }
        else if (duplicated)
        {
            return BadRequest("The 'operationName' parameter must be given once.");
        }

        var error = ReadJsonParameter(query, "variables", VariablesNotObject, out var variables);
        if (error is not null)
        {
            return error;
        }

        options.Variables = variables;
        error = ReadJsonParameter(query, "extensions", ExtensionsNotObject, out var extensions);
        options.Extensions = extensions;
        return error;
    }

    /// <summary>
    /// The type of the operation a request selects, or <see langword="null"/> when the document names no such
    /// operation (execution then reports it as a request error).
    /// </summary>
    public static OperationType? SelectedOperationType(GraphQLDocument document, string? operationName)
    {
        GraphQLOperationDefinition? match = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLOperationDefinition operation)
            {
                continue;
            }

            if (string.IsNullOrEmpty(operationName))
            {
                if (match is not null)
                {
                    return null; // several operations and no name: a request error
                }

                match = operation;
            }
            else if (operation.Name is not null && operation.Name.Value.Span.SequenceEqual(operationName))
            {
                return operation.Operation;
            }
        }

        return match?.Operation;
    }

    private static GraphQLHttpError? ReadRequestObject(ref Utf8JsonReader reader, ExecutionOptions options)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            // A scalar or an array (batching is not supported); a truncated body throws above.
            return BadRequest("The request body must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("query"u8))
            {
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        options.Query = reader.GetString();
                        break;
                    case JsonTokenType.Null:
                        options.Query = null;
                        break;
                    default:
                        return QueryNotString;
                }
            }
            else if (reader.ValueTextEquals("operationName"u8))
            {
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        options.OperationName = reader.GetString();
                        break;
                    case JsonTokenType.Null:
                        options.OperationName = null;
                        break;
                    default:
                        return OperationNameNotString;
                }
            }
            else if (reader.ValueTextEquals("variables"u8))
            {
                reader.Read();
                if (!TryReadInputs(ref reader, out var variables))
                {
                    return VariablesNotObject;
                }

                options.Variables = variables;
            }
            else if (reader.ValueTextEquals("extensions"u8))
            {
                reader.Read();
                if (!TryReadInputs(ref reader, out var extensions))
                {
                    return ExtensionsNotObject;
                }

                options.Extensions = extensions;
            }
            else
            {
                // Unknown parameters are ignored.
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException("The request object is not closed.");
        }

        return null;
    }

    private static bool TryReadInputs(ref Utf8JsonReader reader, out Inputs? inputs)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                inputs = null;
                return true;
            case JsonTokenType.StartObject:
                inputs = JsonSerializer.Deserialize<Inputs>(ref reader, InputsOptions);
                return true;
            default:
                inputs = null;
                return false;
        }
    }

    private static GraphQLHttpError? ReadJsonParameter(IQueryCollection query, string name, GraphQLHttpError notObject, out Inputs? inputs)
    {
        inputs = null;
        if (!TryGetSingle(query, name, out var json, out var duplicated))
        {
            return duplicated ? BadRequest($"The '{name}' parameter must be given once.") : null;
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, rented);
            var reader = new Utf8JsonReader(rented.AsSpan(0, length));
            if (!reader.Read() || !TryReadInputs(ref reader, out inputs))
            {
                return notObject;
            }

            return reader.Read() ? notObject : null;
        }
        catch (JsonException)
        {
            return BadRequest($"The '{name}' parameter is not valid URL-encoded JSON.");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            return BadRequest($"The '{name}' parameter is not valid URL-encoded JSON.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>True when the parameter is present exactly once; <paramref name="duplicated"/> when more than once.</summary>
    private static bool TryGetSingle(IQueryCollection query, string name, out string? value, out bool duplicated)
    {
        value = null;
        duplicated = false;
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0)
        {
            return false;
        }

        if (values.Count > 1)
        {
            duplicated = true;
            return false;
        }

        value = values[0];
        return true;
    }

    private static GraphQLHttpError InvalidJson(JsonException ex)
    {
        var where = ex.LineNumber is long line && ex.BytePositionInLine is long position
            ? $" (line {line + 1}, byte {position + 1})"
            : string.Empty;
        return BadRequest("The request body is not valid JSON" + where + ".");
    }

    private static GraphQLHttpError BadRequest(string message) =>
        new(StatusCodes.Status400BadRequest, TransportErrorCodes.BadRequest, message);
}
