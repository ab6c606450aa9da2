using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CareGrid.Silo;

/// <summary>Tells a new user, on start, where the API is and how to get a token.</summary>
public static class StartupBanner
{
    /// <summary>Writes the banner to standard output.</summary>
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? "http://127.0.0.1:5080";
        Console.WriteLine($"""

            CareGrid is running.
              Console:              {address}/{(WebConsole.ConsoleHosting.IsBuilt(app.Configuration) ? "" : "    (not built: install Node.js 20+ and rebuild, docs/console.md)")}
              GraphQL (platform):   {address}/graphql
              GraphQL (a tenant):   {address}/t/<tenant>/graphql    e.g. {address}/t/demo-school/graphql
              Health:               {address}/health
            Get a token (printed alone on stdout):
              dotnet run --project src/Silo -- token --tenant demo-school --role Counsellor
              dotnet run --project src/Silo -- token --role PlatformAdmin
            """);
    }
}
