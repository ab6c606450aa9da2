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
    /// Free text (a span name, a tag, a log message, an exception's text) with each subject-bearing grain-key part
    /// (<c>staff:…</c>, <c>receipts/…</c>, up to the next blank, quote, comma, semicolon or bracket) and each word holding
    /// <c>@</c> replaced by a token; text without either is returned as is (the same instance).
    /// </summary>
    public string Scrub(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('@', StringComparison.Ordinal) && !value.Contains("staff:", StringComparison.Ordinal)
            && !value.Contains("receipts/", StringComparison.Ordinal))
        {
            return value;
        }

        var keys = SubjectKey().Replace(value, match => match.Groups["kind"].Value + Token(match.Groups["rest"].Value));
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

    [GeneratedRegex(@"(?<kind>staff:|receipts/)(?<rest>[^\s""',;()\[\]{}<>]+)", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectKey();

    [GeneratedRegex(@"[^\s""',;()\[\]{}<>/]*@[^\s""',;()\[\]{}<>/]*", RegexOptions.CultureInvariant)]
    private static partial Regex AtWord();
}
