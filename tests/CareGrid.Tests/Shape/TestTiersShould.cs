using System.Reflection;

namespace CareGrid.Tests.Shape;

/// <summary>
/// Every test class names its tier (docs/testing.md), so <c>dotnet test --filter tier=domain</c> and the other tiers
/// select what they promise: <c>domain</c> (no silo, no HTTP), <c>grains</c> (the Orleans test cluster), <c>api</c> (HTTP
/// through a test host), <c>durable</c> (real silo processes or Azurite), <c>browser</c> (the web console in Chromium
/// against a real silo process).
/// </summary>
[Trait("tier", "domain")]
public sealed class TestTiersShould
{
    /// <summary>The tiers a test class may name in <c>[Trait("tier", …)]</c>.</summary>
    public static readonly string[] Tiers = ["domain", "grains", "api", "durable", "browser"];

    [Fact]
    public void Put_exactly_one_known_tier_on_every_test_class()
    {
        var wrong = typeof(TestTiersShould).Assembly.GetTypes()
            .Where(type => type.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(method => method.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .Select(type => (type.FullName, Tiers: TiersOf(type)))
            .Where(t => t.Tiers.Length != 1 || !Tiers.Contains(t.Tiers[0]))
            .Select(t => $"  {t.FullName}: [{string.Join(", ", t.Tiers)}]")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(wrong.Count == 0,
            $"Test classes without exactly one tier of {string.Join(", ", Tiers)}:" + Environment.NewLine + string.Join(Environment.NewLine, wrong));
    }

    private static string[] TiersOf(Type type) =>
        type.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "tier")
            .Select(a => (string)a.ConstructorArguments[1].Value!)
            .ToArray();
}
