using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Staff;

/// <summary>
/// A staff member's open work as the read side lists it (docs/staff-changes.md): the cases they own and the tasks they
/// own, found by their login sub (<c>staffSubject</c> of their person record). Counts are bounded by <see cref="ScanLimit"/>.
/// </summary>
public sealed class StaffWork(IGrainFactory grains, IReadModelStore readModel, string tenantId)
{
    /// <summary>Most rows of each kind (cases, tasks) one look reads; past it the counts say "at least".</summary>
    public const int ScanLimit = 1000;

    private const int PageSize = 250;

    /// <summary>
    /// The person <paramref name="personId"/> and their login sub. <c>NOT_FOUND</c> (entity <c>Person</c>) when there is no
    /// such person, or when <paramref name="scope"/> is given and covers neither the person's unit nor a unit where they hold
    /// a role (a Coordinator learns nothing of people outside their units, docs/staff-changes.md); <c>VALIDATION_FAILED</c>
    /// on <paramref name="field"/> when the person has no login sub.
    /// </summary>
    public async Task<(PersonInfo Person, string Subject)> StaffMemberAsync(string personId, string field, StaffScope? scope = null)
    {
        var person = await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, personId)).Get();
        if (person is null || (person.StaffSubject is not { Length: > 0 } && scope is not null
            && !scope.Covers(person.OrganizationId) && !person.Roles.Any(r => scope.Covers(r.OrganizationId))))
        {
            throw CareGridException.NotFound("Person", personId);
        }

        return person.StaffSubject is { Length: > 0 } sub ? (person, sub)
            : throw CareGridException.Validation(field,
                $"Person '{personId}' has no login sub (staffSubject), so no work can be found for or given to them: set it with setQualifications(subject) or the roster's subject column.");
    }

    /// <summary>
    /// The access roles (<see cref="Roles"/>) <paramref name="person"/> holds through their unit roles: each staff role's
    /// <c>accessRole</c> in the tenant's template, or the role code itself when it names an access role (no template).
    /// </summary>
    public static IReadOnlyList<string> AccessRoles(PersonInfo person, JurisdictionTemplate? template) =>
        [.. person.Roles.Where(r => r.Staff)
            .Select(r => template?.Role(r.Role)?.AccessRole ?? Roles.Normalize(r.Role))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The open cases owned by <paramref name="subject"/> (at most <see cref="ScanLimit"/>) and whether more exist.</summary>
    public async Task<(List<CaseRow> Rows, bool More)> OpenCasesAsync(string subject)
    {
        var rows = new List<CaseRow>();
        string? after = null;
        while (true)
        {
            var page = await readModel.QueryCasesAsync(tenantId, new CaseQuery(AssigneeId: subject, OpenOnly: true), PageSize, after);
            rows.AddRange(page.Items);
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return (rows, false);
            }

            if (rows.Count >= ScanLimit)
            {
                return (rows, true);
            }

            after = page.Items[^1].Id;
        }
    }

    /// <summary>The open tasks owned by <paramref name="subject"/> (at most <see cref="ScanLimit"/>) and whether more exist.</summary>
    public async Task<(List<TaskRow> Rows, bool More)> OpenTasksAsync(string subject)
    {
        var rows = new List<TaskRow>();
        string? after = null;
        while (true)
        {
            var page = await readModel.QueryTasksAsync(tenantId, new TaskQuery([subject], OpenOnly: true), PageSize, after);
            rows.AddRange(page.Items.Where(t => t.OwnerId == subject));
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return (rows, false);
            }

            if (rows.Count >= ScanLimit)
            {
                return (rows, true);
            }

            after = page.Items[^1].Id;
        }
    }

    /// <summary>The open load of <paramref name="subject"/>: High/Imminent cases, cases not yet graded, cases and tasks they own (each at most <see cref="ScanLimit"/>).</summary>
    public async Task<WorkLoad> LoadAsync(string subject)
    {
        var work = await OpenWorkAsync(subject);
        return new WorkLoad(work.HighRiskCases, work.Cases, work.Tasks) { UngradedCases = work.UngradedCases };
    }

    /// <summary>The open work of <paramref name="subject"/> (<see cref="OpenWork"/>: cases, High/Imminent ones, ones not yet graded,
    /// tasks), each count at most <see cref="ScanLimit"/>.</summary>
    public async Task<OpenWork> OpenWorkAsync(string subject)
    {
        var (cases, moreCases) = await OpenCasesAsync(subject);
        var (tasks, moreTasks) = await OpenTasksAsync(subject);
        return new OpenWork(cases.Count, cases.Count(c => c.RiskLevel >= RiskLevel.High), tasks.Count, moreCases || moreTasks)
        {
            UngradedCases = cases.Count(c => c.RiskUngraded), // apart: their Low is a placeholder, never "not high-risk"
        };
    }
}
