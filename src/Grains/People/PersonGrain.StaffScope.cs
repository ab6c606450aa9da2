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
    /// <summary>The person's login sub and the units where they hold a role (distinct, ordinal order), as stored now.</summary>
    private (string? Subject, List<string> Units) StaffMembership() =>
        (state.State.StaffSubject, state.State.Roles.Select(r => r.OrganizationId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

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
            await StaffIndex(current).SetMemberships(LocalId, now.Units);
        }
    }

    private IStaffScopeGrain StaffIndex(string subject) => GrainFactory.GetRef<IStaffScopeGrain>(IStaffScopeGrain.KeyOf(TenantId, subject));
}
