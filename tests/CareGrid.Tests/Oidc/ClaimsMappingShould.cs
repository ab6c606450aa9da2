using System.Security.Claims;
using CareGrid.GraphApi.Auth;

namespace CareGrid.Tests.Oidc;

/// <summary>
/// The rules of <see cref="ClaimsMapping"/> (docs/oidc.md "Claims") on principals as the JWT handler builds them (one claim
/// per array element): configured source claims become <c>sub</c>, <c>tenant</c> and <c>role</c>; value maps translate and,
/// when set, filter; a token cannot bring CareGrid's own claim names past the mapping; a token without a subject, or with
/// two tenants, is unusable.
/// </summary>
[Trait("tier", "domain")]
public sealed class ClaimsMappingShould
{
    private static ClaimsPrincipal Token(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "AuthenticationTypes.Federation"));

    private static AuthOptions EntraLike() => new()
    {
        SubjectClaim = "oid",
        TenantClaim = "tid",
        RoleClaim = "roles",
        TenantMap = new(StringComparer.Ordinal) { ["9b1f0e4c-0000-4000-8000-000000000001"] = "demo-school" },
    };

    [Fact]
    public void Keep_the_default_claims_as_they_are()
    {
        var mapped = new ClaimsMapping(new AuthOptions()).Map(Token(("sub", "u1"), ("tenant", "demo-school"), ("role", "Counsellor"), ("role", "Auditor")), out var failure);

        Assert.Null(failure);
        Assert.Equal("u1", mapped!.FindFirst(ClaimNames.Subject)!.Value);
        Assert.Equal("demo-school", mapped.FindFirst(ClaimNames.Tenant)!.Value);
        Assert.Equal(["Counsellor", "Auditor"], mapped.FindAll(ClaimNames.Role).Select(c => c.Value));
    }

    [Fact]
    public void Read_subject_tenant_and_roles_from_the_configured_claims_and_drop_smuggled_ones()
    {
        var token = Token(("oid", "object-1"), ("sub", "pairwise-xyz"), ("tid", "9b1f0e4c-0000-4000-8000-000000000001"),
            ("tenant", "other-school"), ("roles", "Clinician"), ("role", "PlatformAdmin"), ("name", "A. Person"));

        var mapped = new ClaimsMapping(EntraLike()).Map(token, out _)!;

        Assert.Equal(["object-1"], mapped.FindAll(ClaimNames.Subject).Select(c => c.Value));
        Assert.Equal(["demo-school"], mapped.FindAll(ClaimNames.Tenant).Select(c => c.Value));
        Assert.Equal(["Clinician"], mapped.FindAll(ClaimNames.Role).Select(c => c.Value));
        Assert.Equal("A. Person", mapped.FindFirst("name")!.Value);
        Assert.Equal("object-1", mapped.Identity!.Name);
    }

    [Fact]
    public void Translate_roles_through_the_map_and_ignore_unmapped_values()
    {
        var options = new AuthOptions { RoleClaim = "groups", RoleMap = new(StringComparer.Ordinal) { ["cg-counsellors"] = "Counsellor", ["cg-admins"] = "TenantAdmin" } };

        var mapped = new ClaimsMapping(options).Map(Token(("sub", "u1"), ("groups", "cg-counsellors"), ("groups", "Counsellor"), ("groups", "CG-ADMINS"), ("groups", "everyone")), out _)!;

        Assert.Equal(["Counsellor"], mapped.FindAll(ClaimNames.Role).Select(c => c.Value));
    }

    [Fact]
    public void Give_no_tenant_for_an_unmapped_tenant_value()
    {
        var mapped = new ClaimsMapping(EntraLike()).Map(Token(("oid", "o1"), ("tid", "another-directory"), ("roles", "Counsellor")), out _)!;

        Assert.Null(mapped.FindFirst(ClaimNames.Tenant));
    }

    [Theory]
    [InlineData("tid", "t1")]
    [InlineData("oid", " ")]
    public void Refuse_a_token_without_a_subject(string type, string value)
    {
        var mapped = new ClaimsMapping(new AuthOptions { SubjectClaim = "oid" }).Map(Token((type, value), ("role", "Counsellor")), out var failure);

        Assert.Null(mapped);
        Assert.Equal("The token has no 'oid' claim (Auth:SubjectClaim names the claim that holds the user's id).", failure);
    }

    [Fact]
    public void Refuse_a_token_for_two_tenants()
    {
        var mapped = new ClaimsMapping(new AuthOptions()).Map(Token(("sub", "u1"), ("tenant", "demo-school"), ("tenant", "other-school")), out var failure);

        Assert.Null(mapped);
        Assert.Contains("names 2 tenants in 'tenant'", failure, StringComparison.Ordinal);
    }

    /// <summary>Round-31 red team: an identity provider whose subject claim a user can choose (a username) must not yield a queue's name.</summary>
    [Theory]
    [InlineData("queue:level-3")]
    [InlineData("Queue:Supervisor")]
    [InlineData("system")]
    public void Refuse_a_token_whose_subject_is_reserved(string subject)
    {
        var mapped = new ClaimsMapping(new AuthOptions { SubjectClaim = "preferred_username" }).Map(
            Token(("preferred_username", subject), ("tenant", "demo-school"), ("role", "Caseworker")), out var failure);

        Assert.Null(mapped);
        Assert.Contains("is reserved", failure, StringComparison.Ordinal);
    }
}
