using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Mailbox;

/// <summary>
/// The size limits of the worry mailbox (R-5.2 abuse limits, docs/mailbox.md "Limits"), chosen so one thread's state
/// stays far below a storage entity's 1 MiB (docs/storage.md): at most 40 messages of 2,000 characters (UTF-8 at most
/// 3 bytes a character: 240 KB).
/// </summary>
public static class MailboxLimits
{
    /// <summary>Characters of one message (UTF-16 code units), at most.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Characters of the writer's "contact me" statement, at most.</summary>
    public const int MaxContactLength = 200;

    /// <summary>Messages of one thread, at most; then <c>MAILBOX_THREAD_FULL</c>.</summary>
    public const int MaxMessages = 40;

    /// <summary>Bytes of a request body of the public route, at most; then <c>REQUEST_TOO_LARGE</c>.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>
    /// The text of a message, trimmed; <c>VALIDATION_FAILED</c> naming <paramref name="field"/> when it is empty, longer than
    /// <see cref="MaxTextLength"/> or holds control characters other than line breaks and tabs.
    /// </summary>
    public static string Text(string? text, string field = "text") => Checked(text, field, MaxTextLength, "the message");

    /// <summary>The writer's "contact me" statement, trimmed; null when absent or blank; <c>VALIDATION_FAILED</c> (<c>contactMe</c>) when too long.</summary>
    public static string? Contact(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : Checked(text, "contactMe", MaxContactLength, "how to reach you (for example your name and class)");

    private static string Checked(string? text, string field, int max, string what)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw CareGridException.Validation(field, $"Write {what} in '{field}' (1–{max} characters).");
        }

        if (trimmed.Length > max)
        {
            throw CareGridException.Validation(field, $"'{field}' has {trimmed.Length} characters; at most {max} are accepted. Shorten it or send it in two parts.");
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            throw CareGridException.Validation(field, $"'{field}' contains control characters; send plain text.");
        }

        return trimmed;
    }
}
