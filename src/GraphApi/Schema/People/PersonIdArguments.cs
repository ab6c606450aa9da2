using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Execution;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>What a person-id argument does when its value names nobody.</summary>
public enum PersonIdMissing
{
    /// <summary><c>NOT_FOUND</c> naming the value (every mutation and export).</summary>
    NotFound,

    /// <summary>The value is passed on unchanged (a lookup answering null, a list filter answering no rows).</summary>
    Keep,
}

/// <summary>One declared person-id argument of a field.</summary>
/// <param name="Path">The argument (<c>personId</c>; a list argument such as <c>toPersonIds</c> has each item resolved) or an input field (<c>input.personId</c>, <c>filter.person</c>).</param>
/// <param name="Missing">What a value naming nobody does.</param>
/// <param name="OnlyWhenArgument">With <paramref name="OnlyWhenValue"/>: the argument is a person id only when this argument has that enum value (breakTheGlass entity PERSON).</param>
/// <param name="OnlyWhenValue">The enum value (compared case-insensitively, ignoring '_').</param>
public sealed record PersonIdArgument(string Path, PersonIdMissing Missing, string? OnlyWhenArgument = null, string? OnlyWhenValue = null);

/// <summary>
/// Declares which arguments of a field name a person, so that each accepts the person id or the external id the tenant
/// knows (docs/api.md, "External ids"). <see cref="FieldAccessMiddleware"/> calls <see cref="ResolveAsync"/> after the role
/// check and before the resolver: each declared value is replaced by the resolved person id (<see cref="PersonIds"/>), so
/// the resolver, the grain's need-to-know check and the audit record (READ, WRITE or DENIED) all see the person id.
/// A nested path needs its input type to keep the sent dictionary (<see cref="TypedInputType{TInput}"/>).
/// </summary>
public static class PersonIdArguments
{
    /// <summary>Metadata key of the declared list.</summary>
    public const string Key = "caregrid:person-ids";

    /// <summary>Declares <paramref name="path"/> a person-id argument of the field.</summary>
    public static FieldBuilder<TSource, TReturn> TakesPersonId<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string path,
        PersonIdMissing missing = PersonIdMissing.NotFound, string? onlyWhenArgument = null, string? onlyWhenValue = null)
    {
        var list = new List<PersonIdArgument>(field.FieldType.DeclaredPersonIds()) { new(path, missing, onlyWhenArgument, onlyWhenValue) };
        field.FieldType.WithMetadata(Key, (IReadOnlyList<PersonIdArgument>)list);
        return field;
    }

    /// <summary>The person-id arguments declared on <paramref name="field"/> (empty when none).</summary>
    public static IReadOnlyList<PersonIdArgument> DeclaredPersonIds(this FieldType field) =>
        field.GetMetadata<IReadOnlyList<PersonIdArgument>?>(Key) ?? [];

    /// <summary>Replaces each declared person-id value sent to the field by the person id it names (see the type's summary).</summary>
    public static async ValueTask ResolveAsync(IResolveFieldContext context)
    {
        var declared = context.FieldDefinition.DeclaredPersonIds();
        if (declared.Count == 0 || context.Caller().Tenant?.Id is not { } tenant || context.Arguments is not { } arguments)
        {
            return;
        }

        var grains = context.RequestServices!.GetRequiredService<IGrainFactory>();
        var readModel = context.RequestServices!.GetRequiredService<IReadModelStore>();
        foreach (var argument in declared)
        {
            if (!Applies(argument, arguments))
            {
                continue;
            }

            var parts = argument.Path.Split('.');
            if (!arguments.TryGetValue(parts[0], out var sent) || sent.Value is null || sent.Source == ArgumentSource.FieldDefault)
            {
                continue;
            }

            if (parts.Length == 1 && sent.Value is not string && sent.Value is IEnumerable<object?> many)
            {
                var resolved = new List<object?>();
                foreach (var one in many)
                {
                    resolved.Add(one is null ? null : await Resolve(one.ToString()!));
                }

                arguments[parts[0]] = new ArgumentValue(resolved, sent.Source);
                continue;
            }

            if (parts.Length == 1)
            {
                arguments[parts[0]] = new ArgumentValue(await Resolve(sent.Value.ToString()!), sent.Source);
                continue;
            }

            var input = sent.Value as IDictionary<string, object?>
                ?? throw new InvalidOperationException($"{context.FieldDefinition.Name}: input '{parts[0]}' must keep its dictionary (TypedInputType) for {argument.Path}.");
            if (input.TryGetValue(parts[1], out var nested) && nested is not null)
            {
                input[parts[1]] = await Resolve(nested.ToString()!);
            }

            async Task<string> Resolve(string value) => argument.Missing == PersonIdMissing.NotFound
                ? await PersonIds.ResolveExistingAsync(grains, readModel, tenant, value, parts[^1])
                : await PersonIds.ResolveAsync(grains, readModel, tenant, value, parts[^1]) ?? value;
        }
    }

    private static bool Applies(PersonIdArgument argument, IDictionary<string, ArgumentValue> arguments) =>
        argument.OnlyWhenArgument is null
        || (arguments.TryGetValue(argument.OnlyWhenArgument, out var when)
            && string.Equals(when.Value?.ToString()?.Replace("_", ""), argument.OnlyWhenValue?.Replace("_", ""), StringComparison.OrdinalIgnoreCase));
}
