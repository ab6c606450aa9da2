using CareGrid.Silo.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CareGrid.Tests.Observability;

/// <summary>
/// The console log's formatter (docs/observability.md "Logs"): it writes what .NET's simple formatter writes — compared byte for
/// byte with the real one, for several option sets — except that every staff subject in the message, the exception's text and
/// the scopes (the subject of a <c>staff:</c> or <c>receipts/</c> grain key, any word holding <c>@</c>) is the process scrubber's
/// token, while file paths holding <c>receipts/</c> or <c>staff:</c> stay as they are; and the logging set-up makes it the
/// console's formatter whatever <c>Logging:Console:FormatterName</c> says. No test here depends on the checkout's path.
/// </summary>
[Trait("tier", "domain")]
public sealed class CareGridConsoleFormatterShould
{
    private const string SubjectName = "wren.okafor"; // a staff member's login name
    private const string Subject = SubjectName + "@demo-school";
    private const string Category = "Orleans.Runtime.Catalog";

    /// <summary>Stack lines of a checkout under directories named like grain-key parts (a tenant-like segment before each).</summary>
    private const string PathsHoldingKeyWords =
        "   at CareGrid.Grains.Cases.CaseGrain.Close() in /home/jane/receipts/caregrid/src/Grains/Cases/CaseGrain.cs:line 42\n"
        + "   at CareGrid.Grains.Cases.CaseGrain.Invoke() in /srv/build-agent/staff:nightly/caregrid/src/Grains/Cases/CaseGrain.cs:line 7\n"
        + "   at Orleans.Runtime.Invoke() in /tmp/x/receipts/cg/report-receipts/demo-school/src/Invoke.cs:line 9";

    [Fact]
    public void Write_a_staff_scope_key_as_the_scrubbers_token()
    {
        using var formatters = new Formatters();
        var message = $"Activating grain staff-scope/demo-school/staff:{Subject} for message Request";

        var written = formatters.CareGrid(Entry(LogLevel.Debug, message));

        Assert.DoesNotContain(SubjectName, written, StringComparison.Ordinal);
        Assert.Matches("staff-scope/demo-school/staff:#[0-9a-f]{16} for message Request", written);
        // The token is the process scrubber's (the one the exported traces and logs use), so a grain can be followed across them.
        Assert.Contains(formatters.Scrubber.Scrub("staff:" + Subject), written, StringComparison.Ordinal);
        Assert.Equal(formatters.Simple(Entry(LogLevel.Debug, formatters.Scrubber.Scrub(message))), written);
    }

    [Fact]
    public void Write_a_receipts_key_as_the_scrubbers_token()
    {
        using var formatters = new Formatters();
        var message = $"Looking up address for grain report-receipts/demo-school/receipts/{Subject} for message Request";

        var written = formatters.CareGrid(Entry(LogLevel.Debug, message));

        Assert.DoesNotContain(SubjectName, written, StringComparison.Ordinal);
        // Only the subject becomes the token; the grain type and the tenant stay readable.
        Assert.Matches("for grain report-receipts/demo-school/receipts/#[0-9a-f]{16} for message Request", written);
        Assert.Equal(formatters.Simple(Entry(LogLevel.Debug, formatters.Scrubber.Scrub(message))), written);
    }

    [Fact]
    public void Write_an_e_mail_word_outside_a_grain_key_as_a_token()
    {
        using var formatters = new Formatters();

        var written = formatters.CareGrid(Entry(LogLevel.Warning, $"Caller {Subject} was refused"));

        Assert.DoesNotContain(SubjectName, written, StringComparison.Ordinal);
        Assert.DoesNotContain("@", written, StringComparison.Ordinal);
        Assert.Matches("Caller #[0-9a-f]{16} was refused", written);
    }

    [Fact]
    public void Scrub_an_exception_whose_message_and_stack_name_a_subject()
    {
        using var formatters = new Formatters();
        var inner = new RemoteCallException($"Grain report-receipts/demo-school/receipts/{Subject} is not active",
            "   at Orleans.Runtime.Catalog.GetOrCreateActivation()");
        var exception = new RemoteCallException($"Request to staff-scope/demo-school/staff:{Subject} failed",
            $"   at CareGrid.Grains.Security.StaffScopeGrain.Resolve() in grain staff-scope/demo-school/staff:{Subject}\n   at Orleans.Runtime.Invoke()",
            inner);
        Assert.Contains(SubjectName, exception.ToString(), StringComparison.Ordinal); // both the message and the stack name the subject

        var written = formatters.CareGrid(Entry(LogLevel.Error, "Grain call failed", exception));

        Assert.DoesNotContain(SubjectName, written, StringComparison.Ordinal);
        Assert.Contains(typeof(RemoteCallException).FullName!, written, StringComparison.Ordinal);
        Assert.Contains("at Orleans.Runtime.Invoke()", written, StringComparison.Ordinal);
        Assert.Matches("Request to staff-scope/demo-school/staff:#[0-9a-f]{16} failed", written);
        Assert.Matches(@"Resolve\(\) in grain staff-scope/demo-school/staff:#[0-9a-f]{16}", written);
        Assert.Matches("Grain report-receipts/demo-school/receipts/#[0-9a-f]{16} is not active", written);
        // Otherwise the simple formatter's layout: its output for the same entry with the exception's text scrubbed.
        var scrubbed = new ScrubbedException("", "", formatters.Scrubber.Scrub(exception.ToString()));
        Assert.Equal(formatters.Simple(Entry(LogLevel.Error, "Grain call failed", scrubbed)), written);
    }

    [Fact]
    public void Scrub_the_scopes_it_writes()
    {
        using var formatters = new Formatters(options => options.IncludeScopes = true);
        var scopes = new LoggerExternalScopeProvider();
        using var request = scopes.Push("RequestPath:/t/demo-school/graphql");
        using var grain = scopes.Push($"Grain staff-scope/demo-school/staff:{Subject}");

        var written = formatters.CareGrid(Entry(LogLevel.Information, "Resolved"), scopes);

        Assert.DoesNotContain(SubjectName, written, StringComparison.Ordinal);
        Assert.Matches("=> RequestPath:/t/demo-school/graphql => Grain staff-scope/demo-school/staff:#[0-9a-f]{16}", written);
    }

    public static TheoryData<string> OptionSets() => ["plain", "single line", "scopes", "scopes on one line", "colours", "literal timestamp"];

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Write_text_without_subjects_exactly_as_the_simple_formatter(string optionSet)
    {
        using var formatters = new Formatters(options =>
        {
            options.SingleLine = optionSet is "single line" or "scopes on one line";
            options.IncludeScopes = optionSet.StartsWith("scopes", StringComparison.Ordinal);
            options.ColorBehavior = optionSet == "colours" ? LoggerColorBehavior.Enabled : LoggerColorBehavior.Disabled;
            options.TimestampFormat = optionSet == "literal timestamp" ? "'at' " : null; // a literal: both read their own clock
        });
        var scopes = new LoggerExternalScopeProvider();
        using var scope = scopes.Push("Case case-42 of demo-school");
        using var number = scopes.Push(12.5);
        // A fixed stack rather than a thrown exception's: a thrown one names this file under the checkout's path, so the test would
        // depend on where the repository is checked out. Its file paths hold "receipts/" and "staff:", which are no grain keys.
        var thrown = new RemoteCallException("The case case-42 is closed.", PathsHoldingKeyWords);

        foreach (var level in new[] { LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical })
        {
            foreach (var entry in new[]
            {
                Entry(level, "Case case-42 escalated: 2 tasks overdue"),
                Entry(level, "First line" + Environment.NewLine + "second line, 100% plain"),
                Entry(level, "Failed to store case case-42", thrown),
                Entry(level, "", thrown),
                Entry(level, ""),
            })
            {
                Assert.Equal(formatters.Simple(entry, scopes), formatters.CareGrid(entry, scopes));
            }
        }

        // An entry without message and exception writes nothing, as the simple formatter.
        var nothing = new LogEntry<string?>(LogLevel.Information, Category, new EventId(3), null, null, (state, _) => state!);
        Assert.Equal("", formatters.CareGrid(nothing));
        Assert.Equal(formatters.Simple(nothing), formatters.CareGrid(nothing));
    }

    [Fact]
    public void Leave_a_stack_trace_whose_file_paths_hold_receipts_and_staff_as_it_is_and_scrub_the_keys_it_names()
    {
        using var formatters = new Formatters();
        var exception = new RemoteCallException($"Request to staff-scope/demo-school/staff:{Subject} failed",
            $"   at CareGrid.Grains.Cases.Receipts.ReportReceiptsGrain.Page() in grain report-receipts/demo-school/receipts/{SubjectName}\n"
            + PathsHoldingKeyWords);

        var written = formatters.CareGrid(Entry(LogLevel.Error, "Grain call failed", exception));

        Assert.DoesNotContain(SubjectName, written, StringComparison.Ordinal);
        Assert.Matches("Request to staff-scope/demo-school/staff:#[0-9a-f]{16} failed", written);
        Assert.Matches(@"Page\(\) in grain report-receipts/demo-school/receipts/#[0-9a-f]{16}", written);
        foreach (var line in PathsHoldingKeyWords.Split('\n'))
        {
            Assert.Contains(line, written, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Timestamp_each_line_from_its_clock_in_utc_or_local_time_as_configured()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 13, 5, 9, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8"));
        using var utc = new Formatters(options => (options.TimestampFormat, options.UseUtcTimestamp) = ("yyyy-MM-dd HH:mm:ss ", true), clock);
        using var local = new Formatters(options => options.TimestampFormat = "HH:mm:ss ", clock);

        Assert.StartsWith("2026-12-02 13:05:09 info: " + Category + "[7]", utc.CareGrid(Entry(LogLevel.Information, "Started")), StringComparison.Ordinal);
        Assert.StartsWith("21:05:09 info: ", local.CareGrid(Entry(LogLevel.Information, "Started")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("simple")]
    [InlineData("systemd")]
    [InlineData("")]
    public void Be_the_consoles_formatter_whatever_the_configuration_names(string configured)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:Console:FormatterName"] = configured,
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddConsole().AddCareGridConsoleFormatter());
        using var provider = services.BuildServiceProvider();

        Assert.Equal(CareGridConsoleFormatter.FormatterName, provider.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
        var formatter = Assert.IsType<CareGridConsoleFormatter>(
            Assert.Single(provider.GetServices<ConsoleFormatter>(), f => f.Name == CareGridConsoleFormatter.FormatterName));
        // It reads the simple formatter's configuration section, so a deployment's console settings keep their effect.
        Assert.True(provider.GetRequiredService<IOptionsMonitor<CareGridConsoleFormatterOptions>>().CurrentValue.SingleLine);
        Assert.DoesNotContain(SubjectName, Write(formatter, Entry(LogLevel.Debug, $"Activating grain staff-scope/demo-school/staff:{Subject}")), StringComparison.Ordinal);
    }

    private static LogEntry<string> Entry(LogLevel level, string message, Exception? exception = null) =>
        new(level, Category, new EventId(7, "Activating"), message, exception, (state, _) => state);

    private static string Write<TState>(ConsoleFormatter formatter, LogEntry<TState> entry, IExternalScopeProvider? scopes = null)
    {
        using var writer = new StringWriter();
        formatter.Write(entry, scopes, writer);
        return writer.ToString();
    }

    /// <summary>
    /// The real simple formatter and <see cref="CareGridConsoleFormatter"/> as the logging set-up registers them, with the same
    /// options (<c>Logging:Console:FormatterOptions</c> would bind both), and the scrubber the formatter uses.
    /// </summary>
    private sealed class Formatters : IDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly ConsoleFormatter _simple;
        private readonly ConsoleFormatter _careGrid;

        public Formatters(Action<SimpleConsoleFormatterOptions>? configure = null, TimeProvider? clock = null)
        {
            var services = new ServiceCollection();
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }

            services.AddLogging(logging => logging.AddConsole().AddCareGridConsoleFormatter());
            services.Configure<SimpleConsoleFormatterOptions>(options => configure?.Invoke(options));
            services.Configure<CareGridConsoleFormatterOptions>(options => configure?.Invoke(options));
            _provider = services.BuildServiceProvider();
            var all = _provider.GetServices<ConsoleFormatter>().ToList();
            _simple = all.Single(f => f.Name == ConsoleFormatterNames.Simple);
            _careGrid = all.Single(f => f.Name == CareGridConsoleFormatter.FormatterName);
            Scrubber = _provider.GetRequiredService<SubjectScrubber>();
        }

        public SubjectScrubber Scrubber { get; }

        public string Simple<TState>(LogEntry<TState> entry, IExternalScopeProvider? scopes = null) => Write(_simple, entry, scopes);

        public string CareGrid<TState>(LogEntry<TState> entry, IExternalScopeProvider? scopes = null) => Write(_careGrid, entry, scopes);

        public void Dispose() => _provider.Dispose();
    }

    /// <summary>A failure whose stack trace (as a remote grain call's carries) names a grain.</summary>
    private sealed class RemoteCallException(string message, string stackTrace, Exception? inner = null) : Exception(message, inner)
    {
        public override string StackTrace => stackTrace;
    }
}
