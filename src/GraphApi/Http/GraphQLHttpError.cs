using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CareGrid.GraphApi.Http;

/// <summary>An error the endpoint answers by itself, before (or instead of) executing a GraphQL request.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Code">One of <see cref="CareGrid.Grains.Errors.ErrorCodes"/>, written to <c>extensions.code</c>.</param>
/// <param name="Message">A message safe to show a client.</param>
/// <param name="Allow">The <c>Allow</c> header of a 405 answer.</param>
internal sealed record GraphQLHttpError(int Status, string Code, string Message, string? Allow = null)
{
    /// <summary>Writes <c>{"errors":[{"message":…,"extensions":{"code":…}}]}</c> with the status, media type and headers.</summary>
    public async Task WriteAsync(HttpResponse response, GraphQLResponseMediaType mediaType, CancellationToken cancellationToken)
    {
        response.StatusCode = Status;
        response.ContentType = mediaType.ContentType();
        if (Allow is not null)
        {
            response.Headers.Allow = Allow;
        }

        WriteBody(response.BodyWriter);
        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void WriteBody(System.Buffers.IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteStartArray("errors"u8);
        json.WriteStartObject();
        json.WriteString("message"u8, Message);
        json.WriteStartObject("extensions"u8);
        json.WriteString("code"u8, Code);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
