using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareGrid.GraphApi.Auth;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using Spectre.Console;

namespace CareGrid.Silo.Cli;

/// <summary>What the <c>import</c> verb was asked to do.</summary>
/// <param name="Tenant">Tenant id.</param>
/// <param name="Organization">Local id of the unit the rows land in.</param>
/// <param name="File">Path of the CSV roster (UTF-8).</param>
/// <param name="Kind">People or staff.</param>
/// <param name="Token">Bearer token of a TenantAdmin of the tenant.</param>
public sealed record ImportVerbOptions(string Tenant, string Organization, string File, RosterKind Kind, string Token);

/// <summary>
/// <c>import --tenant &lt;id&gt; --organization &lt;org&gt; --file roster.csv [--kind people|staff] [--url http://127.0.0.1:5080] [--token …]</c>:
/// posts the roster to the running service (<c>importRoster</c>), shows a progress bar while it lands (<c>importStatus</c>
/// long polling) and prints the row-level report. Without <c>--token</c> (or <c>CAREGRID_TOKEN</c>) it signs a development
/// TenantAdmin token with the local key, as the <c>token</c> verb does. Exit codes: 0 every row landed, 2 some rows were
/// refused (the others landed), 1 the import was refused or failed.
/// </summary>
public static class ImportVerb
{
    /// <summary>Most row errors printed (the rest are counted).</summary>
    public const int MaxPrintedErrors = 50;

    /// <summary>The <c>import</c> command.</summary>
    public static Command Create(Func<AuthOptions> authOptions)
    {
        var tenant = new Option<string>("--tenant") { Description = "Tenant id (slug).", Required = true };
        var organization = new Option<string>("--organization") { Description = "Local id of the unit the rows land in (e.g. class-8-1).", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "The CSV roster (UTF-8, header row; see README).", Required = true };
        var kind = new Option<string>("--kind") { Description = "people (default) or staff.", DefaultValueFactory = _ => "people" };
        var url = new Option<string>("--url") { Description = "Where the service listens.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var token = new Option<string?>("--token") { Description = "Bearer token of a TenantAdmin; default: $CAREGRID_TOKEN, else a development token signed with the local key." };
        var command = new Command("import", "Import a CSV roster of people or staff into an organization of a running service, with a progress bar.");
        foreach (var o in new Option[] { tenant, organization, file, kind, url, token })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var tenantId = parse.GetValue(tenant)!;
            if (!TenantIds.IsValid(tenantId))
            {
                Console.Error.WriteLine($"'{tenantId}' is not a tenant id (3–63 of a-z, 0-9 and '-').");
                return 1;
            }

            var kindText = parse.GetValue(kind) ?? "people";
            if (!Enum.TryParse<RosterKind>(kindText, ignoreCase: true, out var rosterKind) || !Enum.IsDefined(rosterKind))
            {
                Console.Error.WriteLine($"--kind is people or staff, not '{kindText}'.");
                return 1;
            }

            var bearer = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("CAREGRID_TOKEN");
            bearer ??= new DevelopmentTokens(authOptions(), TimeProvider.System).Issue($"import@{tenantId}", tenantId, [Roles.TenantAdmin]);
            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(url)!), Timeout = TimeSpan.FromMinutes(2) };
            var options = new ImportVerbOptions(tenantId, parse.GetValue(organization)!, parse.GetValue(file)!.FullName, rosterKind, bearer);
            return RunAsync(options, http, AnsiConsole.Console).GetAwaiter().GetResult();
        });
        return command;
    }

    /// <summary>Runs the import against <paramref name="http"/> (its base address is the service) and reports on <paramref name="console"/>.</summary>
    public static async Task<int> RunAsync(ImportVerbOptions options, HttpClient http, IAnsiConsole console, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(options.File))
        {
            console.MarkupLineInterpolated($"[red]No such file:[/] {options.File}");
            return 1;
        }

        var csv = await File.ReadAllTextAsync(options.File, Encoding.UTF8, cancellationToken);
        if (csv.Length > RosterCsv.MaxChars)
        {
            console.MarkupLineInterpolated($"[red]The file has {csv.Length} characters; the limit is {RosterCsv.MaxChars} (4 MiB). Split it into several files.[/]");
            return 1;
        }

        try
        {
            return await RunCoreAsync(options, csv, http, console, cancellationToken);
        }
        catch (ImportRefusedException e)
        {
            console.MarkupLineInterpolated($"[red]Refused:[/] {e.Message}");
            return 1;
        }
        catch (HttpRequestException e)
        {
            console.MarkupLineInterpolated($"[red]Cannot reach the service at {http.BaseAddress}:[/] {e.Message}");
            return 1;
        }
    }

    private static async Task<int> RunCoreAsync(ImportVerbOptions options, string csv, HttpClient http, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var path = $"/t/{options.Tenant}/graphql";
        var started = await PostAsync(http, path, options.Token,
            "mutation($org: ID!, $csv: String!, $kind: RosterKind) { importRoster(organizationId: $org, csv: $csv, kind: $kind) { id total invalid } }",
            new { org = options.Organization, csv, kind = options.Kind == RosterKind.Staff ? "STAFF" : "PEOPLE" }, cancellationToken);
        var id = started["importRoster"]!["id"]!.GetValue<string>();
        var total = started["importRoster"]!["total"]!.GetValue<int>();
        console.MarkupLineInterpolated($"Import [bold]{id}[/]: {total} rows into [bold]{options.Organization}[/] of {options.Tenant}.");
        JsonNode status = started["importRoster"]!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("Landing rows", maxValue: Math.Max(total, 1));
                for (var polls = 0; polls < 3600; polls++)
                {
                    status = (await PostAsync(http, path, options.Token,
                        "query($id: ID!) { importStatus(id: $id, waitSeconds: 1) { state done total processed landed created updated unchanged invalid message errors { row column reason } } }",
                        new { id }, cancellationToken))["importStatus"]!;
                    task.Value = status["processed"]!.GetValue<int>();
                    if (status["done"]!.GetValue<bool>())
                    {
                        task.Value = task.MaxValue;
                        break;
                    }
                }
            });

        var table = new Table().AddColumns("total", "landed", "created", "updated", "unchanged", "invalid");
        table.AddRow(new[] { "total", "landed", "created", "updated", "unchanged", "invalid" }.Select(k => status[k]?.ToString() ?? "").ToArray());
        console.Write(table);
        var errors = status["errors"]?.AsArray() ?? [];
        if (errors.Count > 0)
        {
            var report = new Table().Title("Refused rows (nothing of them was written)").AddColumns("row", "column", "reason");
            foreach (var e in errors.Take(MaxPrintedErrors))
            {
                report.AddRow(Markup.Escape(e!["row"]!.ToString()), Markup.Escape(e["column"]?.ToString() ?? "(row)"), Markup.Escape(e["reason"]!.ToString()));
            }

            console.Write(report);
            if (status["invalid"]!.GetValue<int>() > MaxPrintedErrors)
            {
                console.MarkupLineInterpolated($"…and {status["invalid"]!.GetValue<int>() - MaxPrintedErrors} more refused rows (importStatus(id: \"{id}\") lists up to 1000).");
            }
        }

        var state = status["state"]?.GetValue<string>();
        if (state != "COMPLETED")
        {
            console.MarkupLineInterpolated($"[red]The import did not complete ({state}):[/] {status["message"]?.ToString() ?? "still running; check importStatus later"}");
            return 1;
        }

        return status["invalid"]!.GetValue<int>() > 0 ? 2 : 0;
    }

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, string token, string query, object variables, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw new ImportRefusedException($"HTTP {(int)response.StatusCode}: {text[..Math.Min(text.Length, 200)]}");
        }

        if (body?["errors"] is JsonArray { Count: > 0 } errors)
        {
            var e = errors[0]!;
            var field = e["extensions"]?["field"] is { } f ? $" (field {f})" : "";
            throw new ImportRefusedException($"{e["extensions"]?["code"]}{field}: {e["message"]}");
        }

        return body?["data"] ?? throw new ImportRefusedException($"HTTP {(int)response.StatusCode} without data.");
    }

    private sealed class ImportRefusedException(string message) : Exception(message);
}
