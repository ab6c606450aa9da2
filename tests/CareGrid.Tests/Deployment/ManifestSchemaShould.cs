using CareGrid.Tests.Browser;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Deployment;

/// <summary>
/// Every object of infra/k8s is valid against the Kubernetes API's schemas (types, required fields, enums, formats), as the
/// npm package kubernetes-models compiles them (<c>tests/k8s-manifests/validate.mjs</c>, pinned by its lock file); and the
/// validator rejects a broken object, so its success means something. Without Node.js or the folder's packages the tests
/// skip locally and fail under CI (<c>CI=true</c>), like the browser tests.
/// </summary>
[Trait("tier", "api")]
public sealed class ManifestSchemaShould
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "k8s-manifests");

    [SkippableFact]
    public async Task Accept_every_object_of_the_manifests()
    {
        await RequireValidatorAsync();

        var result = await ProcessRunner.RunAsync("node", ["validate.mjs"], Folder, TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains(" 0 failed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ok   rbac.yaml Role/caregrid-silo", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ok   deployment.yaml Deployment/caregrid", result.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Refuse_an_object_that_breaks_the_schema_naming_the_field()
    {
        await RequireValidatorAsync();
        var folder = Directory.CreateTempSubdirectory("caregrid-k8s-");
        try
        {
            var deployment = await File.ReadAllTextAsync(Path.Combine(Manifests.Folder, "deployment.yaml"));
            // A container port must be an integer.
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "deployment.yaml"),
                deployment.Replace("containerPort: 8080", "containerPort: eighty", StringComparison.Ordinal));

            var result = await ProcessRunner.RunAsync("node", ["validate.mjs", folder.FullName], Folder, TimeSpan.FromMinutes(2));

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("containerPort must be integer", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task RequireValidatorAsync()
    {
        var node = await ProcessRunner.TryRunAsync("node", ["--version"], RepoPaths.Root, TimeSpan.FromSeconds(30));
        string? missing = node is not { ExitCode: 0 } ? "Node.js was not found on PATH."
            : !File.Exists(Path.Combine(Folder, "node_modules", "kubernetes-models", "package.json")) ? "tests/k8s-manifests/node_modules is missing."
            : null;
        if (missing is null)
        {
            return;
        }

        var message = missing + " Run `(cd tests/k8s-manifests && npm ci --no-audit --no-fund)` (Node.js 20+), as .ci/run does.";
        if (BrowserRunner.IsCi)
        {
            Assert.Fail("CI=true: " + message);
        }

        Skip.If(true, message);
    }
}
