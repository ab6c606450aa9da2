using CareGrid.Grains.Idempotency;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>The optional <c>idempotencyKey</c> of creating and appending mutations (docs/idempotency.md).</summary>
public static class IdempotencyArguments
{
    /// <summary>The description every <c>idempotencyKey</c> argument and input field carries.</summary>
    public const string Description =
        "Optional idempotency key: 1–100 characters of A–Z a–z 0–9 . _ : - (a UUID fits), new for each intended write and sent again unchanged with "
        + "every retry of it (after UNAVAILABLE or a lost connection). A retry answers the first result without writing again; the same key with a "
        + "different request answers IDEMPOTENCY_KEY_REUSED (field idempotencyKey). Keys are per caller and remembered for 24 hours (docs/idempotency.md).";

    /// <summary>Adds the optional <c>idempotencyKey: String</c> argument to <paramref name="field"/>.</summary>
    public static FieldBuilder<TSource, TReturn> IdempotencyKeyArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<StringGraphType>(IdempotencyKey.Field, Description);

    /// <summary>The checked key of the <c>idempotencyKey</c> argument, or null; <c>VALIDATION_FAILED</c> (field <c>idempotencyKey</c>) when malformed.</summary>
    public static string? IdempotencyKeyArgument(this IResolveFieldContext context) =>
        IdempotencyKey.Check(context.GetArgument<string?>(IdempotencyKey.Field));

}
