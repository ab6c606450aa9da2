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
/// <param name="File">Path of the CSV roster (UTF-8, UTF-16 with BOM or GB18030/GBK; see <see cref="RosterFile"/>).</param>
/// <param name="Kind">People or staff.</param>
/// <param name="Token">Bearer token of a TenantAdmin of the tenant.</param>
/// <param name="ChunkBytes">A file larger than this many bytes is imported in parts of at most this size (default
/// <see cref="ImportVerb.DefaultChunkBytes"/>, under the service's default request limit of 256 KiB).</param>
/// <param name="Encoding">How the file's bytes are decoded (<c>--encoding</c>, default auto).</param>
/// <param name="AllowMoves">
/// <c>--allow-moves</c>: move people registered in another unit under the same number and name into this one
/// (<c>importRoster(allowMoves: true)</c>); without it such rows are refused and counted as not moved (docs/rosters.md).
/// </param>
public sealed record ImportVerbOptions(string Tenant, string Organization, string File, RosterKind Kind, string Token, int ChunkBytes = ImportVerb.DefaultChunkBytes,
    RosterEncoding Encoding = RosterEncoding.Auto, bool AllowMoves = false);

/// <summary>
/// <c>import --tenant &lt;id&gt; --organization &lt;org&gt; --file roster.csv [--kind people|staff] [--allow-moves] [--url http://127.0.0.1:5080] [--token …]</c>:
/// posts the roster to the running service (<c>importRoster</c>), shows a progress bar while it lands (<c>importStatus</c>
/// long polling) and prints the row-level report. Without <c>--token</c> (or <c>CAREGRID_TOKEN</c>) it signs a development
/// TenantAdmin token with the local key, as the <c>token</c> verb does. The file is decoded strictly (<see cref="RosterFile"/>:
/// UTF-8, UTF-16 with BOM, or GB18030/GBK with a bilingual note on stderr); a file that cannot be decoded, or holds
/// U+FFFD, is refused on stderr before anything is sent. Exit codes: 0 every row landed, 2 some rows were refused (the
/// others landed), 1 the file or the import was refused or failed, or some rows could not be written (the service was busy:
/// import the same file again; docs/rosters.md "On a busy cluster").
/// </summary>
public static partial class ImportVerb
{
    /// <summary>Most row errors printed (the rest are counted).</summary>
    public const int MaxPrintedErrors = 50;

    /// <summary>Default largest part sent in one request: 192 KiB, under the default <c>GraphQL:Http:MaxRequestBytes</c> of 256 KiB with room for JSON escaping.</summary>
    public const int DefaultChunkBytes = 192 * 1024;

    /// <summary>The <c>import</c> command.</summary>
    public static Command Create(Func<AuthOptions> authOptions)
    {
        var tenant = new Option<string>("--tenant") { Description = Help.Tenant, Required = true };
        var organization = new Option<string>("--organization") { Description = Help.Organization, Required = true };
        var file = new Option<string>("--file") { Description = Help.File, Required = true };
        var encoding = new Option<string>("--encoding") { Description = Help.Encoding, DefaultValueFactory = _ => "auto" };
        var kind = new Option<string>("--kind") { Description = Help.Kind, DefaultValueFactory = _ => "people" };
        var url = new Option<string>("--url") { Description = Help.Url, DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var chunk = new Option<int>("--chunk-kib") { Description = Help.Chunk, DefaultValueFactory = _ => DefaultChunkBytes / 1024 };
        var token = new Option<string?>("--token") { Description = Help.Token };
        var allowMoves = new Option<bool>("--allow-moves") { Description = Help.AllowMoves };
        var command = new Command("import", Help.Command);
        Array.ForEach<Option>([tenant, organization, file, kind, allowMoves, url, chunk, token, encoding], command.Options.Add);

        command.SetAction(parse =>
        {
            var tenantId = parse.GetValue(tenant)!;
            if (!TenantIds.IsValid(tenantId))
            {
                Console.Error.WriteLine(Bilingual.ChineseFirst($"'{tenantId}' is not a tenant id (3–63 of a-z, 0-9 and '-').", $"“{tenantId}”不是租户标识（3–63 个 a-z、0-9 或“-”）。"));
                return 1;
            }

            var kindText = parse.GetValue(kind) ?? "people";
            if (!Enum.TryParse<RosterKind>(kindText, ignoreCase: true, out var rosterKind) || !Enum.IsDefined(rosterKind))
            {
                Console.Error.WriteLine(Bilingual.ChineseFirst($"--kind is people or staff, not '{kindText}'.", $"--kind 只能是 people（人员）或 staff（教职工），不能是“{kindText}”。"));
                return 1;
            }

            if ((parse.GetValue(token) ?? Environment.GetEnvironmentVariable("CAREGRID_TOKEN") ?? DevelopmentBearer(authOptions, tenantId)) is not { } bearer)
            {
                return 1;
            }

            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(url)!), Timeout = TimeSpan.FromMinutes(2) };
            var chunkKib = parse.GetValue(chunk);
            if (chunkKib is < 1 or > 1024 * 1024)
            {
                Console.Error.WriteLine(Bilingual.ChineseFirst("--chunk-kib is 1–1048576.", "--chunk-kib 应为 1–1048576。"));
                return 1;
            }

            if (RosterFile.ParseEncoding(parse.GetValue(encoding)) is not { } rosterEncoding)
            {
                Console.Error.WriteLine(Bilingual.ChineseFirst($"--encoding is auto, utf-8 or gb18030, not '{parse.GetValue(encoding)}'.", "--encoding 只能是 auto、utf-8 或 gb18030。"));
                return 1;
            }

            if (FindFile(parse.GetValue(file)!, Environment.GetEnvironmentVariable("PWD"), Environment.CurrentDirectory, Console.Error) is not { } path)
            {
                return 1;
            }

            var options = new ImportVerbOptions(tenantId, parse.GetValue(organization)!, path, rosterKind, bearer, chunkKib * 1024, rosterEncoding,
                parse.GetValue(allowMoves));
            return RunAsync(options, http, AnsiConsole.Console).GetAwaiter().GetResult();
        });
        return command;
    }

    /// <summary>
    /// A TenantAdmin development token for <paramref name="tenantId"/>, signed with the local key; null, with the key file's
    /// refusal (Chinese, then English) printed on stderr, when that file is not used (<see cref="DevelopmentKeyFileException"/>).
    /// </summary>
    private static string? DevelopmentBearer(Func<AuthOptions> authOptions, string tenantId)
    {
        try
        {
            return new DevelopmentTokens(authOptions(), TimeProvider.System).Issue($"import@{tenantId}", tenantId, [Roles.TenantAdmin]);
        }
        catch (DevelopmentKeyFileException e)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }

    /// <summary>
    /// Runs the import against <paramref name="http"/> (its base address is the service) and reports on <paramref name="console"/>;
    /// notes and refusals about the file's encoding go to <paramref name="stderr"/> (default <see cref="Console.Error"/>).
    /// </summary>
    public static async Task<int> RunAsync(ImportVerbOptions options, HttpClient http, IAnsiConsole console, TextWriter? stderr = null, CancellationToken cancellationToken = default)
    {
        var csv = await ReadRosterAsync(options, console, stderr ?? Console.Error, cancellationToken);
        if (csv is null)
        {
            return 1;
        }

        try
        {
            return await RunCoreAsync(options, csv, http, console, cancellationToken);
        }
        catch (ImportRefusedException e)
        {
            console.MarkupLineInterpolated($"[red]{Bilingual.ChineseFirst("Refused:", "已拒绝：")}[/] {e.Message}");
            return 1;
        }
        catch (HttpRequestException e)
        {
            console.MarkupLineInterpolated($"[red]{Bilingual.ChineseFirst($"Cannot reach the service at {http.BaseAddress}:", $"无法连接 {http.BaseAddress} 上的服务：")}[/] {e.Message}");
            return 1;
        }
    }

    /// <summary>The roster's text, decoded strictly (<see cref="RosterFile"/>), or null after reporting why it cannot be sent.</summary>
    private static async Task<string?> ReadRosterAsync(ImportVerbOptions options, IAnsiConsole console, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.File))
        {
            await stderr.WriteLineAsync(NoSuchFile([Path.GetFullPath(options.File)]));
            return null;
        }

        if (new FileInfo(options.File).Length > RosterCsv.MaxChars * 4L)
        {
            console.MarkupLineInterpolated($"[red]{Bilingual.Stacked($"The file is larger than {RosterCsv.MaxChars * 4L} bytes; the limit is {RosterCsv.MaxChars} characters (4 MiB). Split it into several files.", $"文件超过 {RosterCsv.MaxChars * 4L} 字节；上限为 {RosterCsv.MaxChars} 个字符（4 MiB）。请拆分成几个文件。")}[/]");
            return null;
        }

        DecodedRoster decoded;
        try
        {
            decoded = RosterFile.Decode(await File.ReadAllBytesAsync(options.File, cancellationToken), Path.GetFileName(options.File), options.Encoding);
        }
        catch (RosterFileException e)
        {
            await stderr.WriteLineAsync(e.Message);
            return null;
        }

        if (decoded.Notice is { } notice)
        {
            await stderr.WriteLineAsync(notice);
        }

        if (decoded.Text.Length > RosterCsv.MaxChars)
        {
            console.MarkupLineInterpolated($"[red]{Bilingual.Stacked($"The file has {decoded.Text.Length} characters; the limit is {RosterCsv.MaxChars} (4 MiB). Split it into several files.", $"文件有 {decoded.Text.Length} 个字符；上限为 {RosterCsv.MaxChars}（4 MiB）。请拆分成几个文件。")}[/]");
            return null;
        }

        // the tenant's kind is not known here: 联系电话 passes and the service reads it as own (town, district) or refuses it (school)
        if (RosterCsv.CheckHeader(decoded.Text, options.Kind, barePhoneIsOwn: true) is { } problem)
        {
            await stderr.WriteLineAsync(HeaderRefusal(Path.GetFileName(options.File), problem));
            return null;
        }

        return await WithoutTitleAsync(decoded.Text, options.Kind, stderr);
    }

    private static async Task<int> RunCoreAsync(ImportVerbOptions options, string csv, HttpClient http, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var chunks = Split(csv, options.ChunkBytes);
        var dataRows = chunks.Sum(c => c.Rows);
        if (chunks.Count > 1)
        {
            console.MarkupLineInterpolated($"{Bilingual.Stacked($"The file is larger than {options.ChunkBytes} bytes: importing it in {chunks.Count} parts (each with the header; row numbers below are the file's).", $"文件超过 {options.ChunkBytes} 字节：分 {chunks.Count} 部分导入（每部分都带表头；下面的行号是原文件的行号）。")}");
        }

        var run = new ImportRun { HeadersAsWritten = RosterCsv.HeadersAsWritten(csv, options.Kind, barePhoneIsOwn: true) };
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(Bilingual.ChineseFirst("Landing rows", "正在导入")), maxValue: Math.Max(dataRows, 1));
                var done = 0;
                foreach (var chunk in chunks)
                {
                    var completed = await ImportChunkAsync(options, chunk, http, run, processed => task.Value = done + processed, cancellationToken);
                    done += chunk.Rows;
                    task.Value = done;
                    if (!completed)
                    {
                        break;
                    }
                }
            });

        PrintReport(console, options, run.Ids.Count > 0 ? run.Totals["total"] : dataRows, run);
        PrintNotices(console, run.Notices);
        if (run.Failure is not null)
        {
            console.MarkupLineInterpolated($"[red]{Bilingual.ChineseFirst("The import did not complete:", "导入没有完成：")}[/] {run.Failure}");
            return 1;
        }

        if (run.Totals["notWritten"] > 0)
        {
            // docs/rosters.md "On a busy cluster": these rows are fine but the service stayed busy through every try.
            console.MarkupLineInterpolated($"[red]{Bilingual.Stacked(
                $"{run.Totals["notWritten"]} row(s) could not be written (the service was busy): import the same file again (rows already landed stay unchanged).",
                $"{run.Totals["notWritten"]} 行因服务繁忙未能写入：请再次导入同一文件（已导入的行不会改变）。")}[/]");
            return 1;
        }

        return run.Totals["invalid"] > 0 ? 2 : 0;
    }

    /// <summary>
    /// Starts the import of one part and polls <c>importStatus</c> (up to an hour) until it is done, adding its counts
    /// and refused rows (numbered as in the file) to <paramref name="run"/>. False, with the failure noted, when the
    /// import did not complete.
    /// </summary>
    private static async Task<bool> ImportChunkAsync(ImportVerbOptions options, Chunk chunk, HttpClient http, ImportRun run, Action<int> reportProcessed,
        CancellationToken cancellationToken)
    {
        var path = $"/t/{options.Tenant}/graphql";
        var started = await PostAsync(http, path, options.Token,
            "mutation($org: ID!, $csv: String!, $kind: RosterKind, $moves: Boolean, $of: ID, $offset: Int) { importRoster(organizationId: $org, csv: $csv, kind: $kind, allowMoves: $moves, partOf: $of, rowOffset: $offset) { id } }",
            new { org = options.Organization, csv = chunk.Text, kind = options.Kind == RosterKind.Staff ? "STAFF" : "PEOPLE", moves = options.AllowMoves, of = run.Ids.FirstOrDefault(), offset = run.Ids.Count > 0 ? chunk.RowOffset : 0 }, cancellationToken);
        var id = started["importRoster"]!["id"]!.GetValue<string>();
        run.Ids.Add(id);
        JsonNode status;
        var polls = 0;
        do
        {
            status = (await PostAsync(http, path, options.Token,
                "query($id: ID!) { importStatus(id: $id, waitSeconds: 1) { state done total processed landed created updated moved notMoved unchanged invalid notWritten blank message errors { row column reason } } }",
                new { id }, cancellationToken))["importStatus"]!;
            reportProcessed(status["processed"]!.GetValue<int>());
        }
        while (!status["done"]!.GetValue<bool>() && ++polls < 3600);

        foreach (var key in run.Totals.Keys.ToList())
        {
            run.Totals[key] += status[key]!.GetValue<int>();
        }

        run.Errors.AddRange((status["errors"]?.AsArray() ?? []).Select(e =>
            (e!["row"]!.GetValue<int>() + chunk.RowOffset, e["column"]?.ToString() ?? RowAsAWhole, e["reason"]!.ToString())));
        if (status["state"]?.GetValue<string>() == "COMPLETED" && status["message"]?.ToString() is { Length: > 0 } message && !run.Notices.Contains(message))
        {
            run.Notices.Add(message);
        }

        if (status["state"]?.GetValue<string>() != "COMPLETED")
        {
            var state = status["state"]?.ToString();
            run.Failure = $"{Bilingual.ChineseFirst($"import {id} is {state}", $"导入 {id} 的状态为 {state}")}: "
                + (status["message"]?.ToString() ?? Bilingual.ChineseFirst("still running; check importStatus later.", "仍在进行，请稍后用 importStatus 查看。"));
            return false;
        }

        return true;
    }

    /// <summary>One part of a split roster: its text (with the header), its data rows, and what to add to its row numbers to get the file's.</summary>
    private sealed record Chunk(string Text, int Rows, int RowOffset);

    /// <summary>
    /// Splits a roster into parts of at most <paramref name="maxBytes"/> UTF-8 bytes at line ends, each with the header.
    /// Blank lines go with the row after them; rows keep their file numbers (a part starting at line n reports it as row 2:
    /// n − 2 is added back). The first part starts at line 1 (titles kept), each later one where the one before ended, so the
    /// service reads a part below those before it (<c>IImportGrain.UnitAbove</c>). A line is a row (no line breaks in fields).
    /// </summary>
    private static List<Chunk> Split(string csv, int maxBytes)
    {
        var lines = csv.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var headerAt = Math.Max(0, lines.FindIndex(l => !IsBlankLine(l)));
        var header = lines.Count > 0 ? lines[headerAt] : "";
        var dataRows = lines.Skip(headerAt + 1).Count(l => !IsBlankLine(l));
        if (Encoding.UTF8.GetByteCount(csv) <= maxBytes || dataRows == 0)
        {
            return [new Chunk(csv, dataRows, 0)];
        }

        var chunks = new List<Chunk>();
        var sb = new StringBuilder();
        var rows = 0;
        var first = headerAt + 1; // index in lines of the current part's first line
        var pending = new List<string>(); // blank lines waiting for the next row
        var head = string.Join('\n', lines.Take(headerAt + 1)); // the first part's rows are the file's (a merged 班级 cell, docs/rosters.md)
        var bytes = Encoding.UTF8.GetByteCount(head) + 1;
        for (var i = headerAt + 1; i < lines.Count; i++)
        {
            if (IsBlankLine(lines[i]))
            {
                pending.Add(lines[i]);
                continue;
            }

            var size = pending.Sum(l => Encoding.UTF8.GetByteCount(l) + 1) + Encoding.UTF8.GetByteCount(lines[i]) + 1;
            if (rows > 0 && bytes + size > maxBytes)
            {
                chunks.Add(new Chunk(head + "\n" + sb, rows, chunks.Count == 0 ? 0 : first - 1));
                head = header;
                first = i - pending.Count;
                sb.Clear();
                rows = 0;
                bytes = Encoding.UTF8.GetByteCount(header) + 1;
            }

            pending.ForEach(l => sb.Append(l).Append('\n'));
            pending.Clear();
            sb.Append(lines[i]).Append('\n');
            rows++;
            bytes += size;
        }

        pending.ForEach(l => sb.Append(l).Append('\n'));
        chunks.Add(new Chunk(head + "\n" + sb, rows, chunks.Count == 0 ? 0 : first - 1));
        return chunks;
    }

    /// <summary>A row the service skips as blank (<c>RosterCsv</c>): every cell empty or white space, quoted or not (<c>,,</c>, <c>"",""</c>).</summary>
    private static bool IsBlankLine(string line) => line.Split(',').All(cell => cell.Trim() is var c && (c.Length == 0 || (c.Length >= 2 && c[0] == '"' && c[^1] == '"' && string.IsNullOrWhiteSpace(c[1..^1]))));

    private static async Task<JsonNode> PostAsync(HttpClient http, string path, string token, string query, object variables, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }, RequestJson), Encoding.UTF8, "application/json"),
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
