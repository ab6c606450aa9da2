using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Intake;

/// <summary>
/// Need-to-know for the person-referencing intake mutations (<c>logCall</c>'s <c>callerPersonId</c>,
/// <c>requestAppointment</c>'s <c>personId</c>; docs/intake.md, docs/access.md "need-to-know by organization").
/// </summary>
public static class IntakePersonScope
{
    /// <summary>
    /// The person <paramref name="personId"/> when <paramref name="actor"/> may reference them: the caller's units
    /// (<see cref="StaffScopes.ResolveAsync"/>) cover the person's unit, or <paramref name="level3SeesTenant"/> and the caller
    /// is level-3 staff (Counsellor, Clinician, R-4.3: they staff the 24-hour line, R-5.1, and may log a call about anyone
    /// of the tenant). Otherwise <see cref="PersonUnitRefusal"/> (<c>FORBIDDEN</c>, <c>rule = need-to-know</c>) — the same
    /// answer for an unknown id as for a person outside scope, so the refusal is no existence oracle (the API answers it
    /// first, naming the value sent: <c>PersonIdArguments</c>, red team RT17-3). Level-3 callers of <c>logCall</c> get <c>NOT_FOUND</c>
    /// for an unknown id (the whole tenant is theirs to see).
    /// </summary>
    public static async Task<PersonInfo> EnsureAsync(IGrainFactory grains, string tenantId, string personId, string field, Actor actor, bool level3SeesTenant)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(actor);
        var person = await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, personId)).Get();
        var wholeTenant = actor.IsSystem || level3SeesTenant && actor.HasAny(Roles.Level3);
        if (wholeTenant)
        {
            return person ?? throw CareGridException.NotFound("Person", personId);
        }

        var scope = await StaffScopes.ResolveAsync(grains, tenantId, actor);
        if (person is null || !scope.Covers(person.OrganizationId))
        {
            throw PersonUnitRefusal.Of(personId, field, scope); // the same answer for an unknown id (docs/access.md, RT17-3)
        }

        return person;
    }
}
