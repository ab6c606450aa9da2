using CareGrid.Tests.Browser;
using CareGrid.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// The schema contract (docs/api.md "The schema as a contract"): <c>.ci/schema-check</c> run on fresh clones of a throw-away
/// repository whose commits change the real <c>schema.graphql</c>. Adding a field passes; removing one fails and names the
/// field; the <c>BREAKING-SCHEMA:</c> line in the commit message accepts the break; a first commit, or a previous commit
/// without the file, is skipped with a message. Needs Node.js and <c>tests/schema-check</c>'s packages (installed with
/// <c>npm ci</c> on first use): skipped locally without them, failed under CI.
/// </summary>
[Trait("tier", "api")]
public sealed class SchemaCheckShould(ITestOutputHelper output) : IDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "caregrid-tests", "schema-check-" + Guid.NewGuid().ToString("N"));
    private readonly string _schema = File.ReadAllText(Path.Combine(RepoPaths.Root, "schema.graphql")).ReplaceLineEndings("\n");

    [SkippableFact]
    public async Task Pass_an_added_field_and_fail_a_removed_one_naming_it_unless_the_message_says_so()
    {
        await RequireInspectorAsync();
        var origin = await NewRepositoryAsync();
        await CommitAsync(origin, _schema, "Schema as it is");
        var first = await CheckAsync(await CloneAsync(origin));
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("HEAD is the first commit", first.Output, StringComparison.Ordinal);

        await CommitAsync(origin, _schema.Replace("type Query {\n", "type Query {\n  \"A new field.\"\n  schemaCheckProbe: Int\n", StringComparison.Ordinal), "Add a field");
        var added = await CheckAsync(await CloneAsync(origin));
        Assert.True(added.ExitCode == 0, added.Output);
        Assert.Contains("schema-check: passed", added.Output, StringComparison.Ordinal);

        var withoutMe = RemoveField(_schema, "Query", "  \"The caller: sub, tenant and roles; null without a token.\"\n  me: Viewer\n");
        await CommitAsync(origin, withoutMe, "Drop me");
        var removed = await CheckAsync(await CloneAsync(origin));
        Assert.Equal(1, removed.ExitCode);
        Assert.Contains("Field me was removed from object type Query", removed.Output, StringComparison.Ordinal);
        Assert.Contains("BREAKING-SCHEMA:", removed.Output, StringComparison.Ordinal);

        await CommitAsync(origin, withoutMe, "Drop me\n\nBREAKING-SCHEMA: me moves to viewer, announced to integrators", amend: true);
        var accepted = await CheckAsync(await CloneAsync(origin));
        Assert.True(accepted.ExitCode == 0, accepted.Output);
        Assert.Contains("accepted — the commit message says: BREAKING-SCHEMA: me moves to viewer", accepted.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Skip_with_a_message_when_the_previous_commit_has_no_schema()
    {
        await RequireInspectorAsync();
        var origin = await NewRepositoryAsync();
        await File.WriteAllTextAsync(Path.Combine(origin, "README.md"), "before the schema\n");
        await GitAsync(origin, "add", "README.md");
        await GitAsync(origin, "commit", "-q", "-m", "Readme");
        await CommitAsync(origin, _schema, "Schema");

        var result = await CheckAsync(await CloneAsync(origin));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("the previous commit", result.Output, StringComparison.Ordinal);
        Assert.Contains("has no schema.graphql", result.Output, StringComparison.Ordinal);
    }

    /// <summary>The schema without <paramref name="line"/> in <c>type <paramref name="type"/></c>; fails if it is not there.</summary>
    private static string RemoveField(string schema, string type, string line)
    {
        var start = schema.IndexOf($"type {type} {{\n", StringComparison.Ordinal);
        var at = schema.IndexOf(line, start, StringComparison.Ordinal);
        Assert.True(start >= 0 && at > start, $"schema.graphql has no '{line.Trim()}' in type {type}");
        return schema.Remove(at, line.Length);
    }

    private async Task<ProcessRunner.Result> CheckAsync(string clone)
    {
        var result = await ProcessRunner.RunAsync("bash", [Path.Combine(RepoPaths.Root, ".ci", "schema-check")], clone, Bound,
            new Dictionary<string, string> { ["SCHEMA_CHECK_REPO"] = clone });
        output.WriteLine($"--- schema-check (exit {result.ExitCode})\n{result.Output}");
        return result;
    }

    private async Task<string> NewRepositoryAsync()
    {
        var origin = Path.Combine(_work, "origin");
        Directory.CreateDirectory(origin);
        await GitAsync(origin, "init", "-q", "-b", "main");
        return origin;
    }

    private async Task CommitAsync(string repository, string schema, string message, bool amend = false)
    {
        await File.WriteAllTextAsync(Path.Combine(repository, "schema.graphql"), schema);
        await GitAsync(repository, "add", "schema.graphql");
        await GitAsync(repository, ["commit", "-q", "--allow-empty", "-m", message, .. amend ? new[] { "--amend" } : []]);
    }

    /// <summary>A fresh full clone, as CI makes one.</summary>
    private async Task<string> CloneAsync(string origin)
    {
        var clone = Path.Combine(_work, "clone-" + Guid.NewGuid().ToString("N")[..8]);
        await GitAsync(_work, "clone", "-q", "file://" + origin, clone);
        return clone;
    }

    private static Task GitAsync(string directory, params string[] arguments) =>
        GitAsync(directory, (IEnumerable<string>)arguments);

    private static async Task GitAsync(string directory, IEnumerable<string> arguments)
    {
        string[] identity = ["-c", "user.name=CareGrid tests", "-c", "user.email=tests@caregrid.invalid", "-c", "commit.gpgsign=false"];
        var result = await ProcessRunner.RunAsync("git", [.. identity, .. arguments], directory, Bound);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', arguments)} failed:\n{result.Output}");
    }

    /// <summary>Installs tests/schema-check's packages on first use; skips locally (fails under CI) without Node.js and npm.</summary>
    private static async Task RequireInspectorAsync()
    {
        var folder = Path.Combine(RepoPaths.Root, "tests", "schema-check");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(folder, "node_modules", ".bin", "graphql-inspector")))
            {
                return;
            }

            var install = await ProcessRunner.TryRunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
            if (install is not { ExitCode: 0 })
            {
                var message = "The schema check needs Node.js and npm: `(cd tests/schema-check && npm ci --no-audit --no-fund)` failed: " +
                    (install?.Output ?? "npm was not found on PATH");
                Assert.False(BrowserRunner.IsCi, "CI=true: " + message);
                Skip.If(true, message);
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }
    }
}
