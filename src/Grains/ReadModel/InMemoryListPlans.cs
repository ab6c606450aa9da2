using CareGrid.Grains.Cases;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// The secondary indexes of the embedded read side's case and task rows, and for each list query the candidate sets that
/// hold every row it can return (docs/read-side.md). <see cref="InMemoryRowIndex{T}"/> reads the smallest of them; the
/// query's own filter (<see cref="CaseQuery.Matches"/>, <see cref="TaskQuery.Matches"/>) still decides every row, so a
/// candidate set only narrows what is read, never what is returned.
/// </summary>
internal static class InMemoryListPlans
{
    /// <summary>Case secondary indexes: by unit, by assignee, by person, open (not closed).</summary>
    private const int CaseUnit = 0, CaseAssignee = 1, CasePerson = 2, CaseOpen = 3;

    /// <summary>Task secondary indexes: by owner, by unit, open, by the owner it was escalated from.</summary>
    private const int TaskOwner = 0, TaskUnit = 1, TaskOpen = 2, TaskEscalatedFrom = 3;

    /// <summary>A tenant's case rows, indexed by unit, assignee, person and open status.</summary>
    public static InMemoryRowIndex<CaseRow> NewCaseIndex() => new(
        static r => r.OrganizationId,
        static r => r.AssigneeId,
        static r => r.PersonId,
        static r => r.Status == CaseStatus.Closed ? null : InMemoryRowIndex<CaseRow>.Open);

    /// <summary>A tenant's task rows, indexed by owner, unit, open status and the owner an escalated task had.</summary>
    public static InMemoryRowIndex<TaskRow> NewTaskIndex() => new(
        static r => r.OwnerId,
        static r => r.OrganizationId,
        static r => r.Status == CaseTaskStatus.Open ? InMemoryRowIndex<TaskRow>.Open : null,
        static r => r.EscalatedFromId);

    /// <summary>
    /// The candidate sets of a case query, one per filter that implies one: the person's, the assignee's or the unit's
    /// cases; the open cases (<c>open</c>, or a status other than Closed); and the scope (need-to-know by organization,
    /// docs/access.md) — the cases of the caller's units and the caller's own (<see cref="CaseQuery.ScopeExemptAssignee"/>).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<IndexTerm>> CandidatesOf(CaseQuery query)
    {
        var sets = new List<IReadOnlyList<IndexTerm>>(2);
        if (query.PersonId is { } person)
        {
            sets.Add([new(CasePerson, person)]);
        }

        if (query.AssigneeId is { } assignee)
        {
            sets.Add([new(CaseAssignee, assignee)]);
        }

        if (query.OrganizationId is { } unit)
        {
            sets.Add([new(CaseUnit, unit)]);
        }

        if (query.OpenOnly || query.Status is { } status && status != CaseStatus.Closed)
        {
            sets.Add([new(CaseOpen, InMemoryRowIndex<CaseRow>.Open)]);
        }

        if (query.OrganizationIds is { } units)
        {
            sets.Add(Scope(units, CaseUnit, CaseAssignee, query.ScopeExemptAssignee));
        }

        return sets;
    }

    /// <summary>
    /// The candidate sets of a task query: the owners' tasks (<see cref="TaskQuery.OwnerIds"/>), the open tasks, and the
    /// scope — the tasks of the caller's units and the caller's own (<see cref="TaskQuery.ScopeExemptOwner"/>).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<IndexTerm>> CandidatesOf(TaskQuery query)
    {
        var sets = new List<IReadOnlyList<IndexTerm>>(2);
        if (query.OwnerIds is { } owners)
        {
            sets.Add(query.IncludeEscalatedFrom
                ? [.. owners.Select(o => new IndexTerm(TaskOwner, o)), .. owners.Select(o => new IndexTerm(TaskEscalatedFrom, o))]
                : owners.Select(o => new IndexTerm(TaskOwner, o)).ToArray());
        }

        if (query.OpenOnly)
        {
            sets.Add([new(TaskOpen, InMemoryRowIndex<TaskRow>.Open)]);
        }

        if (query.OrganizationIds is { } units)
        {
            var scope = Scope(units, TaskUnit, TaskOwner, query.ScopeExemptOwner);
            sets.Add(query.IncludeEscalatedFrom && query.ScopeExemptOwner is { } exempt ? [.. scope, new IndexTerm(TaskEscalatedFrom, exempt)] : scope);
        }

        return sets;
    }

    /// <summary>The rows of <paramref name="units"/> and, when given, of the scope-exempt person <paramref name="exempt"/>.</summary>
    private static IndexTerm[] Scope(IReadOnlyCollection<string> units, int unitIndex, int exemptIndex, string? exempt)
    {
        var terms = new IndexTerm[units.Count + (exempt is null ? 0 : 1)];
        var i = 0;
        foreach (var unit in units)
        {
            terms[i++] = new(unitIndex, unit);
        }

        if (exempt is not null)
        {
            terms[i] = new(exemptIndex, exempt);
        }

        return terms;
    }
}
