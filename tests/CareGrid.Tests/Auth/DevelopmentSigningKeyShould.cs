using System.Security.Cryptography;
using CareGrid.GraphApi.Auth;

namespace CareGrid.Tests.Auth;

/// <summary>
/// The development signing key file (<see cref="DevelopmentTokens"/>, docs/operations.md): starters that create it at the same
/// moment — two silos of one cluster started together, as the durable tests do — all end with the one key the file holds,
/// so a token issued from the file validates on every silo. Before, the file was published with a rename that could replace
/// a key another starter already held (seen in CI as UNAUTHENTICATED from one silo of two). A file that holds no usable key
/// is refused with a message naming it, never silently replaced or used; so is a file that other users can read or write
/// (whoever reads it can sign tokens for every tenant and role — before, such a file was used as it was).
/// </summary>
[Trait("tier", "domain")]
public sealed class DevelopmentSigningKeyShould : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caregrid-key-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Give_every_concurrent_starter_the_key_the_file_holds()
    {
        const int Rounds = 100;
        const int Starters = 8;
        for (var round = 0; round < Rounds; round++)
        {
            var path = Path.Combine(_folder, $"round-{round}", "dev-signing.key");
            using var start = new Barrier(Starters);
            var keys = new byte[Starters][];
            var errors = new Exception?[Starters];
            var threads = Enumerable.Range(0, Starters).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                try
                {
                    keys[i] = new DevelopmentTokens(new AuthOptions { SigningKeyPath = path }, TimeProvider.System).Key.Key;
                }
                catch (Exception e)
                {
                    errors[i] = e;
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.All(errors, e => Assert.Null(e));

            var onDisk = Convert.FromBase64String(File.ReadAllText(path));
            Assert.Equal(32, onDisk.Length);
            Assert.All(keys, (key, i) => Assert.True(key.AsSpan().SequenceEqual(onDisk), $"round {round}: starter {i} holds a key the file does not"));
        }
    }

    [Fact]
    public void Validate_on_one_starter_a_token_issued_with_the_key_read_by_another()
    {
        var path = Path.Combine(_folder, "dev-signing.key");
        var silo = new DevelopmentTokens(new AuthOptions { SigningKeyPath = path }, TimeProvider.System);
        var cli = new DevelopmentTokens(new AuthOptions { SigningKeyPath = path }, TimeProvider.System);

        Assert.Equal(silo.Key.Key, cli.Key.Key);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("c2hvcnQ=")] // 5 bytes: "short"
    public void Refuse_a_key_file_that_holds_no_usable_key_and_name_it(string content)
    {
        var path = Path.Combine(_folder, "dev-signing.key");
        Directory.CreateDirectory(_folder);
        WriteOwnerOnly(path, content);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1)); // not a file another starter is still writing

        var error = Assert.Throws<DevelopmentKeyFileException>(() => new DevelopmentTokens(new AuthOptions { SigningKeyPath = path }, TimeProvider.System));

        Assert.Equal(path, error.KeyPath);
        Assert.Contains(path, error.Message);
        Assert.Contains("Delete it", error.Message);
        Assert.Contains("删除它即可生成新密钥", error.Message);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Theory]
    [InlineData(0b110_100_100, "0644")] // rw-r--r--: what a key written by hand under the usual umask gets
    [InlineData(0b110_100_000, "0640")]
    [InlineData(0b110_000_100, "0604")]
    [InlineData(0b110_110_110, "0666")]
    [InlineData(0b110_000_010, "0602")] // others may replace the key: tokens of their own key would then validate
    [InlineData(0b110_001_000, "0610")]
    public void Refuse_a_key_file_other_users_can_read_or_write(int mode, string shown)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Windows files carry ACLs, not these bits
        }

        var path = Path.Combine(_folder, "dev-signing.key");
        Directory.CreateDirectory(_folder);
        var content = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, (UnixFileMode)mode);

        var error = Assert.Throws<DevelopmentKeyFileException>(() => new DevelopmentTokens(new AuthOptions { SigningKeyPath = path }, TimeProvider.System));

        Assert.Equal(path, error.KeyPath);
        Assert.Contains($"can be read or written by other users (mode {shown})", error.Message);
        Assert.Contains($"chmod 600 {path}", error.Message);
        Assert.Contains($"可被其他用户读取或写入（权限 {shown}）", error.Message);
        Assert.Equal(content, File.ReadAllText(path)); // left as it was
        Assert.Equal((UnixFileMode)mode, File.GetUnixFileMode(path));
    }

    [Theory]
    [InlineData(0b110_000_000)] // 0600, as CareGrid creates it
    [InlineData(0b100_000_000)] // 0400, made read-only by its owner
    public void Keep_a_key_file_only_its_owner_can_read(int mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(_folder, "dev-signing.key");
        Directory.CreateDirectory(_folder);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        File.SetUnixFileMode(path, (UnixFileMode)mode);

        Assert.Equal(key, new DevelopmentTokens(new AuthOptions { SigningKeyPath = path }, TimeProvider.System).Key.Key);
    }

    [Fact]
    public void Keep_a_key_file_that_exists()
    {
        var path = Path.Combine(_folder, "dev-signing.key");
        Directory.CreateDirectory(_folder);
        var key = RandomNumberGenerator.GetBytes(32);
        WriteOwnerOnly(path, Convert.ToBase64String(key) + "\n");

        Assert.Equal(key, new DevelopmentTokens(new AuthOptions { SigningKeyPath = path }, TimeProvider.System).Key.Key);
    }

    /// <summary>Writes <paramref name="content"/> to a file only its owner can read and write, as CareGrid creates the key.</summary>
    private static void WriteOwnerOnly(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
