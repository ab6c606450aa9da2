using CareGrid.Grains.Hosting;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.People;

/// <summary>
/// Keeps the <see cref="IStaffScopeGrain"/> of the person's login sub (<c>StaffSubject</c>) in step with the units where the
/// person holds a role, so a staff member's scope resolves without scanning the tenant (need-to-know by organization,
/// docs/access.md).
/// </summary>
public sealed partial class PersonGrain
{
    /// <summary>
    /// The person's login sub and the units where they hold a role, each as <c>unit</c> and <c>unit\nrole</c> entries
    /// (ordinal order), as stored now: the roles decide whether a unit serving its parent widens the scope.
    /// </summary>
    private (string? Subject, List<string> Units) StaffMembership() =>
        (state.State.StaffSubject, state.State.Roles.SelectMany(r => new[] { r.OrganizationId, r.OrganizationId + "\n" + r.Role })
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    /// <summary>
    /// Tells the staff-scope index what changed since <paramref name="before"/>: the old sub forgets this person when the sub
    /// changed (or the person was erased); the current sub learns the person's units. Nothing when neither changed.
    /// </summary>
    private async Task SyncStaffScopeAsync((string? Subject, List<string> Units) before)
    {
        var now = StaffMembership();
        if (now.Subject == before.Subject && now.Units.SequenceEqual(before.Units, StringComparer.Ordinal))
        {
            return;
        }

        if (before.Subject is { } old && old != now.Subject)
        {
            await StaffIndex(old).Release(LocalId);
        }

        if (now.Subject is { } current)
        {
            await StaffIndex(current).SetMemberships(LocalId, RolesByUnit());
        }
    }

    /// <summary>Per unit where the person holds a role: the template role codes held there.</summary>
    private Dictionary<string, List<string>> RolesByUnit() => state.State.Roles.GroupBy(r => r.OrganizationId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(r => r.Role).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    private IStaffScopeGrain StaffIndex(string subject) => GrainFactory.GetRef<IStaffScopeGrain>(IStaffScopeGrain.KeyOf(TenantId, subject));
}
