using System.Text.Json;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Mailbox;
using CareGrid.GraphApi.Http;
using Microsoft.AspNetCore.Http;

namespace CareGrid.GraphApi.Mailbox;

/// <summary>The JSON answers of the public worry-mailbox route (docs/mailbox.md "The public route").</summary>
internal static class WorryMailboxAnswers
{
    /// <summary>The notice shown with a new claim code, in English and Simplified Chinese.</summary>
    public const string NoticeEnglish =
        "Keep this code: it is shown only once and is the only way to read the counsellors' replies. Nobody can recover it. "
        + "If you are in danger right now, call the 24-hour line or tell an adult you trust.";

    /// <summary>The notice in Simplified Chinese.</summary>
    public const string NoticeChinese = "请保存好这个取件码：它只显示一次，是查看心理老师回复的唯一方式，任何人都无法找回。如果你现在处于危险之中，请拨打24小时热线或告诉你信任的大人。";

    /// <summary>
    /// The message of a refused request on this route: never only "try later" — a writer in danger now is
    /// told to call 110 (police) or 120 (ambulance) or to tell a teacher they trust, in English and Simplified Chinese.
    /// </summary>
    public const string RateLimitedMessage =
        "Too many messages right now; try again in a minute. If you are in danger now, call 110 or 120, or tell a teacher you trust. "
        + "现在消息太多，请一分钟后再试。如果你现在有危险，请拨打110或120，或告诉你信任的老师。";

    /// <summary>The JSON body of a refusal by the address limit: <c>RATE_LIMITED</c> with <see cref="RateLimitedMessage"/> and <c>en</c>/<c>zh</c>.</summary>
    public static readonly string RateLimitedBody = ErrorBody(RateLimited("post"));

    /// <summary>The <c>RATE_LIMITED</c> error of this route, with details <c>en</c> and <c>zh</c> (what to do in danger now).</summary>
    public static CareGridException RateLimited(string action) => new(TransportErrorCodes.RateLimited, RateLimitedMessage,
        new Dictionary<string, string>
        {
            ["action"] = action,
            ["en"] = "If you are in danger now, call 110 or 120, or tell a teacher you trust. Try again in a minute.",
            ["zh"] = "如果你现在有危险，请拨打110或120，或告诉你信任的老师。请一分钟后再试。",
        });

    private static string ErrorBody(CareGridException error)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Error(json, error);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><c>{"claimCode":…,"status":"OPEN","notice":{"en":…,"zh":…}}</c>.</summary>
    public static void Posted(Utf8JsonWriter json, ClaimCode code)
    {
        json.WriteStartObject();
        json.WriteString("claimCode"u8, code.ToString());
        json.WriteString("status"u8, "OPEN");
        json.WriteStartObject("notice"u8);
        json.WriteString("en"u8, NoticeEnglish);
        json.WriteString("zh"u8, NoticeChinese);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary><c>{"status":"OPEN|ANSWERED|CLOSED","messages":[{"from":"WRITER|COUNSELLOR","text":…,"on":"yyyy-MM-dd"}]}</c>.</summary>
    public static void Thread(Utf8JsonWriter json, MailboxWriterView view)
    {
        json.WriteStartObject();
        json.WriteString("status"u8, view.Status.ToString().ToUpperInvariant());
        json.WriteStartArray("messages"u8);
        foreach (var message in view.Messages)
        {
            json.WriteStartObject();
            json.WriteString("from"u8, message.Author.ToString().ToUpperInvariant());
            json.WriteString("text"u8, message.Text);
            json.WriteString("on"u8, message.On.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary><c>{"errors":[{"message":…,"extensions":{"code":…, …details}}]}</c>, the shape of every CareGrid error.</summary>
    public static void Error(Utf8JsonWriter json, CareGridException error)
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

    /// <summary>The HTTP status of an error code on this route: 404, 409, 413, 415, 429, 503, 500 for INTERNAL, else 400.</summary>
    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        ErrorCodes.InvalidTransition or ErrorCodes.MailboxThreadFull or ErrorCodes.ConflictRetry => StatusCodes.Status409Conflict,
        TransportErrorCodes.RequestTooLarge or ErrorCodes.StorageLimit => StatusCodes.Status413PayloadTooLarge,
        TransportErrorCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        TransportErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ErrorCodes.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.Internal => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };
}
