using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.People.Domain;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Tests.Domain;

/// <summary>One open case per person (R-1.5, docs/idempotency.md) on <see cref="OpenCaseRegistry"/>, without a silo.</summary>
[Trait("tier", "domain")]
public sealed class OpenCaseRegistryShould
{
    private static readonly DateTimeOffset Now = new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero);

    private static ConcernClaim Claim(string proposed, string? key = null, bool separate = false, string? stale = null) =>
        new(proposed, "homeroom", key, key is null ? null : "fp-" + proposed, separate, stale);

    [Fact]
    public void Send_a_concern_to_the_open_case_unless_a_separate_case_is_asked_for()
    {
        var state = new PersonState { Exists = true, OpenCasesKnown = true };
        var registry = new OpenCaseRegistry(state, Now);
        Assert.Equal((new ConcernTarget("case-1", true, null), true), registry.Claim(Claim("case-1"), null));
        Assert.Equal((new ConcernTarget("case-1", false, null), false), registry.Claim(Claim("case-2"), null));
        Assert.Equal((new ConcernTarget("case-3", true, "case-1"), true), registry.Claim(Claim("case-3", separate: true), null));
        Assert.Equal(new[] { "case-1", "case-3" }, state.OpenCaseIds!);

        Assert.True(registry.Release("case-1"));
        Assert.Equal(new ConcernTarget("case-3", false, null), registry.Claim(Claim("case-4"), null).Target);
    }

    [Fact]
    public void Learn_the_open_cases_reported_before_the_registry_once_oldest_first()
    {
        var state = new PersonState { Exists = true };
        var registry = new OpenCaseRegistry(state, Now);
        Assert.True(registry.NeedsLearning);
        CaseRow Row(string id, int day) => new("t", id, "p", null, CaseStatus.Triage, RiskLevel.Low, 1, null, Now.AddDays(day), Now.AddDays(day));
        var (target, save) = registry.Claim(Claim("case-new"), [Row("case-late", -1), Row("case-early", -5)]);
        Assert.Equal((new ConcernTarget("case-early", false, null), true), (target, save));
        Assert.False(registry.NeedsLearning);
    }

    [Fact]
    public void Answer_a_retried_keyed_claim_with_the_same_case_and_refuse_the_key_on_another_request()
    {
        var state = new PersonState { Exists = true, OpenCasesKnown = true };
        var registry = new OpenCaseRegistry(state, Now);
        registry.Claim(Claim("case-1", key: "k1"), null);
        Assert.Equal((new ConcernTarget("case-1", true, null), false), registry.Claim(Claim("case-1", key: "k1"), null));
        var reused = Assert.Throws<CareGridException>(() => registry.Claim(Claim("case-9", key: "k1"), null));
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Code);
    }

    [Fact]
    public void Refuse_a_separate_case_past_the_most_open_cases_and_still_join_a_concern_to_the_open_case()
    {
        // Round-34 re-check: 50 separate cases under aliases on one person, each id kept in the person's state.
        var state = new PersonState { Exists = true, OpenCasesKnown = true };
        var registry = new OpenCaseRegistry(state, Now);
        for (var i = 0; i < OpenCaseRegistry.MaxOpenCases; i++)
        {
            registry.Claim(Claim($"case-{i}", separate: true), null);
        }

        var refused = Assert.Throws<CareGridException>(() => registry.Claim(Claim("case-x", separate: true), null));
        Assert.Equal((ErrorCodes.ValidationFailed, "separateCase"), (refused.Code, refused.Details["field"]));
        Assert.Contains("另开个案", refused.Message, StringComparison.Ordinal);
        Assert.Equal(OpenCaseRegistry.MaxOpenCases, state.OpenCaseIds!.Count);
        Assert.Equal(new ConcernTarget("case-0", false, null), registry.Claim(Claim("case-y"), null).Target);

        // A claim whose stale case closed meanwhile makes room for one.
        Assert.True(registry.Claim(Claim("case-z", separate: true, stale: "case-3"), null).Target.Opens);
    }
}
