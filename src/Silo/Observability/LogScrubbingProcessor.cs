using System.Globalization;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace CareGrid.Silo.Observability;

/// <summary>
/// Keeps staff subjects out of exported log records (docs/observability.md "Logs"). Orleans names grain ids in its lines
/// (<c>Activating grain {Grain}</c> at Debug, failed activations and calls at Warning and Error, exception texts), and some
/// grain keys are built from a subject (<see cref="SubjectScrubber"/>). Before the OTLP exporter sees a record this processor
/// rewrites, with <see cref="SubjectScrubber.Scrub"/>: the formatted message, the body (the message template), every attribute
/// value that is not a number or a boolean (a <c>GrainId</c>, a silo address, a string …; replaced by its scrubbed text only
/// when that differs), and the exception — when its message or its text (type, message, stack, inner exceptions) names a
/// subject, it is replaced by a <see cref="ScrubbedException"/> carrying the scrubbed text. The console is scrubbed by its
/// formatter (<see cref="CareGridConsoleFormatter"/>); other providers are not rewritten (docs/observability.md "Known limits").
/// </summary>
public sealed class LogScrubbingProcessor(SubjectScrubber scrubber) : BaseProcessor<LogRecord>
{
    /// <summary>Rewrites <paramref name="data"/> as the class documentation says.</summary>
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = scrubber.Scrub(message);
        }

        if (data.Body is { } body)
        {
            data.Body = scrubber.Scrub(body);
        }

        if (data.Attributes is { } attributes && ScrubAttributes(attributes) is { } scrubbed)
        {
            data.Attributes = scrubbed;
        }

        if (data.Exception is { } exception)
        {
            data.Exception = ScrubException(exception);
        }
    }

    /// <summary>The attributes with every changed value replaced, or null when none changed.</summary>
    private List<KeyValuePair<string, object?>>? ScrubAttributes(IReadOnlyList<KeyValuePair<string, object?>> attributes)
    {
        List<KeyValuePair<string, object?>>? result = null;
        for (var i = 0; i < attributes.Count; i++)
        {
            var (key, value) = attributes[i];
            if (value is null or bool or sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal)
            {
                continue;
            }

            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            var scrubbed = scrubber.Scrub(text);
            if (!string.Equals(scrubbed, text, StringComparison.Ordinal))
            {
                result ??= [.. attributes];
                result[i] = new(key, scrubbed);
            }
        }

        return result;
    }

    private Exception ScrubException(Exception exception)
    {
        var text = exception.ToString();
        var scrubbedText = scrubber.Scrub(text);
        var scrubbedMessage = scrubber.Scrub(exception.Message);
        return string.Equals(scrubbedText, text, StringComparison.Ordinal) && string.Equals(scrubbedMessage, exception.Message, StringComparison.Ordinal)
            ? exception
            : new ScrubbedException(exception.GetType().FullName ?? exception.GetType().Name, scrubbedMessage, scrubbedText);
    }
}

/// <summary>
/// Stands in for a logged exception whose text named a staff subject (<see cref="LogScrubbingProcessor"/>): <see cref="Message"/>
/// and <see cref="ToString"/> give the scrubbed message and text, <see cref="OriginalType"/> the original type's full name.
/// </summary>
public sealed class ScrubbedException : Exception
{
    private readonly string _text;

    /// <summary>Creates the stand-in from the original type's name, the scrubbed message and the scrubbed full text.</summary>
    public ScrubbedException(string originalType, string message, string text)
        : base(message)
    {
        OriginalType = originalType;
        _text = text;
    }

    /// <summary>Creates an empty stand-in (for serializers and analyzers; the service never uses it).</summary>
    public ScrubbedException()
        : this("", "", "")
    {
    }

    /// <summary>Creates a stand-in with <paramref name="message"/> as message and text.</summary>
    public ScrubbedException(string message)
        : this("", message, message)
    {
    }

    /// <summary>Creates a stand-in with <paramref name="message"/> as message and text.</summary>
    public ScrubbedException(string message, Exception innerException)
        : base(message, innerException)
    {
        OriginalType = "";
        _text = message;
    }

    /// <summary>The full name of the exception type this stands in for (empty when unknown).</summary>
    public string OriginalType { get; }

    /// <summary>The scrubbed text of the original exception (its type, message, stack trace and inner exceptions).</summary>
    public override string ToString() => _text;
}
