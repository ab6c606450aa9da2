using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace CareGrid.Silo.Observability;

/// <summary>
/// Replaces staff subjects (often e-mail addresses) in telemetry text by opaque tokens (docs/observability.md "Traces", "Logs").
/// Some grain keys are built from a subject (<c>IStaffScopeGrain.KeyOf</c> → <c>{tenant}/staff:{subject}</c>,
/// <c>IReportReceiptsGrain.KeyOf</c> → <c>{tenant}/receipts/{subject}</c>), and Orleans writes grain ids into span tags, span
/// events and log lines. A token is <c>#</c> and 16 lower-case hex digits of HMAC-SHA256 under a random 32-byte key drawn once per
/// instance (one instance per process): equal inputs give equal tokens within the process, nothing links a token to its input
/// or to a token of another process. Shared by <see cref="GrainIdScrubbingProcessor"/>, <see cref="LogScrubbingProcessor"/> and
/// <see cref="CareGridConsoleFormatter"/>, so a grain's token is the same in a process's traces, exported logs and console lines.
/// </summary>
public sealed partial class SubjectScrubber
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// A whole grain id <c>{type}/{key}</c> as <c>{type}/#{token}</c> (the type stays readable); a value without <c>/</c> becomes
    /// <c>#{token}</c>.
    /// </summary>
    public string ScrubGrainId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? Token(value) : string.Concat(value.AsSpan(0, slash + 1), Token(value[(slash + 1)..]));
    }

    /// <summary>
    /// Free text (a span name, a tag, a log message, an exception's text) with the subject of each subject-bearing grain key
    /// and each word holding <c>@</c> replaced by a token; text without either is returned as is (the same instance). The
    /// subject is what follows <c>staff:</c> or <c>receipts/</c> up to the next blank, quote, comma, semicolon or bracket
    /// (<c>staff:</c> / <c>receipts/</c> and the tenant before them stay readable), where that <c>staff:</c> or
    /// <c>receipts/</c> is part of a grain key:
    /// <list type="bullet">
    /// <item>it follows a tenant id (a lower-case slug) and <c>/</c> (or a JSON-escaped <c>\/</c>), and that tenant id stands alone
    /// (<c>demo-school/staff:…</c> after the start or a character no path segment holds: a blank, quote, <c>=</c>, <c>:</c>,
    /// comma, bracket) or follows a grain type — <c>staff-scope/</c> or
    /// <c>report-receipts/</c> anywhere, any other type standing alone or after a silo address (Orleans' grain ids
    /// <c>staff-scope/demo-school/staff:…</c>, <c>report-receipts/demo-school/receipts/…</c> and activations
    /// <c>S127.0.0.1:11111:…/staff-scope/demo-school/staff:…</c>);</item>
    /// <item>or it stands alone itself (<c>staff:…</c> after a blank, quote, bracket or the start).</item>
    /// </list>
    /// A <c>staff:</c> or <c>receipts/</c> inside a file path (<c>/home/jane/receipts/caregrid/src/…</c> in a stack trace)
    /// is none of these: a path segment is preceded by <c>/</c>, not by a blank, and the segments before it are not a grain id.
    /// </summary>
    public string Scrub(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('@', StringComparison.Ordinal) && !value.Contains("staff:", StringComparison.Ordinal)
            && !value.Contains("receipts", StringComparison.Ordinal))
        {
            return value;
        }

        var keys = SubjectKey().Replace(value, match => match.Groups["head"].Value + Token(match.Groups["rest"].Value));
        return AtWord().Replace(keys, match => Token(match.Value));
    }

    /// <summary>
    /// True for tags that carry a whole grain, activation or silo id: the <c>orleans.</c> prefix and an <c>_id</c> or <c>.id</c>
    /// suffix (<c>orleans.rpc.target_id</c>, <c>orleans.rpc.source_id</c>, <c>orleans.grain.id</c>, …).
    /// </summary>
    public static bool IsGrainIdTag(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith("orleans.", StringComparison.Ordinal)
            && (key.EndsWith("_id", StringComparison.Ordinal) || key.EndsWith(".id", StringComparison.Ordinal));
    }

    private string Token(string value) =>
        "#" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)).AsSpan(0, 8));

    // A subject-bearing grain key (Scrub's documentation): "head" stays, "rest" (the subject) becomes a token. "Stands alone" is
    // "not preceded by a character a path segment holds" (letters, marks, digits, / \ . _ ~ @ + % -), so no segment of a file
    // path stands alone; a silo address is Orleans' S{host}:{port}:{generation}. \\?/ also takes a JSON-escaped slash.
    [GeneratedRegex(@"
        (?<head>
            (?<=
                (?<![\p{L}\p{M}\p{N}/\\._~@+%-])
              | (?<![\p{L}\p{M}\p{N}/\\._~@+%-])[\p{L}\p{N}._-]+\\?/
              | (?:staff-scope|report-receipts)\\?/
              | S[0-9A-Fa-f.:\[\]]+:[0-9]+\\?/[\p{L}\p{N}._-]+\\?/
            )
            [a-z0-9][a-z0-9-]{1,61}[a-z0-9]\\?/(?:staff:|receipts\\?/)
          | (?<![\p{L}\p{M}\p{N}/\\._~@+%-])(?:staff:|receipts\\?/)
        )
        (?<rest>[^\s""',;()\[\]{}<>]+)
        ", RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex SubjectKey();

    [GeneratedRegex(@"[^\s""',;()\[\]{}<>/]*@[^\s""',;()\[\]{}<>/]*", RegexOptions.CultureInvariant)]
    private static partial Regex AtWord();
}
