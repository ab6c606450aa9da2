using CareGrid.Silo;
using CareGrid.Silo.Cli;
using CareGrid.Tests.Infrastructure;

namespace CareGrid.Tests.Webhooks;

/// <summary>
/// The service refuses to start on durable storage without the keys of the webhook secrets at rest, or with a malformed key
/// (docs/webhooks.md "Secrets", docs/operations.md "Configuration"): exit code 1 and the reason in English and Chinese on stderr,
/// naming the key and never showing a key's value, before any storage is reached or port opened.
/// </summary>
[Trait("tier", "api")]
public sealed class WebhookSecretKeysAtStartShould
{
    [Theory]
    [InlineData(null, "Webhooks:SecretKeys must be set on durable storage (Storage:Provider=AzureTable)", "使用持久存储（Storage:Provider=AzureTable）时必须设置 Webhooks:SecretKeys")]
    [InlineData("c2hvcnQta2V5", "Webhooks:SecretKeys:k1 must be the base64 of exactly 32 bytes (was not shown).", "Webhooks:SecretKeys:k1 必须是恰好 32 个字节的 base64（值不显示）。")]
    public async Task Refuse_to_start_on_durable_storage_without_good_keys(string? key, string english, string chinese)
    {
        var keyPath = Path.Combine(Path.GetTempPath(), "caregrid-tests", Guid.NewGuid().ToString("N") + ".key");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        List<string> args =
        [
            "--no-seed", "--urls", "http://127.0.0.1:0", $"--Orleans:SiloPort={FreePorts.Next()}", $"--Orleans:GatewayPort={FreePorts.Next()}",
            $"--Auth:SigningKeyPath={keyPath}", "--Storage:Provider=AzureTable", "--Storage:ConnectionString=UseDevelopmentStorage=true",
        ];
        if (key is not null)
        {
            args.AddRange([$"--Webhooks:SecretKeys:k1={key}", "--Webhooks:CurrentSecretKey=k1"]);
        }

        var command = CareGridCommandLine.Parse([.. args], stdout, stderr);
        Assert.Null(command.ExitCode);
        var exitCode = await CareGridService.RunAsync(command.HostArgs, stderr).WaitAsync(TimeSpan.FromMinutes(2));
        File.Delete(keyPath);

        Assert.Equal(CareGridCommandLine.Failed, exitCode);
        var text = stderr.ToString();
        Assert.Contains(english, text, StringComparison.Ordinal);
        Assert.Contains(chinese, text, StringComparison.Ordinal);
        Assert.DoesNotContain("c2hvcnQta2V5", text, StringComparison.Ordinal);
    }
}
