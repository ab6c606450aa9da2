using CareGrid.Grains.Imports;
using CareGrid.Silo.Cli;
using CareGrid.Tests.Infrastructure;
using Spectre.Console;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>The <c>import</c> CLI verb against the real service pipeline (in-memory HTTP): progress, report, exit codes.</summary>
[Trait("tier", "api")]
[Collection(ApiCollection.Name)]
public sealed class ImportVerbShould(CareGridApiFactory factory)
{
    private readonly DirectoryApi _api = new(factory);

    private static (IAnsiConsole Console, StringWriter Output) Console()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        return (console, output);
    }

    [Fact]
    public async Task Import_a_file_show_the_report_and_exit_2_when_rows_were_refused()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "cli");
        var file = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, DirectoryApi.Csv("externalId,displayName,sex,birthYear", ["C1,Ann,F,2012", "C2,Bo,M,1800", "C3,Cai,M,2011"]));
        try
        {
            var (console, output) = Console();
            var code = await ImportVerb.RunAsync(new ImportVerbOptions(tenant, "school", file, RosterKind.People, _api.Admin(tenant)), factory.CreateClient(), console);
            Assert.Equal(2, code);
            var text = output.ToString();
            Assert.Contains("birthYear", text);
            Assert.Contains("Refused rows", text);
            Assert.Equal(2, (await _api.AllPeopleAsync(tenant, null)).Ids.Count);

            var (console2, _) = Console();
            await File.WriteAllTextAsync(file, DirectoryApi.Csv("externalId,displayName", ["C1,Ann"]));
            Assert.Equal(0, await ImportVerb.RunAsync(new ImportVerbOptions(tenant, "school", file, RosterKind.People, _api.Admin(tenant)), factory.CreateClient(), console2));

            var (console3, output3) = Console();
            Assert.Equal(1, await ImportVerb.RunAsync(new ImportVerbOptions(tenant, "nowhere", file, RosterKind.People, _api.Admin(tenant)), factory.CreateClient(), console3));
            Assert.Contains("NOT_FOUND", output3.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Split_a_file_over_the_part_size_and_report_the_file_row_numbers()
    {
        var tenant = await _api.OnboardAsync("SCHOOL", "school", "cli");
        var file = Path.Combine(Path.GetTempPath(), $"roster-{Guid.NewGuid():N}.csv");
        var rows = Enumerable.Range(1, 40).Select(i => i == 33 ? $"P{i},Pupil {i},Q" : $"P{i},Pupil {i},F");
        await File.WriteAllTextAsync(file, DirectoryApi.Csv("externalId,displayName,sex", rows));
        try
        {
            var (console, output) = Console();
            var code = await ImportVerb.RunAsync(new ImportVerbOptions(tenant, "school", file, RosterKind.People, _api.Admin(tenant), ChunkBytes: 200), factory.CreateClient(), console);
            Assert.Equal(2, code);
            var text = output.ToString();
            Assert.Matches(@"in \d+ parts", text);
            Assert.Matches(@"\b34\s+.\s+sex\b", text);
            Assert.Equal(39, (await _api.AllPeopleAsync(tenant, null)).Ids.Count);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
