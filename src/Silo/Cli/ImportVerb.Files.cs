using CareGrid.Grains.Imports;

namespace CareGrid.Silo.Cli;

public static partial class ImportVerb
{
    /// <summary>
    /// The request body's JSON: Chinese written as UTF-8 (3 bytes a character), not as <c>\uXXXX</c> escapes (6 bytes), so a
    /// part of <see cref="DefaultChunkBytes"/> of text stays under the service's 256 KiB request limit (round-30 trial: a
    /// whole-school GBK roster of 240 KB was refused REQUEST_TOO_LARGE in both of its parts). The body is never HTML.
    /// </summary>
    private static readonly System.Text.Json.JsonSerializerOptions RequestJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The roster file a user named with <c>--file</c>, as an absolute path, or null after writing to
    /// <paramref name="stderr"/> (Simplified Chinese and English) every absolute path tried. A relative path is resolved
    /// against the caller's working directory: the shell's <c>PWD</c> when it names a directory, then the process's own
    /// (<c>dotnet run --project src/Silo</c> starts the verb in <c>src/Silo</c> — the Web SDK's
    /// <c>RunWorkingDirectory</c> — while <c>PWD</c> still names the caller's directory; docs/rosters.md).
    /// </summary>
    /// <param name="path">The <c>--file</c> value.</param>
    /// <param name="pwd">The <c>PWD</c> environment variable, or null (Windows, no shell).</param>
    /// <param name="cwd">The process's working directory.</param>
    /// <param name="stderr">Where the refusal goes.</param>
    public static string? FindFile(string path, string? pwd, string cwd, TextWriter stderr)
    {
        var tried = new List<string>();
        if (!Path.IsPathRooted(path) && pwd is { Length: > 0 } && Path.IsPathRooted(pwd) && Directory.Exists(pwd))
        {
            tried.Add(Path.GetFullPath(path, pwd));
        }

        var own = Path.GetFullPath(path, cwd);
        if (!tried.Contains(own))
        {
            tried.Add(own);
        }

        if (tried.FirstOrDefault(File.Exists) is { } found)
        {
            return found;
        }

        stderr.WriteLine(NoSuchFile(tried));
        return null;
    }

    /// <summary>The bilingual refusal of a file that is not there, naming every absolute path tried.</summary>
    internal static string NoSuchFile(IReadOnlyList<string> tried) =>
        $"找不到名单文件：{string.Join("、", tried)}（相对路径按调用者的当前目录解析）。未导入任何内容。\n"
        + $"No such roster file: {string.Join(", ", tried)} (a relative path is resolved against the caller's working directory). Nothing was imported.";

    /// <summary>
    /// The bilingual refusal of a header row (<see cref="RosterHeaderProblem"/>): the Chinese sentence, then the English,
    /// each naming the accepted column names in both languages; nothing is sent to the service.
    /// </summary>
    internal static string HeaderRefusal(string fileName, RosterHeaderProblem problem) =>
        $"{fileName}：{problem.Chinese}未导入任何内容。\n{fileName}: {problem.English} Nothing was imported.";

    /// <summary>
    /// The roster with a merged title above its header emptied (<see cref="RosterCsv.WithoutTitleRows"/>), so each part sent
    /// carries the real header and rows keep their numbers; says so on stderr in Chinese and English.
    /// </summary>
    internal static async Task<string> WithoutTitleAsync(string csv, RosterKind kind, TextWriter stderr)
    {
        var (text, title) = RosterCsv.WithoutTitleRows(csv, kind);
        if (title is not null)
        {
            var (english, chinese) = RosterCsv.TitleSkipped(title);
            await stderr.WriteLineAsync(Bilingual.Stacked(english, chinese));
        }

        return text;
    }

    /// <summary>What the parts of one import run added up to: counts by name, refused rows, import ids, and why it stopped early.</summary>
    private sealed class ImportRun
    {
        public Dictionary<string, int> Totals { get; } =
            new() { ["total"] = 0, ["landed"] = 0, ["created"] = 0, ["updated"] = 0, ["moved"] = 0, ["notMoved"] = 0, ["unchanged"] = 0, ["invalid"] = 0, ["notWritten"] = 0, ["blank"] = 0 };

        public List<(int Row, string Column, string Reason)> Errors { get; } = [];

        public List<string> Ids { get; } = [];

        /// <summary>The completed parts' messages (title skipped, notes not read, rows not written), each once.</summary>
        public List<string> Notices { get; } = [];

        public string? Failure { get; set; }

        /// <summary>The file's own header of each column named otherwise (e.g. sex → 性别), shown beside the column of a refused row.</summary>
        public IReadOnlyDictionary<string, string> HeadersAsWritten { get; init; } = new Dictionary<string, string>();
    }
}
