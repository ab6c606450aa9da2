using CareGrid.Grains.Mailbox;

namespace CareGrid.Tests.Domain.Mailbox;

/// <summary>Claim codes of the worry mailbox (R-5.2, docs/mailbox.md "Claim codes").</summary>
[Trait("tier", "domain")]
public sealed class ClaimCodesShould
{
    [Fact]
    public void Carry_at_least_128_random_bits_in_the_secret()
    {
        var code = ClaimCodes.Issue();
        Assert.True(code.Secret.Length * 5 >= 128);
        Assert.Equal(ClaimCodes.SecretLength, code.Secret.Length);
        Assert.Equal(ClaimCodes.LocatorLength, code.Locator.Length);
        Assert.All(code.Locator + code.Secret, c => Assert.Contains(c, ClaimCodes.Alphabet));
    }

    [Fact]
    public void Differ_each_time()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => ClaimCodes.Issue().ToString()).ToHashSet();
        Assert.Equal(1000, codes.Count);
    }

    [Fact]
    public void Read_back_as_typed_in_lower_case_with_spaces_and_look_alike_letters()
    {
        var code = new ClaimCode("0123456789AB", "CDEFGHJKMNPQRSTVWXYZ011111");
        var typed = code.ToString().ToLowerInvariant().Replace("-", " ").Replace('0', 'o').Replace('1', 'l');
        Assert.Equal(code, ClaimCodes.Parse(typed));
        Assert.Equal(code, ClaimCodes.Parse(code.ToString()));
        Assert.Equal("wm-0123456789ab", code.ThreadId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCD")]
    [InlineData("0123456789ABCDEFGHJKMNPQRSTVWXYZ0111110")]
    [InlineData("0123456789ABCDEFGHJKMNPQRSTVWXYZ01111U")]
    [InlineData("0123456789AB'; DROP TABLE--CDEFGHJKMNPQ")]
    public void Refuse_what_is_not_38_symbols_of_the_alphabet(string? text) => Assert.Null(ClaimCodes.Parse(text));

    [Fact]
    public void Match_only_the_secret_under_its_own_salt()
    {
        var code = ClaimCodes.Issue();
        var salt = ClaimCodes.NewSalt();
        var hash = ClaimCodes.Hash(salt, code.Secret);
        Assert.True(ClaimCodes.Matches(salt, hash, code.Secret));
        Assert.False(ClaimCodes.Matches(salt, hash, ClaimCodes.Issue().Secret));
        Assert.False(ClaimCodes.Matches(ClaimCodes.NewSalt(), hash, code.Secret));
        Assert.NotEqual(hash, ClaimCodes.Hash(ClaimCodes.NewSalt(), code.Secret));
        Assert.Equal(32, hash.Length);
    }
}
