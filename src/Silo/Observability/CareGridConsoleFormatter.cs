using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo.Observability;

/// <summary>
/// The console log's formatter, named <see cref="FormatterName"/> (docs/observability.md "Logs"). It writes what .NET's
/// <c>simple</c> console formatter writes — an optional timestamp, the level (<c>trce</c>, <c>dbug</c>, <c>info</c>, <c>warn</c>,
/// <c>fail</c>, <c>crit</c>; coloured as <see cref="ConsoleFormatterOptions"/> and <see cref="SimpleConsoleFormatterOptions.ColorBehavior"/>
/// say), <c>: {category}[{event id}]</c>, the scopes when <see cref="ConsoleFormatterOptions.IncludeScopes"/>, the message and the
/// exception's full text, on separate lines indented by six blanks or on one line (<see cref="SimpleConsoleFormatterOptions.SingleLine"/>)
/// — except that the message, the exception's text and each scope's text first pass through the process's one
/// <see cref="SubjectScrubber"/>: a staff subject in a grain key (<c>{tenant}/staff:{subject}</c>, <c>{tenant}/receipts/{subject}</c>)
/// or any word holding <c>@</c> becomes the same <c>#</c> token the exported traces and logs carry. Orleans names grain ids in its
/// Debug lines and failure lines, and a subject is often an e-mail address. Text without either comes out exactly as the simple
/// formatter writes it. <see cref="ConsoleLogHosting.AddCareGridConsoleFormatter"/> makes it the console's formatter whatever the
/// configuration says.
/// </summary>
public sealed class CareGridConsoleFormatter : ConsoleFormatter, IDisposable
{
    /// <summary>The formatter's name (<c>Logging:Console:FormatterName</c> is set to it after every configuration source).</summary>
    public const string FormatterName = "caregrid";

    private const string LevelPadding = ": ";
    private static readonly string MessagePadding = new(' ', "info".Length + LevelPadding.Length);
    private static readonly string NewLineWithMessagePadding = Environment.NewLine + MessagePadding;

    private readonly SubjectScrubber _scrubber;
    private readonly TimeProvider _clock;
    private readonly IDisposable? _reload;
    private CareGridConsoleFormatterOptions _options;

    /// <summary>
    /// Creates the formatter with <paramref name="options"/> (bound from <c>Logging:Console:FormatterOptions</c>, the simple
    /// formatter's section; changes apply to the next line), the process's <paramref name="scrubber"/> and the wall
    /// <paramref name="clock"/> that timestamps come from.
    /// </summary>
    public CareGridConsoleFormatter(IOptionsMonitor<CareGridConsoleFormatterOptions> options, SubjectScrubber scrubber, TimeProvider clock)
        : base(FormatterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scrubber);
        ArgumentNullException.ThrowIfNull(clock);
        _scrubber = scrubber;
        _clock = clock;
        _options = options.CurrentValue;
        _reload = options.OnChange(changed => _options = changed);
    }

    /// <summary>
    /// Writes <paramref name="logEntry"/> to <paramref name="textWriter"/> as the class documentation says; nothing when it has
    /// neither a message nor an exception. Scopes come from <paramref name="scopeProvider"/> (none when it is null).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The entry's level is <see cref="LogLevel.None"/> (no logger writes such an entry).</exception>
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && message is null)
        {
            return;
        }

        var options = _options;
        var level = LevelText(logEntry.LogLevel);
        if (options.TimestampFormat is { } format)
        {
            var now = options.UseUtcTimestamp ? _clock.GetUtcNow() : _clock.GetLocalNow();
            textWriter.Write(now.ToString(format, CultureInfo.CurrentCulture));
        }

        WriteLevel(textWriter, level, Colors(options, logEntry.LogLevel));
        var singleLine = options.SingleLine;
        textWriter.Write(LevelPadding);
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id.ToString(CultureInfo.InvariantCulture));
        textWriter.Write(']');
        if (!singleLine)
        {
            textWriter.Write(Environment.NewLine);
        }

        if (options.IncludeScopes && scopeProvider is not null)
        {
            WriteScopes(textWriter, scopeProvider, singleLine);
        }

        WriteMessage(textWriter, message is null ? null : _scrubber.Scrub(message), singleLine);
        if (logEntry.Exception is { } exception)
        {
            WriteMessage(textWriter, _scrubber.Scrub(exception.ToString()), singleLine);
        }

        if (singleLine)
        {
            textWriter.Write(Environment.NewLine);
        }
    }

    /// <summary>Stops following changes of the options.</summary>
    public void Dispose() => _reload?.Dispose();

    /// <summary>Each scope's text, scrubbed, after <c>=&gt; </c> (the first one indented on its own line unless single-line).</summary>
    private void WriteScopes(TextWriter textWriter, IExternalScopeProvider scopeProvider, bool singleLine)
    {
        var first = true;
        scopeProvider.ForEachScope((scope, writer) =>
        {
            writer.Write(first && !singleLine ? MessagePadding + "=> " : " => ");
            first = false;
            var text = scope switch
            {
                null => null,
                IFormattable formattable => formattable.ToString(null, writer.FormatProvider),
                _ => scope.ToString(),
            };
            if (text is not null)
            {
                writer.Write(_scrubber.Scrub(text));
            }
        }, textWriter);

        if (!first && !singleLine)
        {
            textWriter.Write(Environment.NewLine);
        }
    }

    private static void WriteMessage(TextWriter textWriter, string? message, bool singleLine)
    {
        if (string.IsNullOrEmpty(message))
        {
            return;
        }

        if (singleLine)
        {
            textWriter.Write(' ');
            textWriter.Write(message.Replace(Environment.NewLine, " ", StringComparison.Ordinal));
        }
        else
        {
            textWriter.Write(MessagePadding);
            textWriter.Write(message.Replace(Environment.NewLine, NewLineWithMessagePadding, StringComparison.Ordinal));
            textWriter.Write(Environment.NewLine);
        }
    }

    private static string LevelText(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "A log entry's level is Trace to Critical."),
    };

    /// <summary>The level's foreground and background colour, or none when colours are off (or output is redirected and they are not forced on).</summary>
    private static (ConsoleColor? Foreground, ConsoleColor? Background) Colors(SimpleConsoleFormatterOptions options, LogLevel level)
    {
        var off = options.ColorBehavior == LoggerColorBehavior.Disabled
            || (options.ColorBehavior == LoggerColorBehavior.Default && Console.IsOutputRedirected);
        return off ? (null, null) : level switch
        {
            LogLevel.Trace or LogLevel.Debug => (ConsoleColor.Gray, ConsoleColor.Black),
            LogLevel.Information => (ConsoleColor.DarkGreen, ConsoleColor.Black),
            LogLevel.Warning => (ConsoleColor.Yellow, ConsoleColor.Black),
            LogLevel.Error => (ConsoleColor.Black, ConsoleColor.DarkRed),
            LogLevel.Critical => (ConsoleColor.White, ConsoleColor.DarkRed),
            _ => (null, null),
        };
    }

    /// <summary>The level text between ANSI colour codes (background first), reset after it, as the console logger expects.</summary>
    private static void WriteLevel(TextWriter textWriter, string level, (ConsoleColor? Foreground, ConsoleColor? Background) colors)
    {
        if (colors.Background is { } background)
        {
            textWriter.Write(BackgroundCode(background));
        }

        if (colors.Foreground is { } foreground)
        {
            textWriter.Write(ForegroundCode(foreground));
        }

        textWriter.Write(level);
        if (colors.Foreground is not null)
        {
            textWriter.Write("\u001B[39m\u001B[22m"); // default foreground, normal intensity
        }

        if (colors.Background is not null)
        {
            textWriter.Write("\u001B[49m"); // default background
        }
    }

    private static string ForegroundCode(ConsoleColor color) => color switch
    {
        ConsoleColor.Black => "\u001B[30m",
        ConsoleColor.DarkRed => "\u001B[31m",
        ConsoleColor.DarkGreen => "\u001B[32m",
        ConsoleColor.DarkYellow => "\u001B[33m",
        ConsoleColor.DarkBlue => "\u001B[34m",
        ConsoleColor.DarkMagenta => "\u001B[35m",
        ConsoleColor.DarkCyan => "\u001B[36m",
        ConsoleColor.Gray => "\u001B[37m",
        ConsoleColor.Red => "\u001B[1m\u001B[31m",
        ConsoleColor.Green => "\u001B[1m\u001B[32m",
        ConsoleColor.Yellow => "\u001B[1m\u001B[33m",
        ConsoleColor.Blue => "\u001B[1m\u001B[34m",
        ConsoleColor.Magenta => "\u001B[1m\u001B[35m",
        ConsoleColor.Cyan => "\u001B[1m\u001B[36m",
        ConsoleColor.White => "\u001B[1m\u001B[37m",
        _ => "\u001B[39m\u001B[22m",
    };

    private static string BackgroundCode(ConsoleColor color) => color switch
    {
        ConsoleColor.Black => "\u001B[40m",
        ConsoleColor.DarkRed => "\u001B[41m",
        ConsoleColor.DarkGreen => "\u001B[42m",
        ConsoleColor.DarkYellow => "\u001B[43m",
        ConsoleColor.DarkBlue => "\u001B[44m",
        ConsoleColor.DarkMagenta => "\u001B[45m",
        ConsoleColor.DarkCyan => "\u001B[46m",
        ConsoleColor.Gray => "\u001B[47m",
        _ => "\u001B[49m",
    };
}

/// <summary>
/// Options of <see cref="CareGridConsoleFormatter"/>: those of .NET's simple console formatter (<c>TimestampFormat</c>,
/// <c>UseUtcTimestamp</c>, <c>IncludeScopes</c>, <c>SingleLine</c>, <c>ColorBehavior</c>), bound from the same configuration section,
/// <c>Logging:Console:FormatterOptions</c>, so a deployment's console settings keep their effect.
/// </summary>
public sealed class CareGridConsoleFormatterOptions : SimpleConsoleFormatterOptions;
