using ETag = Azure.ETag;
using Azure.Data.Tables;
using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Intake;

/// <summary>
/// The durable intake read side on Azure Table storage (Azurite locally): tables <c>{prefix}Calls</c> (RowKey
/// <see cref="CallRow.SortKeyOf"/>, newest first) and <c>{prefix}Appointments</c> (RowKey the id), PartitionKey the tenant,
/// so every query stays in one tenant's partition. Channel, answerer, status and requester are filtered by the service;
/// the unit scope and a call's grading while reading forward from the cursor (a row written before <c>RiskGraded</c> existed
/// reads graded). Enums are stored by name, instants as UTC. Tables are created on
/// first use. Thread-safe.
/// </summary>
public sealed class AzureTableIntakeStore : IIntakeStore
{
    private const int ServicePage = 1000;
    private const int MaxBatch = 100;
    private readonly TableClient _calls;
    private readonly TableClient _appointments;
    private readonly TableCreation _creation;

    /// <summary>Uses the tables <c>{tablePrefix}Calls</c> and <c>{tablePrefix}Appointments</c> of <paramref name="service"/>.</summary>
    /// <param name="service">The table service.</param>
    /// <param name="tablePrefix">ASCII letters and digits, starting with a letter (the read side's prefix by default).</param>
    public AzureTableIntakeStore(TableServiceClient service, string tablePrefix = AzureTableReadModelStore.DefaultTablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        _calls = service.GetTableClient(tablePrefix + "Calls");
        _appointments = service.GetTableClient(tablePrefix + "Appointments");
        _creation = new TableCreation(_calls, _appointments);
    }

    /// <inheritdoc />
    public async ValueTask UpsertCallAsync(CallRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        await _creation.EnsureAsync();
        await _calls.UpsertEntityAsync(new TableEntity(row.TenantId, row.SortKeyOf())
        {
            ["Id"] = row.Id, ["Channel"] = row.Channel.ToString(), ["AnsweredAt"] = row.AnsweredAt.UtcDateTime, ["AnsweredBy"] = row.AnsweredBy,
            ["KnownCaller"] = row.KnownCaller, ["RiskLevel"] = row.RiskLevel.ToString(), ["OrganizationId"] = row.OrganizationId, ["CaseId"] = row.CaseId,
            ["ConvertedBy"] = row.ConvertedBy, ["RiskGraded"] = row.RiskGraded,
        }, TableUpdateMode.Replace);
    }

    /// <inheritdoc />
    public ValueTask<Page<CallRow>> QueryCallsAsync(string tenantId, CallQuery query, int first, string? after)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string>();
        if (query.Channel is { } channel)
        {
            filters.Add(TableClient.CreateQueryFilter($"Channel eq {channel.ToString()}"));
        }

        if (query.AnsweredBy is { } by)
        {
            filters.Add(TableClient.CreateQueryFilter($"AnsweredBy eq {by}"));
        }

        return PageAsync(_calls, tenantId, after, first, filters, ToCall, query.Matches);
    }

    /// <inheritdoc />
    public async ValueTask UpsertAppointmentAsync(AppointmentRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        await _creation.EnsureAsync();
        await _appointments.UpsertEntityAsync(new TableEntity(row.TenantId, row.Id)
        {
            ["PersonId"] = row.PersonId, ["OrganizationId"] = row.OrganizationId, ["Status"] = row.Status.ToString(), ["RequestedBy"] = row.RequestedBy,
            ["RequestedAt"] = row.RequestedAt.UtcDateTime, ["ScheduledAt"] = row.ScheduledAt?.UtcDateTime, ["CounsellorSubject"] = row.CounsellorSubject,
        }, TableUpdateMode.Replace);
    }

    /// <inheritdoc />
    public ValueTask<Page<AppointmentRow>> QueryAppointmentsAsync(string tenantId, AppointmentQuery query, int first, string? after)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string>();
        if (query.Status is { } status)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {status.ToString()}"));
        }

        if (query.RequestedBy is { } by)
        {
            filters.Add(TableClient.CreateQueryFilter($"RequestedBy eq {by}"));
        }

        return PageAsync(_appointments, tenantId, after, first, filters, ToAppointment, query.Matches);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListIdsAsync(string tenantId, IntakeKind kind)
    {
        await _creation.EnsureAsync();
        var (table, column) = kind == IntakeKind.Call ? (_calls, "Id") : (_appointments, "RowKey");
        var ids = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"), ServicePage, select: [column]))
        {
            ids.Add(kind == IntakeKind.Call ? entity.GetString("Id") : entity.RowKey);
        }

        return ids;
    }

    /// <inheritdoc />
    public async ValueTask PurgeTenantAsync(string tenantId)
    {
        await _creation.EnsureAsync();
        foreach (var table in new[] { _calls, _appointments })
        {
            var batch = new List<TableTransactionAction>(MaxBatch);
            await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"), ServicePage,
                               select: ["PartitionKey", "RowKey"]))
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
                if (batch.Count == MaxBatch)
                {
                    await table.SubmitTransactionAsync(batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await table.SubmitTransactionAsync(batch);
            }
        }
    }

    /// <summary>The rows after <paramref name="after"/> that pass both filters, read forward until <paramref name="first"/> + 1 match.</summary>
    private async ValueTask<Page<T>> PageAsync<T>(TableClient table, string tenantId, string? after, int first, List<string> filters,
        Func<TableEntity, T> map, Func<T, bool> matches)
    {
        await _creation.EnsureAsync();
        filters.Insert(0, after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {after}"));
        var items = new List<T>(first + 1);
        await foreach (var entity in table.QueryAsync<TableEntity>(string.Join(" and ", filters.Select(f => $"({f})")), Math.Min(ServicePage, first + 1)))
        {
            var row = map(entity);
            if (matches(row))
            {
                items.Add(row);
                if (items.Count > first)
                {
                    break;
                }
            }
        }

        var more = items.Count > first;
        return new Page<T>(more ? items[..first] : items, more);
    }

    private static CallRow ToCall(TableEntity e) => new(e.PartitionKey, e.GetString("Id"), Enum.Parse<CallChannel>(e.GetString("Channel")),
        new DateTimeOffset(e.GetDateTime("AnsweredAt")!.Value, TimeSpan.Zero), e.GetString("AnsweredBy"), e.GetBoolean("KnownCaller") ?? false,
        Enum.Parse<RiskLevel>(e.GetString("RiskLevel")), e.GetString("OrganizationId"), e.GetString("CaseId"), e.GetString("ConvertedBy"),
        e.GetBoolean("RiskGraded") ?? true);

    private static AppointmentRow ToAppointment(TableEntity e) => new(e.PartitionKey, e.RowKey, e.GetString("PersonId"), e.GetString("OrganizationId"),
        Enum.Parse<AppointmentStatus>(e.GetString("Status")), e.GetString("RequestedBy"), new DateTimeOffset(e.GetDateTime("RequestedAt")!.Value, TimeSpan.Zero),
        e.GetDateTime("ScheduledAt") is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, e.GetString("CounsellorSubject"));
}
