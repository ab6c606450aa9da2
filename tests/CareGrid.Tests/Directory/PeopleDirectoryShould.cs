using System.Text;
using Xunit.Abstractions;
using CareGrid.Grains.Security;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>The people and organizations lists served from the read side: cursor pagination, filters, no sensitive fields.</summary>
[Trait("tier", "api")]
[Collection(LargeRosterCollection.Name)]
public sealed class PeopleDirectoryShould(LargeRosterApiFactory factory, ITestOutputHelper output)
{
    private readonly DirectoryApi _api = new(factory);

    [Fact]
    public async Task Return_each_of_10000_people_exactly_once_page_by_page()
    {
        var tenant = await _api.OnboardAsync("DISTRICT", "district");
        await _api.CreateOrganizationAsync(tenant, "east", "SUBDISTRICT", null, 2);
        await _api.CreateOrganizationAsync(tenant, "riverside", "COMMUNITY", "east", 1);
        var csv = new StringBuilder("externalId,displayName\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append("R").Append(i.ToString("D5")).Append(",Resident ").Append(i).Append('\n');
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var status = await _api.ImportAsync(tenant, "riverside", csv.ToString());
        output.WriteLine($"import of 10,000 rows: {clock.Elapsed}");
        clock.Restart();
        Assert.Equal(10_000, status["created"]!.GetValue<int>());

        // The grid worker of riverside lists its residents (people lists follow the caller's units, docs/access.md).
        await StaffMembers.AddAsync(factory, _api.Client, tenant, "caseworker@" + tenant, "riverside", "GridWorker");
        var (ids, pages) = await _api.AllPeopleAsync(tenant, new { organization = "riverside", staff = false }, pageSize: 100, token: _api.As(tenant, Roles.Caseworker));
        Assert.Equal(10_000, ids.Count);
        Assert.Equal(10_000, ids.Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(100, pages);
        output.WriteLine($"100 pages: {clock.Elapsed}");

        clock.Restart();
        var (found, _) = await _api.AllPeopleAsync(tenant, new { name = "resident 99" }, pageSize: 100);
        output.WriteLine($"name search, 111 of 10,000: {clock.Elapsed}");
        Assert.Equal(111, found.Count);
        clock.Restart();
        var total = await _api.OkAsync(tenant, "{ people(first: 1, filter: {staff: false}) { totalCount } }");
        output.WriteLine($"totalCount of 10,000: {clock.Elapsed}");
        Assert.Equal(10_000, total["people"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Filter_by_subtree_target_group_monitoring_level_and_staff()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school");
        await _api.CreateOrganizationAsync(tenant, "grade-8", "GRADE", "school", 2);
        await _api.CreateOrganizationAsync(tenant, "class-8-1", "CLASS", "grade-8", 1);
        await _api.CreateOrganizationAsync(tenant, "class-8-2", "CLASS", "grade-8", 1);
        await _api.ImportAsync(tenant, "class-8-1", DirectoryApi.Csv("externalId,displayName,targetGroups", ["A1,Ann,LeftBehindChild", "A2,Bo,"]));
        await _api.ImportAsync(tenant, "class-8-2", DirectoryApi.Csv("externalId,displayName,targetGroups", ["B1,Cai,LeftBehindChild"]));
        await _api.ImportAsync(tenant, "counselling-centre", DirectoryApi.Csv("externalId,displayName,roles", ["T1,Teacher Wu,PsychologyTeacher"]), "STAFF");
        await _api.GlassAsync(tenant, "ext-A2");
        await _api.OkAsync(tenant, "mutation { changeMonitoringLevel(personId: \"ext-A2\", action: START_TRACKING, reason: \"homeroom teacher noticed\") { monitoringLevel } }");

        Assert.Equal(["ext-A1", "ext-A2", "ext-B1"], (await _api.AllPeopleAsync(tenant, new { organization = "grade-8", includeSubtree = true })).Ids);
        Assert.Empty((await _api.AllPeopleAsync(tenant, new { organization = "grade-8" })).Ids);
        Assert.Equal(["ext-A1", "ext-B1"], (await _api.AllPeopleAsync(tenant, new { targetGroup = "LeftBehindChild" })).Ids);
        Assert.Equal(["ext-A2"], (await _api.AllPeopleAsync(tenant, new { monitoringLevel = "TRACKING" })).Ids);
        Assert.Equal(["ext-T1"], (await _api.AllPeopleAsync(tenant, new { staff = true })).Ids);
        Assert.Equal(["ext-A1"], (await _api.AllPeopleAsync(tenant, null, pageSize: 100)).Ids.Take(1));

        var tree = await _api.OkAsync(tenant, "{ organizations(root: \"grade-8\", tree: true) { id depth childCount } }");
        Assert.Equal(["grade-8:1:2", "class-8-1:2:0", "class-8-2:2:0"],
            tree["organizations"]!.AsArray().Select(o => $"{o!["id"]}:{o["depth"]}:{o["childCount"]}"));
        var classes = await _api.OkAsync(tenant, "{ organizations(kind: CLASS) { id } }", token: _api.As(tenant, Roles.Volunteer));
        Assert.Equal(["class-8-1", "class-8-2"], classes["organizations"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Keep_sensitive_fields_out_of_list_items_and_lists_from_reporters()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school");
        var contacts = await _api.PostAsync(tenant, "{ people { nodes { id contacts { phone } } } }");
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", contacts.FirstCode);
        var targetGroups = await _api.PostAsync(tenant, "{ people { nodes { id targetGroups monitoringLevel } } }");
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", targetGroups.FirstCode);
        var reporter = await _api.PostAsync(tenant, "{ people { nodes { id } } }", token: _api.As(tenant, Roles.Reporter));
        Assert.Equal("FORBIDDEN", reporter.FirstCode);
        var badCursor = await _api.PostAsync(tenant, "{ people(after: \"%%%\") { nodes { id } } }");
        Assert.Equal(("VALIDATION_FAILED", "after"), (badCursor.FirstCode, badCursor.Errors![0]!["extensions"]!["field"]!.GetValue<string>()));
    }
}
