using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Visits;

/// <summary>
/// Who may log and read a person's visits and ledger entry: staff whose organization scope covers the person's unit
/// (need-to-know by organization, docs/access.md; the homeroom teacher their class, the school's counselling centre the whole
/// school). Visits are pastoral work on people who mostly have no case, so the case paths of need-to-know do not apply.
/// </summary>
public static class VisitAccess
{
    /// <summary>The person, when <paramref name="actor"/>'s scope covers their unit.</summary>
    /// <exception cref="CareGridException"><c>NOT_FOUND</c> (person: the API answers an id that names nobody before, as one
    /// outside the caller's units); <see cref="PersonUnitRefusal"/> (<c>FORBIDDEN</c>, <c>rule</c> <c>need-to-know</c>).</exception>
    public static async Task<PersonInfo> EnsureAsync(IGrainFactory grains, string tenantId, string personId, Actor actor)
    {
        var person = await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, personId)).Get()
            ?? throw CareGridException.NotFound("Person", personId);
        var scope = await StaffScopes.ResolveAsync(grains, tenantId, actor);
        if (!scope.Covers(person.OrganizationId))
        {
            throw PersonUnitRefusal.Of(personId, "personId", scope);
        }

        return person;
    }
}
