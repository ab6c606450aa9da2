using System.Collections.Concurrent;
using System.Net;
using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareGrid.Tests.Mailbox;

/// <summary>
/// The real process for the worry-mailbox tests (R-5.2, docs/mailbox.md): a small per-address limit, every log line of
/// ASP.NET Core and CareGrid captured (Debug and up), and the network address of a request taken from the test-only header
/// <see cref="PeerHeader"/> (the in-memory test server has no socket), set before routing and rate limiting.
/// </summary>
public sealed class MailboxApiFactory : CareGridApiFactory
{
    /// <summary>The test-only header that plays the client's network address.</summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>Requests one address may make in a window (a day in these tests).</summary>
    public const int PerAddress = 5;

    /// <summary>Every captured log line (category, message, exception).</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:WorryMailboxPerAddress", PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // One window for the whole test run: the limiter's own window, so a slow machine cannot roll it over mid-test.
        builder.UseSetting("RateLimits:WorryMailboxWindowSeconds", "86400");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Debug");
        builder.UseSetting("Logging:LogLevel:CareGrid", "Debug");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs));
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, PeerAddressFilter>();
        });
    }

    private sealed class PeerAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
