using CareGrid.Grains.Audit;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.History;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Tenancy;

/// <summary>
/// Erases a tenant's data after offboarding and export (the <c>deleteTenant</c> step of tenant offboarding,
/// docs/api.md): every case with its break-the-glass grants and its reporters' receipts, every person with theirs, every organization, the
/// jurisdiction with its roster imports and census rounds, and the tenant's read-side rows, audit log and case
/// history. The tenant itself stays as a <c>Deleted</c> tombstone. The caller (the API) checks the platform role and
/// writes the platform audit record, which outlives the tenant.
/// </summary>
/// <param name="grains">The grain factory.</param>
/// <param name="readModel">The read side: lists the tenant's cases, people and organizations, then loses its rows.</param>
/// <param name="auditStore">The audit log store.</param>
/// <param name="caseHistory">The case history store.</param>
/// <param name="intake">The intake read side (calls and appointment requests, docs/intake.md).</param>
public sealed class TenantPurge(IGrainFactory grains, IReadModelStore readModel, IAuditStore auditStore, ICaseHistoryStore caseHistory, Intake.IIntakeStore intake)
{
    /// <summary>
    /// Moves an <c>Offboarding</c> tenant whose export was taken to <c>Deleted</c> and erases its data; on a tenant that is
    /// <c>Deleted</c> already, erases again (idempotent: a second call finishes an interrupted purge).
    /// </summary>
    /// <param name="tenantId">The tenant (known to the registry).</param>
    /// <param name="reason">The stated reason, kept in the tenant's history.</param>
    /// <param name="actor">The platform admin.</param>
    /// <returns>The tombstone.</returns>
    /// <exception cref="CareGridException"><c>TENANT_NOT_FOUND</c>; <c>INVALID_TRANSITION</c> before anything is erased
    /// when the tenant is neither Offboarding nor Deleted, or no export was taken.</exception>
    public async Task<TenantInfo?> DeleteAsync(string tenantId, string reason, Actor actor)
    {
        TenantContext.Set(tenantId);
        var tenantGrain = grains.GetRef<ITenantGrain>(tenantId);
        var info = await tenantGrain.Get() ?? throw new CareGridException(ErrorCodes.TenantNotFound, $"Tenant '{tenantId}' was not found.");
        if (info.Status == TenantStatus.Offboarding)
        {
            // Refuses (INVALID_TRANSITION) before anything is purged when no export was taken.
            await tenantGrain.Fire(TenantTrigger.Delete, reason, actor);
        }
        else if (info.Status != TenantStatus.Deleted)
        {
            throw Transitions.Invalid(info.Status, TenantTrigger.Delete, Array.Empty<TenantTrigger>());
        }

        await EraseAsync(tenantId);
        return await tenantGrain.Get();
    }

    private async Task EraseAsync(string tenantId)
    {
        await foreach (var row in Pages((after) => readModel.QueryCasesAsync(tenantId, new CaseQuery(), 100, after), r => r.Id))
        {
            foreach (var reporter in await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, row.Id)).ReporterSubjects())
            {
                await grains.GetRef<IReportReceiptsGrain>(IReportReceiptsGrain.KeyOf(tenantId, reporter)).Purge();
            }

            await grains.GetRef<ICaseGrain>(TenantIds.Key(tenantId, row.Id)).Purge();
            await grains.GetRef<Aid.ICaseAidGrain>(TenantIds.Key(tenantId, row.Id)).Purge();
            await grains.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(tenantId, "Case", row.Id)).Purge();
        }

        await Visits.SpecialGroupsLedger.EraseAsync(grains, readModel, tenantId); // visit logs, tallies and the ledger (docs/visits.md)
        await foreach (var row in Pages((after) => readModel.QueryPeopleAsync(tenantId, null, 100, after), r => r.Id))
        {
            await grains.GetRef<IAccessGrantsGrain>(IAccessGrantsGrain.KeyOf(tenantId, "Person", row.Id)).Purge();
            await grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, row.Id)).Purge();
            await grains.GetRef<Trajectories.IScoreTrajectoryGrain>(TenantIds.Key(tenantId, row.Id)).Purge();
        }

        foreach (var row in await readModel.ListOrganizationsAsync(tenantId))
        {
            await grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenantId, row.Id)).Purge();
        }

        await GroupCrisis.GroupCrisisFeed.PurgeAsync(grains, tenantId, (await readModel.ListOrganizationsAsync(tenantId)).Select(r => r.Id)); // docs/group-crisis.md
        await grains.GetGrain<IJurisdictionGrain>(tenantId).Purge();
        await Intake.IntakePurge.EraseAsync(grains, intake, tenantId);
        await grains.GetGrain<Aid.IAidTallyGrain>(tenantId).Purge();
        await new Mailbox.WorryMailbox(grains).EraseAsync(tenantId);
        await grains.GetGrain<Activities.IActivityRegistryGrain>(tenantId).Purge(); // activity plans and hazard ledgers (docs/activities.md)
        await grains.GetGrain<Webhooks.IWebhookRegistryGrain>(Webhooks.IWebhookRegistryGrain.KeyOf(tenantId)).Purge(); // endpoints, secrets, outboxes, logs, reminders (docs/webhooks.md)
        await readModel.PurgeTenantAsync(tenantId);
        await grains.GetGrain<Statistics.ITenantStatisticsGrain>(tenantId).Reset();
        await auditStore.PurgeTenantAsync(tenantId);
        await caseHistory.PurgeTenantAsync(tenantId);
    }

    /// <summary>Every row of a cursor-paginated read-side list, page by page (100 rows a page).</summary>
    private static async IAsyncEnumerable<T> Pages<T>(Func<string?, ValueTask<Page<T>>> page, Func<T, string> cursorOf)
    {
        string? after = null;
        do
        {
            var current = await page(after);
            foreach (var row in current.Items)
            {
                yield return row;
            }

            after = current.HasNextPage ? cursorOf(current.Items[^1]) : null;
        }
        while (after is not null);
    }
}
