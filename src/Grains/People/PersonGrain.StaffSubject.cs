using CareGrid.Grains.Errors;
using CareGrid.Grains.Staff;

namespace CareGrid.Grains.People;

/// <summary>
/// Guards a change of the person's login sub (<c>staffSubject</c>; docs/staff-changes.md): the old sub's open work would
/// be orphaned, and a sub linked to two people would merge their work and scopes.
/// </summary>
public sealed partial class PersonGrain
{
    /// <summary>
    /// Before <c>setQualifications</c> or a roster row sets the sub to <paramref name="requested"/> (null: keep it):
    /// <c>MEMBER_HAS_OPEN_WORK</c> while the current sub owns open cases or tasks (move them with <c>reassignWork</c>
    /// first); <c>ALREADY_EXISTS</c> (field <c>staffSubject</c>) when another person holds the sub (the per-sub
    /// <see cref="Security.IStaffScopeGrain"/> knows who). Nothing is changed by a refusal; on success the sub is this person's.
    /// </summary>
    private async Task GuardStaffSubjectAsync(string? requested)
    {
        var next = PersonValidation.OptionalText(requested, "subject", 200);
        var current = state.State.Exists ? state.State.StaffSubject : null;
        if (next is null || next == current)
        {
            return;
        }

        if (current is not null)
        {
            var work = await new StaffWork(GrainFactory, readModel, TenantId).OpenWorkAsync(current);
            if (work.Any)
            {
                throw work.Refusal(LocalId, current, "changing their staffSubject");
            }
        }

        if (await StaffIndex(next).Claim(LocalId) is not null)
        {
            throw new CareGridException(ErrorCodes.AlreadyExists,
                $"The login sub '{next}' is already the staffSubject of another person: one login belongs to one person. "
                + "Give this person their own login, or change the other person's staffSubject first. Nothing was changed.",
                new Dictionary<string, string> { ["field"] = "staffSubject" });
        }
    }
}
