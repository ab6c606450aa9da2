using System.Net;
using CareGrid.GraphApi.Http;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareGrid.Tests.Http;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, for tests that speak HTTP (the graphql-http audit,
/// HttpClient tests). <see cref="StartAsync"/> takes the application as a delegate over a prepared
/// <see cref="WebApplicationBuilder"/>, so the same tests can run against the real CareGrid app once it
/// exposes such a builder method; <see cref="StartTestSchemaAsync"/> serves <see cref="TestSchema"/>.
/// </summary>
public sealed class KestrelGraphQLHost : IAsyncDisposable
{
    /// <summary>Extension keys the test schema host understands (see <see cref="BuildTestSchemaApp"/>).</summary>
    public const string DenyExtension = "testDeny";
    public const string ThrowExtension = "testThrow";
    public const string RethrowExtension = "testRethrow";
    public const string SecretDetail = "secret-internal-detail-7f3a";

    private readonly WebApplication _app;

    private KestrelGraphQLHost(WebApplication app, Uri baseAddress, string graphQLPath)
    {
        _app = app;
        BaseAddress = baseAddress;
        GraphQLUri = new Uri(baseAddress, graphQLPath);
    }

    /// <summary>The server's root, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The GraphQL endpoint's absolute address.</summary>
    public Uri GraphQLUri { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Creates a slim builder whose Kestrel listens on 127.0.0.1 port 0, lets <paramref name="build"/> register
    /// services, build the app and map its endpoints, starts it and reads the port Kestrel bound.
    /// </summary>
    public static async Task<KestrelGraphQLHost> StartAsync(
        Func<WebApplicationBuilder, WebApplication> build,
        string graphQLPath = "/graphql",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var app = build(builder);
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel reported no listening address.");
            return new KestrelGraphQLHost(app, new Uri(address.TrimEnd('/') + "/"), graphQLPath);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a host serving <see cref="TestSchema"/> at <c>/graphql</c>.</summary>
    public static Task<KestrelGraphQLHost> StartTestSchemaAsync(Action<WebApplicationBuilder>? configure = null) =>
        StartAsync(builder => BuildTestSchemaApp(builder, configure));

    /// <summary>
    /// The test application: <see cref="TestSchema"/> with System.Text.Json, the endpoint at <c>/graphql</c>, and
    /// test hooks driven by request extensions: <c>testDeny: "CODE"</c> answers a request error (no data) whose
    /// error has that code; <c>testThrow</c> throws before execution (GraphQL.NET turns it into an unhandled
    /// error); <c>testRethrow</c> throws with <c>ThrowOnUnhandledException</c> so the exception leaves the executer.
    /// </summary>
    public static WebApplication BuildTestSchemaApp(WebApplicationBuilder builder, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<MutationCounter>();
        builder.Services.AddGraphQLHttp();
        builder.Services.AddGraphQL(graphQL => graphQL
            .AddSchema<TestSchema>()
            .AddSystemTextJson()
            .ConfigureExecution(async (options, next) =>
            {
                if (options.Extensions is { } extensions)
                {
                    if (extensions.TryGetValue(DenyExtension, out var code) && code is string denied)
                    {
                        return new ExecutionResult { Errors = [new ExecutionError("Denied by the test hook.") { Code = denied }] };
                    }

                    if (extensions.ContainsKey(RethrowExtension))
                    {
                        options.ThrowOnUnhandledException = true;
                        throw new InvalidOperationException(SecretDetail);
                    }

                    if (extensions.ContainsKey(ThrowExtension))
                    {
                        throw new InvalidOperationException(SecretDetail);
                    }
                }

                return await next(options);
            }));
        configure?.Invoke(builder);

        var app = builder.Build();
        try
        {
            app.MapGraphQLHttp("/graphql");
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }

        return app;
    }

    /// <summary>A client whose base address is the server's root.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One <see cref="TestSchema"/> host per test class.</summary>
public sealed class TestSchemaHostFixture : IAsyncLifetime
{
    private KestrelGraphQLHost? _host;

    public KestrelGraphQLHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync() => _host = await KestrelGraphQLHost.StartTestSchemaAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
