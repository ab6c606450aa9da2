using System.Text.Json;
using CareGrid.Grains.Errors;
using CareGrid.GraphApi.Http;
using GraphQL;
using Microsoft.AspNetCore.Http;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// The error answer of the export route: <c>{"errors":[{"message":…,"extensions":{"code":…, …details}}]}</c> as
/// <c>application/json</c>, the same shape and codes a GraphQL request gets, with the HTTP status the GraphQL endpoint
/// gives a request error of that code (<see cref="GraphQLRequestErrorStatus"/>; 400 for the others).
/// </summary>
internal static class ExportErrors
{
    public static async Task WriteAsync(HttpResponse response, CareGridException error, int? status = null)
    {
        response.StatusCode = status ?? GraphQLRequestErrorStatus.For([new ExecutionError(error.Message) { Code = error.Code }]);
        if (error.Code == ErrorCodes.Internal)
        {
            response.StatusCode = StatusCodes.Status500InternalServerError;
        }

        if (response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            json.WriteStartObject();
            json.WriteStartArray("errors"u8);
            json.WriteStartObject();
            json.WriteString("message"u8, error.Message);
            json.WriteStartObject("extensions"u8);
            json.WriteString("code"u8, error.Code);
            foreach (var (key, value) in error.Details)
            {
                if (key != "code")
                {
                    json.WriteString(key, value);
                }
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(response.HttpContext.RequestAborted);
    }
}
