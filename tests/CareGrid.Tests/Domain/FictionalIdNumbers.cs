namespace CareGrid.Tests.Domain;

/// <summary>
/// Fictional mainland resident identity numbers for tests (never real people's): region code 990000, which no province
/// uses (GB/T 2260 province codes run 11–82), a birth date and a sequence number, and the ISO 7064 MOD 11-2 check
/// character computed here independently of <c>ResidentIdNumber</c> (weight of position i = 2^(18−i) mod 11).
/// </summary>
internal static class FictionalIdNumbers
{
    /// <summary>The check character of 17 digits: (12 − Σ dᵢ·wᵢ mod 11) mod 11, 10 written X.</summary>
    public static char Check(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var weight = 1;
            for (var k = 0; k < 17 - i; k++)
            {
                weight = weight * 2 % 11;
            }

            sum += (first17[i] - '0') * weight;
        }

        var check = (12 - sum % 11) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    /// <summary>A valid fictional number: <c>990000</c>, <paramref name="birth"/> (<c>yyyyMMdd</c>), <paramref name="sequence"/> (3 digits), check.</summary>
    public static string Valid(string birth = "20130509", string sequence = "123")
    {
        var first17 = "990000" + birth + sequence;
        return first17 + Check(first17);
    }

    /// <summary>The same 17 digits with a wrong check character (a digit): 18 digits that are not an identity number.</summary>
    public static string WrongCheck(string birth = "20130509", string sequence = "123")
    {
        var valid = Valid(birth, sequence);
        var wrong = valid[^1] == '0' ? '1' : '0';
        return valid[..17] + wrong;
    }

    /// <summary>A valid fictional number whose check character is X (the first sequence number giving X).</summary>
    public static string EndingInX() =>
        Enumerable.Range(0, 1000).Select(s => Valid(sequence: s.ToString("000", System.Globalization.CultureInfo.InvariantCulture))).First(n => n[^1] == 'X');
}
