using CareGrid.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// The service with <c>GraphQL:Http:MaxRequestBytes</c> raised to 8 MiB, as docs/api.md tells operators to do for rosters
/// larger than the default 256 KiB request limit (the 5,000-row fixture is about 270 KB). Its own silo, so the large
/// imports do not share a process with the other API tests.
/// </summary>
public sealed class LargeRosterApiFactory : CareGridApiFactory
{
    public const string MaxRequestBytes = "8388608";

    protected override bool SeedDemo => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("GraphQL:Http:MaxRequestBytes", MaxRequestBytes);
    }
}

[CollectionDefinition(Name)]
public sealed class LargeRosterCollection : ICollectionFixture<LargeRosterApiFactory>
{
    public const string Name = "large-roster";
}
