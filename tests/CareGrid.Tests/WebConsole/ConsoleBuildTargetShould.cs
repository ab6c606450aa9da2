using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.WebConsole;

/// <summary>
/// The silo's MSBuild target for the console (src/Silo/WebConsole.targets, docs/console.md "Building"), run by
/// <c>dotnet msbuild</c> on a scratch project that imports it, with a scratch src/Web and stand-ins for node and npm on PATH
/// (shell scripts that log their arguments), so it runs where Node.js is absent: npm ci only when package.json or the lock
/// changed, npm run build only when a source changed, dist/** copied into wwwroot/ with older files removed; without Node a
/// high-importance message and success, even with warnings as errors; a console that fails to build fails the build.
/// </summary>
[Trait("tier", "durable")]
public sealed class ConsoleBuildTargetShould : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "caregrid-tests", "console-target-" + Guid.NewGuid().ToString("N"));

    public ConsoleBuildTargetShould()
    {
        Directory.CreateDirectory(Path.Combine(Web, "src"));
        Directory.CreateDirectory(FakeBin);
        Directory.CreateDirectory(EmptyBin);
        var past = DateTime.UtcNow.AddHours(-1);
        foreach (var (file, text) in new[] { ("package.json", "{}"), ("package-lock.json", "{}"), ("index.html", "<!doctype html>"), ("src/main.tsx", "//"), ("src/version.txt", "1") })
        {
            File.WriteAllText(Path.Combine(Web, file), text);
            File.SetLastWriteTimeUtc(Path.Combine(Web, file), past);
        }

        if (!OperatingSystem.IsWindows())
        {
            // MSBuild's Exec runs its commands with the sh found on PATH: both folders hold it, and nothing else but the stand-ins.
            File.CreateSymbolicLink(Path.Combine(FakeBin, "sh"), "/bin/sh");
            File.CreateSymbolicLink(Path.Combine(EmptyBin, "sh"), "/bin/sh");
        }

        Script("node", "echo v20.11.1");
        // npm: logs each call; `ci` makes node_modules; `run build` empties dist and writes index.html and a hashed asset named by src/version.txt.
        Script("npm", """
            echo "$*" >> ../npm.log
            case "$1" in
              ci) /bin/mkdir -p node_modules ;;
              run) [ -n "$FAKE_BUILD_FAILS" ] && { echo "src/main.tsx: error TS2322" >&2; exit 2; }
                   /bin/rm -rf dist; /bin/mkdir -p dist/assets; read v < src/version.txt
                   echo "<title>built $v</title>" > dist/index.html; echo "//$v" > "dist/assets/app-$v.js" ;;
            esac
            """);
        File.WriteAllText(Project, $"""
            <Project>
              <PropertyGroup>
                <CareGridWebDir>{Web}/</CareGridWebDir>
                <OutDir>{Out}/</OutDir>
              </PropertyGroup>
              <Import Project="{Path.Combine(RepoPaths.Root, "src", "Silo", "WebConsole.targets")}" />
              <Target Name="CopyFilesToOutputDirectory" />
              <Target Name="Build" DependsOnTargets="CopyFilesToOutputDirectory" />
              <Target Name="ComputeResolvedFilesToPublishList" />
              <Target Name="ListPublished" DependsOnTargets="Build;ComputeResolvedFilesToPublishList">
                <Message Importance="high" Text="published: %(ResolvedFileToPublish.RelativePath)" />
              </Target>
            </Project>
            """);
    }

    private string Web => Path.Combine(_root, "web");
    private string Out => Path.Combine(_root, "out");
    private string FakeBin => Path.Combine(_root, "bin");
    private string EmptyBin => Path.Combine(_root, "empty");
    private string Project => Path.Combine(_root, "console.proj");
    private string WwwRoot => Path.Combine(Out, "wwwroot");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Script(string name, string body)
    {
        var path = Path.Combine(FakeBin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The npm calls that did work (not the probe's <c>npm --version</c>).</summary>
    private List<string> NpmCalls()
    {
        var log = Path.Combine(Web, "..", "npm.log");
        return File.Exists(log) ? [.. File.ReadAllLines(log).Where(l => l != "--version")] : [];
    }

    private Task<ProcessRunner.Result> BuildAsync(string path, bool buildFails = false, string target = "Build")
    {
        var environment = new Dictionary<string, string> { ["PATH"] = path, ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        if (buildFails)
        {
            environment["FAKE_BUILD_FAILS"] = "1";
        }

        // The dotnet host by its full path: PATH holds only sh and the stand-ins (or sh alone), so no real node can be found.
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        return ProcessRunner.RunAsync(dotnet, ["msbuild", Project, "-t:" + target, "-nologo", "-v:n", "-warnaserror", "-nodeReuse:false"], _root, Bound, environment);
    }

    private void Touch(string file) => File.SetLastWriteTimeUtc(Path.Combine(Web, file), DateTime.UtcNow.AddMinutes(5));

    [SkippableFact]
    public async Task Build_only_what_changed_and_copy_dist_into_wwwroot()
    {
        Skip.If(OperatingSystem.IsWindows(), "the node and npm stand-ins are shell scripts");

        var first = await BuildAsync(FakeBin);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(["ci --no-audit --no-fund --loglevel=error", "run build"], NpmCalls());
        Assert.Equal("<title>built 1</title>", File.ReadAllText(Path.Combine(WwwRoot, "index.html")).Trim());
        Assert.True(File.Exists(Path.Combine(WwwRoot, "assets", "app-1.js")));

        var unchanged = await BuildAsync(FakeBin);
        Assert.True(unchanged.ExitCode == 0, unchanged.Output);
        Assert.Equal(2, NpmCalls().Count);

        File.WriteAllText(Path.Combine(Web, "src", "version.txt"), "2");
        Touch("src/version.txt");
        var source = await BuildAsync(FakeBin);
        Assert.True(source.ExitCode == 0, source.Output);
        Assert.Equal(["ci --no-audit --no-fund --loglevel=error", "run build", "run build"], NpmCalls());
        Assert.True(File.Exists(Path.Combine(WwwRoot, "assets", "app-2.js")));
        Assert.False(File.Exists(Path.Combine(WwwRoot, "assets", "app-1.js")), "the older build's asset is removed from wwwroot");

        Touch("package-lock.json");
        var locked = await BuildAsync(FakeBin);
        Assert.True(locked.ExitCode == 0, locked.Output);
        Assert.Equal("ci --no-audit --no-fund --loglevel=error", NpmCalls()[3]);
    }

    [SkippableFact]
    public async Task Publish_the_built_console_as_wwwroot()
    {
        Skip.If(OperatingSystem.IsWindows(), "the node and npm stand-ins are shell scripts");

        var result = await BuildAsync(FakeBin, target: "ListPublished");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("published: wwwroot/index.html", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("published: wwwroot/assets/app-1.js", result.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Succeed_with_a_high_importance_message_when_Node_is_missing()
    {
        Skip.If(OperatingSystem.IsWindows(), "PATH is replaced by an empty folder");

        var result = await BuildAsync(EmptyBin);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("the web console was not built: Node.js 20+ with npm was not found", result.StandardOutput);
        Assert.False(Directory.Exists(WwwRoot));
    }

    [SkippableFact]
    public async Task Skip_silently_without_a_console_project()
    {
        Skip.If(OperatingSystem.IsWindows(), "the node and npm stand-ins are shell scripts");
        File.Delete(Path.Combine(Web, "package.json"));

        var result = await BuildAsync(FakeBin);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Empty(NpmCalls());
        Assert.DoesNotContain("web console", result.StandardOutput);
    }

    [SkippableFact]
    public async Task Fail_the_build_when_the_console_does_not_build()
    {
        Skip.If(OperatingSystem.IsWindows(), "the node and npm stand-ins are shell scripts");

        var result = await BuildAsync(FakeBin, buildFails: true);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("the web console did not build", result.Output);
        Assert.False(Directory.Exists(WwwRoot));
    }
}
