using CareGrid.Grains.Errors;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
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

    /// <summary>
    /// Replaces each declared person-id value sent to the field by the person id it names (see the type's summary). On a field
    /// whose person grain checks need-to-know (<see cref="NeedToKnow.Person"/>: <c>person(id)</c>, the person mutations, …) a
    /// value that names nobody answers exactly as a person outside the caller's need-to-know does —
    /// <see cref="NeedToKnowPolicy.PersonRefused"/> naming the value sent, audited as DENIED — so a caller cannot probe which
    /// ids (student numbers, resident id numbers) exist (round 16 red team F12); only a caller who may read every person
    /// (<see cref="NeedToKnowPolicy.ForPerson"/> with no facts: the system) gets the true not-found.
    /// </summary>
    /// <returns>For such a field, the value sent for each resolved person id (so the grain's refusal can name what was sent,
    /// <see cref="SameRefusal"/>); null otherwise.</returns>
    public static async ValueTask<IReadOnlyDictionary<string, string>?> ResolveAsync(IResolveFieldContext context)
    {
        var declared = context.FieldDefinition.DeclaredPersonIds();
        if (declared.Count == 0 || context.Caller().Tenant?.Id is not { } tenant || context.Arguments is not { } arguments)
        {
            return null;
        }

        var sentFor = Guarded(context) ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
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

            Task<string> Resolve(string value) => ResolveOneAsync(grains, readModel, tenant, argument, parts[^1], value, sentFor);
        }

        return sentFor;
    }

    /// <summary>True when the field's person grain checks need-to-know and the caller may not read every person (F12).</summary>
    private static bool Guarded(IResolveFieldContext context) =>
        context.FieldDefinition.AccessRule()?.NeedToKnow == NeedToKnow.Person && context.Caller().Actor is { } actor
        && NeedToKnowPolicy.ForPerson(actor, new PersonAccessFacts()) == NeedToKnowPath.None;

    /// <summary>
    /// The person id <paramref name="value"/> names. Unguarded (<paramref name="sentFor"/> null): as <see cref="PersonIdArgument.Missing"/>
    /// says when it names nobody. Guarded: the need-to-know refusal when it names nobody (F12), else noted in <paramref name="sentFor"/>.
    /// </summary>
    private static async Task<string> ResolveOneAsync(IGrainFactory grains, IReadModelStore readModel, string tenant, PersonIdArgument argument,
        string field, string value, Dictionary<string, string>? sentFor)
    {
        if (sentFor is null)
        {
            return argument.Missing == PersonIdMissing.NotFound
                ? await PersonIds.ResolveExistingAsync(grains, readModel, tenant, value, field)
                : await PersonIds.ResolveAsync(grains, readModel, tenant, value, field) ?? value;
        }

        var id = await PersonIds.ResolveAsync(grains, readModel, tenant, value, field)
            ?? throw NeedToKnowPolicy.PersonRefused(PersonIds.RefusalClip(value)); // as for a person outside need-to-know (F12)
        sentFor[id] = value;
        return id;
    }

    /// <summary>
    /// The refusal to answer instead of <paramref name="refused"/>: when it is the person grain's need-to-know refusal of a
    /// person resolved from another value sent (an external id), the same refusal naming the value sent — what a value that
    /// names nobody answers (<see cref="ResolveAsync"/>), so neither the id nor the existence leaks; else null (keep it).
    /// </summary>
    public static CareGridException? SameRefusal(CareGridException refused, IReadOnlyDictionary<string, string>? sentFor)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return sentFor is not null && refused.Code == ErrorCodes.Forbidden
            && refused.Details.TryGetValue("rule", out var rule) && rule == "need-to-know"
            && refused.Details.TryGetValue("entity", out var entity) && entity == "Person"
            && refused.Details.TryGetValue("id", out var id) && sentFor.TryGetValue(id, out var sent) && sent != id
                ? NeedToKnowPolicy.PersonRefused(PersonIds.RefusalClip(sent))
                : null;
    }

    private static bool Applies(PersonIdArgument argument, IDictionary<string, ArgumentValue> arguments) =>
        argument.OnlyWhenArgument is null
        || (arguments.TryGetValue(argument.OnlyWhenArgument, out var when)
            && string.Equals(when.Value?.ToString()?.Replace("_", ""), argument.OnlyWhenValue?.Replace("_", ""), StringComparison.OrdinalIgnoreCase));
}
