using CareGrid.Grains.Security;
using CareGrid.Grains.Imports;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareGrid.GraphApi.Auth;

/// <summary>
/// Issues and validates development tokens (HS256, 256-bit key kept in a local file). Used by the
/// <c>token</c> CLI verb and by embedded mode; never used when <see cref="AuthOptions.Authority"/> is set.
/// </summary>
public sealed class DevelopmentTokens
{
    private readonly AuthOptions _options;
    private readonly TimeProvider _clock;

    /// <summary>
    /// Loads the signing key from <see cref="AuthOptions.SigningKeyPath"/>, creating it (mode <c>0600</c>) when missing.
    /// </summary>
    /// <exception cref="DevelopmentKeyFileException">The key file exists but cannot be used: other users can read or write it,
    /// it holds no usable key, or it cannot be read. The message (Chinese, then English) names the file and what to do.</exception>
    /// <exception cref="IOException">The key file cannot be created.</exception>
    public DevelopmentTokens(AuthOptions options, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        KeyPath = options.SigningKeyPath is { Length: > 0 } p ? p : DefaultKeyPath();
        Key = new SymmetricSecurityKey(LoadOrCreateKey(KeyPath)) { KeyId = "caregrid-dev" };
    }

    /// <summary>Where the key lives.</summary>
    public string KeyPath { get; }

    /// <summary>The signing key.</summary>
    public SymmetricSecurityKey Key { get; }

    /// <summary>
    /// A signed token with <c>sub</c>, <c>tenant</c> (when given) and one <c>role</c> claim per role, valid for
    /// <see cref="AuthOptions.DevelopmentTokenHours"/> hours from now.
    /// </summary>
    public string Issue(string subject, string? tenant, IEnumerable<string> roles) => IssueWithExpiry(subject, tenant, roles).Token;

    /// <summary>
    /// As <see cref="Issue"/>, also returning when the token expires (UTC, the <c>exp</c> claim: now on the wall clock plus
    /// <see cref="AuthOptions.DevelopmentTokenHours"/>), for the console's development sign-in (docs/console.md "Sign-in").
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="subject"/> is reserved (<see cref="ReservedSubjects"/>).</exception>
    public (string Token, DateTimeOffset ExpiresAt) IssueWithExpiry(string subject, string? tenant, IEnumerable<string> roles)
    {
        if (ReservedSubjects.IsReserved(subject))
        {
            throw new ArgumentException(ReservedSubjects.Explain(subject), nameof(subject));
        }

        var claims = new List<Claim> { new(ClaimNames.Subject, subject) };
        if (!string.IsNullOrEmpty(tenant))
        {
            claims.Add(new Claim(ClaimNames.Tenant, tenant));
        }

        claims.AddRange(roles.Select(r => new Claim(ClaimNames.Role, r)));
        var now = _clock.GetUtcNow().UtcDateTime;
        var expires = now.AddHours(_options.DevelopmentTokenHours);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = _options.DevelopmentIssuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        // The exp claim is whole seconds.
        return (token, new DateTimeOffset(expires.AddTicks(-(expires.Ticks % TimeSpan.TicksPerSecond)), TimeSpan.Zero));
    }

    private static string DefaultKeyPath()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "caregrid", "dev-signing.key");
    }

    /// <summary>How long a starter waits for a key file another process is creating (created but not yet written).</summary>
    private static readonly TimeSpan KeyWriteWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The key at <paramref name="path"/>: read when the file exists, else created there exactly once. Two processes that
    /// start together (two silos of one cluster, a silo and the <c>token</c> verb) end with the same key: the file is created
    /// exclusively (<c>O_CREAT|O_EXCL</c>, <see cref="FileMode.CreateNew"/>), so one creator wins and every other one reads the
    /// winner's key. A rename cannot give that: <see cref="File.Move(string, string, bool)"/> without overwrite checks for the
    /// destination and then renames on Unix, so two creators could both "win" and the later one replace the key the earlier
    /// one already signs and validates with — every token of the other process then fails as UNAUTHENTICATED.
    /// </summary>
    /// <exception cref="DevelopmentKeyFileException">The file exists and its group or other users have any access to it (at
    /// once), or it holds no base64 key of at least 32 bytes (at once when the file is older than <see cref="KeyWriteWait"/>,
    /// else after waiting that long for a concurrent creator to finish writing), or it cannot be read.</exception>
    /// <exception cref="IOException">The file cannot be created.</exception>
    private static byte[] LoadOrCreateKey(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (!File.Exists(path) && TryCreate(path) is { } created)
            {
                return created;
            }

            // A key other users can read lets them sign tokens for every tenant and role: refuse it before using it.
            if (LooseMode(path) is { } mode)
            {
                throw new DevelopmentKeyFileException(path, Bilingual.Stacked(
                    $"The development signing key file {path} can be read or written by other users (mode {mode}): anyone who can " +
                    $"read it can sign tokens for every tenant and role. Restrict it with `chmod 600 {path}`, or delete it to create a " +
                    "new key (tokens signed with the old key then stop validating).",
                    $"开发签名密钥文件 {path} 可被其他用户读取或写入（权限 {mode}）：能读取它的人可以为任何租户、任何角色签发令牌。" +
                    $"请用 `chmod 600 {path}` 收紧权限，或删除它以生成新密钥（用旧密钥签发的令牌随即失效）。"));
            }

            string problem;
            string problemZh;
            try
            {
                var text = File.ReadAllText(path).Trim();
                var bytes = new byte[text.Length];
                if (Convert.TryFromBase64String(text, bytes, out var length) && length >= 32)
                {
                    return bytes[..length];
                }

                problem = $"it holds no base64 key of at least 32 bytes ({text.Length} characters)";
                problemZh = $"其中没有至少 32 字节的 base64 密钥（{text.Length} 个字符）";
            }
            catch (FileNotFoundException)
            {
                continue; // a creator whose write failed removed it: try again to create it
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = e.Message;
                problemZh = $"无法读取（{e.Message}）";
            }

            // Only a file written in the last moments can be a concurrent creator's: an older one is refused at once.
            if (waited.Elapsed >= KeyWriteWait || DateTime.UtcNow - File.GetLastWriteTimeUtc(path) >= KeyWriteWait)
            {
                throw new DevelopmentKeyFileException(path, Bilingual.Stacked(
                    $"The development signing key file {path} cannot be used: {problem}. Delete it to create a new key " +
                    "(tokens signed with the old key then stop validating), or set Auth:SigningKeyPath to another file.",
                    $"开发签名密钥文件 {path} 无法使用：{problemZh}。删除它即可生成新密钥（用旧密钥签发的令牌随即失效），" +
                    "或把 Auth:SigningKeyPath 设为另一个文件。"));
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>
    /// The file's permission bits as four octal digits (such as <c>0644</c>) when its group or other users have any access to
    /// it; null when only its owner has (<c>0600</c>, <c>0400</c>), and always null on Windows, whose files carry ACLs
    /// instead. The same rule as OpenSSH's for private keys: a key that others can read is not a secret.
    /// </summary>
    private static string? LooseMode(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (FileNotFoundException)
        {
            return null; // removed meanwhile: the read below finds that out
        }

        return (mode & Others) == 0 ? null : "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
    }

    /// <summary>
    /// Creates the key file exclusively and writes a new key into it; null when another process created it first. The file
    /// is opened without an exclusive lock, so a reader that opens it between its creation and the write never makes the
    /// creation fail (it reads an empty file and tries again); a creator whose write fails removes the file and throws.
    /// </summary>
    private static byte[]? TryCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.ReadWrite | FileShare.Delete };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream file;
        try
        {
            file = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null; // another process created it first: read its key
        }

        try
        {
            using (file)
            {
                file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
                file.Flush(flushToDisk: true);
            }

            return key;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
