using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// The person-id arguments of one request to a field that guards existence (<see cref="PersonIdArguments.ResolveAsync"/>):
/// the field's need-to-know rule, the caller's organization scope when the rule is <see cref="NeedToKnow.Unit"/> (looked
/// up once, when first needed) and, for each resolved person id, the value the caller sent and the argument it came in —
/// so a refusal from the grain names what was sent (<see cref="PersonIdArguments.SameRefusal"/>).
/// </summary>
public sealed class SentPersonIds
{
    private readonly Dictionary<string, (string Sent, string Field, bool Report)> _sent = new(StringComparer.Ordinal);
    private readonly bool _fieldWide;
    private StaffScope? _scope;

    private SentPersonIds(NeedToKnow rule, Actor actor, bool fieldWide = true)
    {
        Rule = rule;
        Actor = actor;
        _fieldWide = fieldWide;
    }

    /// <summary><see cref="NeedToKnow.Person"/> (the person grain checks need-to-know by case) or <see cref="NeedToKnow.Unit"/> (the person's unit must be in the caller's scope).</summary>
    public NeedToKnow Rule { get; }

    /// <summary>The caller.</summary>
    public Actor Actor { get; }

    /// <summary>
    /// The guard of <paramref name="context"/>'s field, or null when it guards nothing: a field whose rule is neither
    /// <see cref="NeedToKnow.Person"/> nor <see cref="NeedToKnow.Unit"/> and none of whose person-id arguments declares
    /// <see cref="PersonIdArgument.WholeTenantRoles"/>, or a Person field called by someone need-to-know opens every person
    /// to (<see cref="NeedToKnowPolicy.ForPerson"/> with no facts: the system).
    /// </summary>
    public static SentPersonIds? Of(IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Caller().Actor is not { } actor)
        {
            return null;
        }

        return context.FieldDefinition.AccessRule()?.NeedToKnow switch
        {
            NeedToKnow.Person when NeedToKnowPolicy.ForPerson(actor, new PersonAccessFacts()) == NeedToKnowPath.None => new(NeedToKnow.Person, actor),
            NeedToKnow.Unit => new(NeedToKnow.Unit, actor),
            _ when context.FieldDefinition.DeclaredPersonIds().Any(a => a.WholeTenantRoles is not null) => new(NeedToKnow.Unit, actor, fieldWide: false),
            _ => null,
        };
    }

    /// <summary>The value sent and the argument for person id <paramref name="id"/>, when it was resolved from a guarded argument.</summary>
    public bool TryGetSent(string id, out (string Sent, string Field, bool Report) sent) => _sent.TryGetValue(id, out sent);

    /// <summary>The refusal of a Unit guard naming <paramref name="id"/>: <see cref="PersonUnitRefusal.OfReport"/> for a report's person, else <see cref="PersonUnitRefusal.Of(string, string, bool)"/>.</summary>
    public static CareGridException UnitRefusal(string id, string field, bool report, bool unassigned) =>
        report ? PersonUnitRefusal.OfReport(id, field, unassigned) : PersonUnitRefusal.Of(id, field, unassigned);

    /// <summary>
    /// True when <paramref name="argument"/> is guarded for this caller: always for a Person field; for every argument of a
    /// Unit field, and for an argument declaring <see cref="PersonIdArgument.WholeTenantRoles"/> on another field, unless the
    /// caller's scope is the whole tenant (the system, a TenantAdmin, a unit serving the whole tenant: every person is theirs
    /// to see, so the true not-found tells them nothing) or they hold one of those roles (level-3 staff naming a known
    /// caller on the line; case staff and volunteers naming the person of a concern).
    /// </summary>
    internal async ValueTask<bool> GuardsAsync(PersonIdArgument argument, IGrainFactory grains, string tenantId)
    {
        if (Rule == NeedToKnow.Person)
        {
            return true;
        }

        if ((!_fieldWide && argument.WholeTenantRoles is null) || (argument.WholeTenantRoles is { } roles && Actor.HasAny(roles)))
        {
            return false;
        }

        _scope ??= await StaffScopes.ResolveAsync(grains, tenantId, Actor);
        return !_scope.WholeTenant;
    }

    /// <summary>
    /// The person id <paramref name="value"/> names, when the caller may be told (see the type's summary); otherwise the
    /// refusal of a person outside need-to-know naming <paramref name="value"/> — <see cref="NeedToKnowPolicy.PersonRefused"/>
    /// for a Person field when it names nobody, <see cref="PersonUnitRefusal"/> for a Unit field when it names nobody or a
    /// person whose unit the caller's scope does not cover (checked here, before the resolver, so that no other check of
    /// the field can answer one of the two differently; the DENIED record names the person id, noted first).
    /// </summary>
    internal async Task<string> ResolveAsync(IResolveFieldContext context, IGrainFactory grains, IReadModelStore readModel, string tenantId,
        PersonIdArgument argument, string field, string value)
    {
        var id = await PersonIds.ResolveAsync(grains, readModel, tenantId, value, field);
        if (Rule == NeedToKnow.Person)
        {
            if (id is null)
            {
                throw NeedToKnowPolicy.PersonRefused(PersonIds.RefusalClip(value)); // as for a person outside need-to-know (F12)
            }
        }
        else if (id is null || await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, id)).Get() is not { } person || !_scope!.Covers(person.OrganizationId))
        {
            if (id is not null)
            {
                Audit.RefusalNotes.Note(context, UnitRefusal(id, field, argument.Report, _scope!.IsUnassigned)); // the DENIED record names the person
            }

            throw UnitRefusal(PersonIds.RefusalClip(value), field, argument.Report, _scope!.IsUnassigned); // as for an id that names nobody (RT17-3)
        }

        _sent[id] = (value, field, argument.Report);
        return id;
    }
}
