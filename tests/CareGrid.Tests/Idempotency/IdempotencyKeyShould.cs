using CareGrid.Grains.Errors;
using CareGrid.Grains.Idempotency;

namespace CareGrid.Tests.Idempotency;

/// <summary>The idempotency key's rules and the bounded set of remembered writes (docs/idempotency.md), without a silo.</summary>
[Trait("tier", "domain")]
public sealed class IdempotencyKeyShould
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("a")]
    [InlineData("0b9c1c8e-5a7e-4a7b-9e1f-3f0f3c2b1a00")]
    [InlineData("report:2026-03-02.teacher_7")]
    public void Accept_keys_of_the_safe_alphabet(string key) => Assert.Equal(key, IdempotencyKey.Check(key));

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/key")]
    [InlineData("ключ")]
    [InlineData("x\n")]
    public void Refuse_other_characters_with_the_field(string key)
    {
        var error = Assert.Throws<CareGridException>(() => IdempotencyKey.Check(key));
        Assert.Equal((ErrorCodes.ValidationFailed, "idempotencyKey"), (error.Code, error.Details["field"]));
    }

    [Fact]
    public void Accept_100_characters_and_refuse_101_and_empty_and_treat_only_null_as_none()
    {
        Assert.NotNull(IdempotencyKey.Check(new string('k', 100)));
        Assert.Throws<CareGridException>(() => IdempotencyKey.Check(new string('k', 101)));
        foreach (var blank in new[] { "", " ", "\t", "\u3000" })
        {
            var error = Assert.Throws<CareGridException>(() => IdempotencyKey.Check(blank));
            Assert.Equal((ErrorCodes.ValidationFailed, "idempotencyKey"), (error.Code, error.Details["field"]));
        }

        Assert.Null(IdempotencyKey.Check(null));
    }

    [Fact]
    public void Derive_one_id_per_tenant_caller_and_key()
    {
        var id = IdempotencyKey.DeriveId("case", "school-a", "t1@school-a", "k-1");
        Assert.Equal(id, IdempotencyKey.DeriveId("case", "school-a", "t1@school-a", "k-1"));
        Assert.Matches("^case-k[0-9a-f]{32}$", id);
        Assert.NotEqual(id, IdempotencyKey.DeriveId("case", "school-b", "t1@school-a", "k-1"));
        Assert.NotEqual(id, IdempotencyKey.DeriveId("case", "school-a", "t2@school-a", "k-1"));
        Assert.NotEqual(id, IdempotencyKey.DeriveId("case", "school-a", "t1@school-a", "k-2"));
    }

    [Fact]
    public void Fingerprint_equal_requests_equally_and_different_ones_differently()
    {
        Assert.Equal(IdempotencyKey.Fingerprint("logContact", "Phone", 10, null), IdempotencyKey.Fingerprint("logContact", "Phone", 10, null));
        Assert.NotEqual(IdempotencyKey.Fingerprint("logContact", "Phone", 10, null), IdempotencyKey.Fingerprint("logContact", "Phone", 11, null));
        Assert.NotEqual(IdempotencyKey.Fingerprint("logContact", "a", "b"), IdempotencyKey.Fingerprint("logContact", "a\nb"));
        Assert.NotEqual(IdempotencyKey.Fingerprint("logContact", 1), IdempotencyKey.Fingerprint("scheduleFollowUp", 1));
    }

    [Fact]
    public void Tell_a_replay_from_a_reuse_and_keep_callers_apart()
    {
        var writes = RememberedWrites.Add(null, new RememberedWrite("t1", "k", "fp-1", T0), T0);
        Assert.Equal(KeyMatch.Replay, RememberedWrites.Find(writes, "t1", "k", "fp-1").Match);
        Assert.Equal(KeyMatch.Reused, RememberedWrites.Find(writes, "t1", "k", "fp-2").Match);
        Assert.Equal(KeyMatch.None, RememberedWrites.Find(writes, "t2", "k", "fp-2").Match);
        Assert.Equal(KeyMatch.None, RememberedWrites.Find(writes, "t1", "other", "fp-1").Match);
    }

    [Fact]
    public void Keep_at_most_64_keys_and_none_older_than_24_hours()
    {
        List<RememberedWrite>? writes = null;
        for (var i = 0; i < 100; i++)
        {
            writes = RememberedWrites.Add(writes, new RememberedWrite("t1", $"k{i}", "fp", T0.AddMinutes(i)), T0.AddMinutes(i));
        }

        Assert.Equal(RememberedWrites.MaxCount, writes!.Count);
        Assert.Equal("k36", writes[0].Key);
        Assert.Equal(KeyMatch.None, RememberedWrites.Find(writes, "t1", "k35", "fp").Match);

        var later = T0.AddMinutes(99) + RememberedWrites.Window - TimeSpan.FromMinutes(10);
        writes = RememberedWrites.Add(writes, new RememberedWrite("t1", "late", "fp", later), later);
        Assert.All(writes, w => Assert.True(later - w.At <= RememberedWrites.Window));
        Assert.Equal(["k89", "k90"], writes.Take(2).Select(w => w.Key));
    }

    [Fact]
    public void Replay_a_create_only_for_the_same_caller_key_and_request()
    {
        var createdBy = new RememberedWrite("t1", "k", "fp-1", T0);
        Assert.True(RememberedWrites.Replays(createdBy, "t1", "k", "fp-1", "registerPerson"));
        Assert.False(RememberedWrites.Replays(createdBy, "t2", "k", "fp-1", "registerPerson"));
        Assert.False(RememberedWrites.Replays(null, "t1", "k", "fp-1", "registerPerson"));
        Assert.False(RememberedWrites.Replays(createdBy, "t1", null, "fp-1", "registerPerson"));
        var error = Assert.Throws<CareGridException>(() => RememberedWrites.Replays(createdBy, "t1", "k", "fp-2", "registerPerson"));
        Assert.Equal((ErrorCodes.IdempotencyKeyReused, "idempotencyKey"), (error.Code, error.Details["field"]));
    }
}
