using CareGrid.Grains.Statistics;

namespace CareGrid.Tests.Statistics;

/// <summary>The read side's JSON column of a case's facts (docs/statistics.md "Timeliness") round-trips exactly and stays under a table property's size.</summary>
[Trait("tier", "domain")]
public sealed class CaseFactsJsonShould
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 1, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void Round_trip_every_member_exactly()
    {
        var facts = CaseFactsSamples.Full(T0.AddTicks(7));
        Assert.Equal(facts, CaseFactsJson.Read(CaseFactsJson.Write(facts)));
        Assert.DoesNotContain("protocolPendingDue", CaseFactsJson.Write(facts), StringComparison.Ordinal);
    }

    [Fact]
    public void Keep_the_largest_facts_under_the_limit_of_a_table_string_property()
    {
        var largest = CaseFactsSamples.Largest(T0);
        var json = CaseFactsJson.Write(largest);
        Assert.Equal(largest, CaseFactsJson.Read(json));
        Assert.InRange(json.Length, 1, CaseFactsJson.MaxChars);
    }

    [Fact]
    public void Refuse_what_is_not_facts_json_with_a_clear_error()
    {
        Assert.Throws<InvalidDataException>(() => CaseFactsJson.Read("{\"reopenCount\": \"many\"}"));
    }
}
