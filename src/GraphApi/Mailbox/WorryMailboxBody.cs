using System.Buffers;
using System.Text.Json;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Mailbox;
using CareGrid.GraphApi.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CareGrid.GraphApi.Mailbox;

/// <summary>
/// Reads the JSON body of a worry-mailbox request (docs/mailbox.md "The public route"): <c>application/json</c> only
/// (else <c>UNSUPPORTED_MEDIA_TYPE</c>), at most <see cref="MailboxLimits.MaxBodyBytes"/> bytes (else
/// <c>REQUEST_TOO_LARGE</c>), one JSON object of string properties from the action's list (else <c>BAD_REQUEST</c> or
/// <c>VALIDATION_FAILED</c> naming the property). Nothing of the request but these properties is read.
/// </summary>
internal static class WorryMailboxBody
{
    public static async Task<Dictionary<string, string?>> ReadAsync(HttpRequest request, IReadOnlyList<string> allowed)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            throw new CareGridException(TransportErrorCodes.UnsupportedMediaType,
                "Send the body as Content-Type: application/json (UTF-8), for example {\"text\": \"…\"}.");
        }

        if (request.ContentLength > MailboxLimits.MaxBodyBytes)
        {
            throw TooLarge();
        }

        var body = await ReadCappedAsync(request);
        return Parse(body, allowed);
    }

    private static async Task<byte[]> ReadCappedAsync(HttpRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        while (true)
        {
            var chunk = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > MailboxLimits.MaxBodyBytes)
            {
                throw TooLarge();
            }
        }
    }

    private static Dictionary<string, string?> Parse(byte[] body, IReadOnlyList<string> allowed)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 4 });
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw BadRequest(allowed);
            }

            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw CareGridException.Validation(Clip(property.Name), $"Unknown property '{Clip(property.Name)}'; this request takes: {string.Join(", ", allowed)}.");
                }

                if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    throw CareGridException.Validation(property.Name, $"'{property.Name}' must be a string.");
                }

                if (!values.TryAdd(property.Name, property.Value.GetString()))
                {
                    throw CareGridException.Validation(property.Name, $"Give '{property.Name}' once.");
                }
            }
        }
        catch (JsonException)
        {
            throw BadRequest(allowed);
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-16 (a lone surrogate escape) in a string.
            throw BadRequest(allowed);
        }

        return values;
    }

    private static string Clip(string name) => name.Length > 40 ? name[..40] + "…" : name;

    private static CareGridException BadRequest(IReadOnlyList<string> allowed) =>
        new(TransportErrorCodes.BadRequest, $"The body must be one JSON object with string properties ({string.Join(", ", allowed)}).");

    private static CareGridException TooLarge() =>
        new(TransportErrorCodes.RequestTooLarge, $"The body is larger than {MailboxLimits.MaxBodyBytes} bytes; a message holds at most {MailboxLimits.MaxTextLength} characters.");
}
