using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace CareGrid.Tests.Durable;

/// <summary>
/// A class roster imported on the durable mode (Azure Table storage through Azurite, the path production runs): every row
/// lands once, the read side lists them, and the same file imported again changes nothing (docs/rosters.md). The in-process
/// import tests run on the embedded default; this one exercises the stored person state, the import's row keys and the
/// people rows on Table storage. The time it took is printed, not judged.
/// </summary>
[Trait("tier", "durable")]
[Collection(DurableCollection.Name)]
public sealed class RosterImportDurableShould(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Rows = 120;

    [SkippableFact]
    public async Task Land_every_row_once_and_change_nothing_when_the_same_file_comes_again()
    {
        azurite.RequireAzurite();
        var settings = new DurableSettings(azurite, "roster");
        var tenant = "roster-" + settings.ClusterId[^8..];
        try
        {
            await using var factory = new DurableApiFactory(settings.ForSilo(Infrastructure.FreePorts.Next(), Infrastructure.FreePorts.Next()));
            var client = factory.GraphQL();
            var api = new TenantBuilder(client, settings);
            await api.OnboardAsync(tenant, "SCHOOL");
            await api.CreateOrganizationAsync(tenant, "class-7-1", "CLASS", null, 1);
            var admin = api.AdminToken(tenant);
            var csv = Roster();

            var clock = Stopwatch.StartNew();
            var first = await ImportAsync(client, tenant, admin, csv);
            output.WriteLine($"{Rows} rows imported on Azurite in {clock.Elapsed.TotalSeconds:F1} s ({Rows / clock.Elapsed.TotalSeconds:F1} rows/s)");
            Assert.Equal("COMPLETED", first["state"]!.GetValue<string>());
            Assert.Equal(Rows, first["landed"]!.GetValue<int>());
            Assert.Equal(Rows, first["created"]!.GetValue<int>());
            Assert.Equal(0, first["invalid"]!.GetValue<int>());
            Assert.Equal(0, first["notWritten"]!.GetValue<int>());

            var (ids, total) = await PeopleAsync(client, tenant, admin);
            Assert.True(ids.Count == Rows && ids.Distinct().Count() == Rows && total == Rows,
                $"listed {ids.Count} ({ids.Distinct().Count()} distinct), totalCount {total}: {string.Join(", ", ids.Where(id => !id.StartsWith("ext-S2025", StringComparison.Ordinal)))}");

            var again = await ImportAsync(client, tenant, admin, csv);
            Assert.Equal(Rows, again["unchanged"]!.GetValue<int>());
            Assert.Equal(0, again["created"]!.GetValue<int>());
            Assert.Equal(0, again["updated"]!.GetValue<int>());
        }
        finally
        {
            settings.DeleteKey();
        }
    }

    /// <summary>A class roster with Chinese headers and names, as a school exports it (学号, 姓名, 性别, 出生日期).</summary>
    private static string Roster()
    {
        var text = new StringBuilder("学号,姓名,性别,出生日期\n");
        for (var i = 1; i <= Rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"S2025{i:D4},学生{i},{(i % 2 == 0 ? "女" : "男")},2013-0{1 + (i % 9)}-1{i % 10}\n");
        }

        return text.ToString();
    }

    /// <summary>Every person served of class-7-1 (not the staff the builder adds), page by page, and the list's totalCount.</summary>
    private static async Task<(List<string> Ids, int Total)> PeopleAsync(Infrastructure.GraphQLClient client, string tenant, string token)
    {
        var ids = new List<string>();
        string? after = null;
        var total = -1;
        do
        {
            var page = (await client.PostAsync(TenantBuilder.Path(tenant), "query($after: String) { people(filter: { organization: \"class-7-1\", staff: false }, first: 50, after: $after) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }",
                new { after }, token)).EnsureNoErrors().Data!["people"]!;
            total = page["totalCount"]!.GetValue<int>();
            ids.AddRange(page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null && ids.Count < 1000);

        return (ids, total);
    }

    /// <summary>Starts the import and long-polls its status (bounded: 10 minutes on a loaded machine).</summary>
    private static async Task<JsonNode> ImportAsync(Infrastructure.GraphQLClient client, string tenant, string token, string csv)
    {
        var path = TenantBuilder.Path(tenant);
        var id = (await client.PostAsync(path, "mutation($org: ID!, $csv: String!) { importRoster(organizationId: $org, csv: $csv) { id } }",
            new { org = "class-7-1", csv }, token)).EnsureNoErrors().Data!["importRoster"]!["id"]!.GetValue<string>();
        for (var poll = 0; poll < 120; poll++)
        {
            var status = (await client.PostAsync(path, $"{{ importStatus(id: \"{id}\", waitSeconds: 5) {{ state done landed created updated unchanged invalid notWritten errors {{ row column reason }} }} }}", token: token))
                .EnsureNoErrors().Data!["importStatus"]!;
            if (status["done"]!.GetValue<bool>())
            {
                return status;
            }
        }

        throw new TimeoutException($"Import {id} on Azurite did not finish within 10 minutes.");
    }
}
