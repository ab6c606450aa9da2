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
/// <param name="WholeTenantRoles">Roles that may name any person of the tenant in this argument, so they get the true
/// not-found; every other caller may name only a person of their units, and an id that names nobody answers as one outside
/// them (<see cref="PersonUnitRefusal"/>, red team RT17-3). On a <see cref="NeedToKnow.Unit"/> field (which guards every
/// person-id argument so) the exception: level-3 staff naming a known caller of the line (<c>logCall</c>). On any other
/// field it makes this argument so guarded for callers without those roles: the person of a concern reported by a
/// report-only caller (<c>reportConcern</c>, <c>convertCallToConcern</c>: every role but case staff and Volunteer). Null:
/// none (and on a field that is not Unit, no guard).</param>
/// <param name="Report">True when the argument names the person a concern is about: the refusal then says the report was
/// not taken and to check the number with the school office (<see cref="PersonUnitRefusal.OfReport"/>).</param>
public sealed record PersonIdArgument(string Path, PersonIdMissing Missing, string? OnlyWhenArgument = null, string? OnlyWhenValue = null,
    IReadOnlyList<string>? WholeTenantRoles = null, bool Report = false);

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

    /// <summary>Declares <paramref name="path"/> a person-id argument of the field (the parameters: <see cref="PersonIdArgument"/>).</summary>
    public static FieldBuilder<TSource, TReturn> TakesPersonId<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, string path,
        PersonIdMissing missing = PersonIdMissing.NotFound, string? onlyWhenArgument = null, string? onlyWhenValue = null,
        IReadOnlyList<string>? wholeTenantRoles = null, bool report = false)
    {
        var list = new List<PersonIdArgument>(field.FieldType.DeclaredPersonIds()) { new(path, missing, onlyWhenArgument, onlyWhenValue, wholeTenantRoles, report) };
        field.FieldType.WithMetadata(Key, (IReadOnlyList<PersonIdArgument>)list);
        return field;
    }

    /// <summary>The person-id arguments declared on <paramref name="field"/> (empty when none).</summary>
    public static IReadOnlyList<PersonIdArgument> DeclaredPersonIds(this FieldType field) =>
        field.GetMetadata<IReadOnlyList<PersonIdArgument>?>(Key) ?? [];

    /// <summary>
    /// Replaces each declared person-id value sent to the field by the person id it names (see the type's summary). On a field
    /// that guards existence (<see cref="SentPersonIds.Of"/>) a value that names nobody answers exactly as a person outside the
    /// caller's need-to-know does, naming the value sent, audited as DENIED, so a caller cannot probe which ids (student
    /// numbers, resident id numbers) exist: on a <see cref="NeedToKnow.Person"/> field (<c>person(id)</c>, the person
    /// mutations, …) <see cref="NeedToKnowPolicy.PersonRefused"/> (round 16 red team F12), and only a caller who may read every
    /// person (the system) gets the true not-found; on a <see cref="NeedToKnow.Unit"/> field (visits, family contacts, census,
    /// appointment requests, a known caller, a mailbox conversion) <see cref="PersonUnitRefusal"/>, for a person outside the
    /// caller's units too, checked here before anything else of the field (red team RT17-3), and only a caller whose scope
    /// is the whole tenant (or who holds the argument's <see cref="PersonIdArgument.WholeTenantRoles"/>) gets the true not-found.
    /// </summary>
    /// <returns>For such a field, the value sent for each resolved person id (so the grain's refusal can name what was sent,
    /// <see cref="SameRefusal"/>); null otherwise.</returns>
    public static async ValueTask<SentPersonIds?> ResolveAsync(IResolveFieldContext context)
    {
        var declared = context.FieldDefinition.DeclaredPersonIds();
        if (declared.Count == 0 || context.Caller().Tenant?.Id is not { } tenant || context.Arguments is not { } arguments)
        {
            return null;
        }

        var sentFor = SentPersonIds.Of(context);
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

            Task<string> Resolve(string value) => ResolveOneAsync(context, grains, readModel, tenant, argument, parts[^1], value, sentFor);
        }

        return sentFor;
    }

    /// <summary>
    /// The person id <paramref name="value"/> names. Unguarded (<paramref name="sentFor"/> null, or the argument not guarded
    /// for this caller): as <see cref="PersonIdArgument.Missing"/> says when it names nobody. Guarded:
    /// <see cref="SentPersonIds.ResolveAsync"/> (the refusal when it names nobody, or for a Unit field a person outside the
    /// caller's units; else noted in <paramref name="sentFor"/>).
    /// </summary>
    private static async Task<string> ResolveOneAsync(IResolveFieldContext context, IGrainFactory grains, IReadModelStore readModel, string tenant,
        PersonIdArgument argument, string field, string value, SentPersonIds? sentFor)
    {
        if (sentFor is not null && await sentFor.GuardsAsync(argument, grains, tenant))
        {
            return await sentFor.ResolveAsync(context, grains, readModel, tenant, argument, field, value);
        }

        return argument.Missing == PersonIdMissing.NotFound
            ? await PersonIds.ResolveExistingAsync(grains, readModel, tenant, value, field)
            : await PersonIds.ResolveAsync(grains, readModel, tenant, value, field) ?? value;
    }

    /// <summary>
    /// The refusal to answer instead of <paramref name="refused"/> when it is the grain's need-to-know refusal of a person
    /// resolved from a guarded argument (<see cref="ResolveAsync"/>), so neither the person id nor existence leaks: on a
    /// Person field, when the value sent was not the person id (an external id), <see cref="NeedToKnowPolicy.PersonRefused"/>
    /// naming the value sent; on a Unit field always <see cref="PersonUnitRefusal"/> naming the value sent and its argument
    /// (the one answer of an id that names nobody). Null otherwise (keep <paramref name="refused"/>).
    /// </summary>
    public static CareGridException? SameRefusal(CareGridException refused, SentPersonIds? sentFor)
    {
        ArgumentNullException.ThrowIfNull(refused);
        if (sentFor is null || !PersonUnitRefusal.IsPersonNeedToKnow(refused)
            || !refused.Details.TryGetValue("id", out var id) || !sentFor.TryGetSent(id, out var sent))
        {
            return null;
        }

        return sentFor.Rule == NeedToKnow.Unit
            ? SentPersonIds.UnitRefusal(PersonIds.RefusalClip(sent.Sent), sent.Field, sent.Report, refused.Details.TryGetValue("scope", out var scope) && scope == "unassigned")
            : sent.Sent != id ? NeedToKnowPolicy.PersonRefused(PersonIds.RefusalClip(sent.Sent)) : null;
    }

    private static bool Applies(PersonIdArgument argument, IDictionary<string, ArgumentValue> arguments) =>
        argument.OnlyWhenArgument is null
        || (arguments.TryGetValue(argument.OnlyWhenArgument, out var when)
            && string.Equals(when.Value?.ToString()?.Replace("_", ""), argument.OnlyWhenValue?.Replace("_", ""), StringComparison.OrdinalIgnoreCase));
}
