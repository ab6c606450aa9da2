namespace CareGrid.Grains.ReadModel;

/// <summary>
/// The per-tenant read side (docs/architecture.md "Read side"): grains upsert their row on every transition and on
/// activation (so a lost update heals); lists, search and statistics are served from here without
/// activating grains. Rows are partitioned by tenant; every query names its tenant. A page costs in
/// proportion to the rows it skips past the cursor and returns, not to the tenant's size.
/// </summary>
public interface IReadModelStore
{
    /// <summary>Inserts or replaces a case row.</summary>
    ValueTask UpsertCaseAsync(CaseRow row);

    /// <summary>Cases of <paramref name="tenantId"/> matching <paramref name="query"/>, ordered by id, after the id <paramref name="after"/> (exclusive).</summary>
    ValueTask<Page<CaseRow>> QueryCasesAsync(string tenantId, CaseQuery query, int first, string? after);

    /// <summary>
    /// The row of case <paramref name="caseId"/> (a local id) in <paramref name="tenantId"/>, or null when the read side has
    /// none (an unknown id, or a case whose row was never written). One lookup (a point read on Azure Table storage); the
    /// caller decides who may see it — task lists name the case each row is about (<c>TaskSummary.case</c>).
    /// </summary>
    ValueTask<CaseRow?> GetCaseAsync(string tenantId, string caseId);

    /// <summary>Inserts or replaces an organization row.</summary>
    ValueTask UpsertOrganizationAsync(OrganizationRow row);

    /// <summary>All organizations of a tenant, ordered by id.</summary>
    ValueTask<IReadOnlyList<OrganizationRow>> ListOrganizationsAsync(string tenantId);

    /// <summary>Inserts or replaces a person row.</summary>
    ValueTask UpsertPersonAsync(PersonRow row);

    /// <summary>People of a tenant matching <paramref name="query"/> (null: all), ordered by id, after <paramref name="after"/> (exclusive).</summary>
    ValueTask<Page<PersonRow>> QueryPeopleAsync(string tenantId, PersonQuery? query, int first, string? after);

    /// <summary>Inserts or replaces a task row.</summary>
    ValueTask UpsertTaskAsync(TaskRow row);

    /// <summary>Tasks of a tenant matching <paramref name="query"/>, ordered by id, after <paramref name="after"/> (exclusive).</summary>
    ValueTask<Page<TaskRow>> QueryTasksAsync(string tenantId, TaskQuery query, int first, string? after);

    /// <summary>
    /// The number of cases matching <paramref name="query"/> in the tenant (the whole filtered set, not a page): read forward
    /// in pages of <see cref="ReadModelCounts.PageSize"/>, so it costs one pass over the matching rows (docs/search.md, "totalCount").
    /// </summary>
    ValueTask<int> CountCasesAsync(string tenantId, CaseQuery query) =>
        ReadModelCounts.CountAsync(after => QueryCasesAsync(tenantId, query, ReadModelCounts.PageSize, after), r => r.Id);

    /// <summary>The number of people matching <paramref name="query"/> (null: all), as <see cref="CountCasesAsync"/>.</summary>
    ValueTask<int> CountPeopleAsync(string tenantId, PersonQuery? query) =>
        ReadModelCounts.CountAsync(after => QueryPeopleAsync(tenantId, query, ReadModelCounts.PageSize, after), (query ?? PersonQuery.All).CursorOf);

    /// <summary>The number of tasks matching <paramref name="query"/>, as <see cref="CountCasesAsync"/>.</summary>
    ValueTask<int> CountTasksAsync(string tenantId, TaskQuery query) =>
        ReadModelCounts.CountAsync(after => QueryTasksAsync(tenantId, query, ReadModelCounts.PageSize, after), r => r.Id);

    /// <summary>Removes every row of a tenant (offboarding purge).</summary>
    ValueTask PurgeTenantAsync(string tenantId);
}
