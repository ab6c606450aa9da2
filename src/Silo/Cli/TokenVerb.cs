using System.CommandLine;
using CareGrid.GraphApi.Auth;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Silo.Cli;

/// <summary>
/// <c>token --role &lt;role&gt; [--tenant &lt;id&gt;] [--sub &lt;subject&gt;]</c>: prints a development token (signed with the local
/// key) alone on stdout. Exit codes: 0 printed, 2 bad usage (an unknown role, a tenant role without <c>--tenant</c>, a
/// malformed tenant id), each explained on stderr.
/// </summary>
public static class TokenVerb
{
    /// <summary>The <c>token</c> command; <paramref name="authOptions"/> reads the <c>Auth</c> section when a token is issued.</summary>
    public static Command Create(Func<AuthOptions> authOptions)
    {
        var tenant = new Option<string?>("--tenant")
        {
            Description = Bilingual.ChineseFirst("Tenant id (slug); required for every role but PlatformAdmin.", "租户标识；除 PlatformAdmin 外的角色都必须填写。"),
        };
        var role = new Option<string[]>("--role")
        {
            Description = Bilingual.ChineseFirst("Role, repeatable: " + string.Join(", ", Roles.All), "角色，可重复：" + string.Join("、", Roles.All)),
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var subject = new Option<string?>("--sub")
        {
            Description = Bilingual.ChineseFirst("The token's sub claim; default <role>@<tenant>.", "令牌的 sub（登录账号）；默认 <角色>@<租户>。"),
        };
        var token = new Command("token", Bilingual.ChineseFirst(
            "Print a development token (signed with the local key) alone on stdout.", "在标准输出上只打印一个开发令牌（用本地密钥签发）。"));
        token.Options.Add(tenant);
        token.Options.Add(role);
        token.Options.Add(subject);
        token.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (Request(parse.GetValue(role) ?? [], parse.GetValue(tenant), error) is not { } request)
            {
                return CareGridCommandLine.Usage;
            }

            var (roles, tenantId) = request;
            var sub = parse.GetValue(subject)
                ?? (tenantId is null ? roles[0].ToLowerInvariant() : $"{roles[0].ToLowerInvariant()}@{tenantId}");
            if (ReservedSubjects.IsReserved(sub))
            {
                error.WriteLine(ReservedSubjects.Explain(sub));
                return CareGridCommandLine.Usage;
            }

            DevelopmentTokens tokens;
            try
            {
                tokens = new DevelopmentTokens(authOptions(), TimeProvider.System);
            }
            catch (DevelopmentKeyFileException e)
            {
                error.WriteLine(e.Message);
                return CareGridCommandLine.Failed;
            }

            parse.InvocationConfiguration.Output.WriteLine(tokens.Issue(sub, tenantId, roles));
            return CareGridCommandLine.Ok;
        });
        return token;
    }

    private static (List<string> Roles, string? Tenant)? Request(string[] requested, string? tenantId, TextWriter error)
    {
        var roles = new List<string>();
        foreach (var r in requested)
        {
            if (Roles.Normalize(r) is not { } canonical)
            {
                error.WriteLine(Bilingual.ChineseFirst($"Unknown role '{r}'. Roles: {string.Join(", ", Roles.All)}.", $"未知角色“{r}”。可用的角色：{string.Join("、", Roles.All)}。"));
                return null;
            }

            roles.Add(canonical);
        }

        if (tenantId is null && !roles.All(r => r == Roles.PlatformAdmin))
        {
            error.WriteLine(Bilingual.ChineseFirst("--tenant is required for tenant roles (only --role PlatformAdmin needs none).", "租户角色必须填写 --tenant（只有 --role PlatformAdmin 不需要）。"));
            return null;
        }

        if (tenantId is not null && !TenantIds.IsValid(tenantId))
        {
            error.WriteLine(Bilingual.ChineseFirst($"'{tenantId}' is not a tenant id (3–63 of a-z, 0-9 and '-').", $"“{tenantId}”不是租户标识（3–63 个 a-z、0-9 或“-”）。"));
            return null;
        }

        return (roles, tenantId);
    }
}
