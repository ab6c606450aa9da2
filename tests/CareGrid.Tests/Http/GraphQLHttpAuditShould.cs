using Xunit.Abstractions;

namespace CareGrid.Tests.Http;

/// <summary>
/// The graphql-http audit (the GraphQL over HTTP specification's conformance checks) against the endpoint on a
/// real Kestrel server. Needs Node.js 20+; installs the pinned audit packages with 'npm ci' on first use.
/// </summary>
[Trait("tier", "api")]
public sealed class GraphQLHttpAuditShould(TestSchemaHostFixture fixture, ITestOutputHelper output)
    : IClassFixture<TestSchemaHostFixture>
{
    [Fact]
    public async Task PassEveryMustAndShould()
    {
        var result = await NodeAudit.RunAsync(fixture.Host.GraphQLUri, output.WriteLine);

        output.WriteLine(result.StandardOutput);
        if (result.StandardError.Length > 0)
        {
            output.WriteLine(result.StandardError);
        }

        Assert.True(
            result.ExitCode == 0,
            $"The graphql-http audit failed (exit code {result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
    }
}
