using Azure.Data.Tables;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;

namespace CareGrid.Grains.ReadModel;

/// <summary>
/// How <see cref="AzureTableReadModelStore"/> stores rows: PartitionKey = tenant id, RowKey = row id, enums by name,
/// instants as <c>Edm.DateTime</c> in UTC, target groups as <c>;a;b;</c>, a case's facts as one JSON string column
/// <c>Facts</c> (<see cref="Statistics.CaseFactsJson"/>), absent optional values left out.
/// </summary>
internal static class ReadModelEntities
{
    /// <summary>The entity a <see cref="CaseRow"/> is stored as.</summary>
    public static TableEntity FromCase(CaseRow row)
    {
        var entity = new TableEntity(row.TenantId, row.Id)
        {
            ["PersonId"] = row.PersonId,
            ["Status"] = row.Status.ToString(),
            ["RiskLevel"] = row.RiskLevel.ToString(),
            ["EscalationLevel"] = row.EscalationLevel,
            ["ReportedAt"] = row.ReportedAt.ToUniversalTime(),
            ["UpdatedAt"] = row.UpdatedAt.ToUniversalTime(),
        };
        SetIfNotNull(entity, "OrganizationId", row.OrganizationId);
        SetIfNotNull(entity, "AssigneeId", row.AssigneeId);
        SetIfNotNull(entity, "Facts", row.Facts is null ? null : Statistics.CaseFactsJson.Write(row.Facts));
        if (row.RiskUngraded)
        {
            entity["RiskUngraded"] = true; // left out when graded, so rows written before it read as graded
        }

        return entity;
    }

    /// <summary>The entity a <see cref="OrganizationRow"/> is stored as.</summary>
    public static TableEntity FromOrganization(OrganizationRow row)
    {
        var entity = new TableEntity(row.TenantId, row.Id)
        {
            ["Name"] = row.Name,
            ["Kind"] = row.Kind.ToString(),
            ["Status"] = row.Status.ToString(),
        };
        SetIfNotNull(entity, "ParentId", row.ParentId);
        if (row.EscalationLevel is { } level)
        {
            entity["EscalationLevel"] = level;
        }
        return entity;
    }

    /// <summary>The entity a <see cref="PersonRow"/> is stored as.</summary>
    public static TableEntity FromPerson(PersonRow row)
    {
        var entity = new TableEntity(row.TenantId, row.Id)
        {
            ["DisplayName"] = row.DisplayName,
            ["Monitoring"] = row.Monitoring.ToString(),
            ["TargetGroups"] = JoinCodes(row.TargetGroups),
            ["IsStaff"] = row.IsStaff,
        };
        SetIfNotNull(entity, "OrganizationId", row.OrganizationId);
        SetIfNotNull(entity, "ExternalId", row.ExternalId);
        return entity;
    }

    /// <summary>An entry of the people's name or external-id index: the person row's columns under <paramref name="rowKey"/>, with <c>PersonId</c>.</summary>
    public static TableEntity FromPersonIndex(PersonRow row, string rowKey)
    {
        var entity = FromPerson(row);
        entity.RowKey = rowKey;
        entity["PersonId"] = row.Id;
        return entity;
    }

    /// <summary>The entity a <see cref="TaskRow"/> is stored as.</summary>
    public static TableEntity FromTask(TaskRow row)
    {
        var entity = new TableEntity(row.TenantId, row.Id)
        {
            ["CaseId"] = row.CaseId,
            ["Kind"] = row.Kind.ToString(),
            ["OwnerId"] = row.OwnerId,
            ["Status"] = row.Status.ToString(),
            ["DueAt"] = row.DueAt.ToUniversalTime(),
            ["EscalationCount"] = row.EscalationCount,
            ["CreatedAt"] = row.CreatedAt.ToUniversalTime(),
            ["RiskLevel"] = row.RiskLevel.ToString(),
            ["EscalationLevel"] = row.EscalationLevel,
        };
        SetIfNotNull(entity, "OrganizationId", row.OrganizationId);
        SetIfNotNull(entity, "EscalatedFromId", row.EscalatedFromId);
        if (row.RiskUngraded)
        {
            entity["RiskUngraded"] = true; // left out when graded, as on case rows
        }

        if (row.CompletedAt is { } completed)
        {
            entity["CompletedAt"] = completed.ToUniversalTime();
        }

        return entity;
    }

    /// <summary>Target group codes as stored: <c>;a;b;</c> (empty when none), so a code is found as <c>;code;</c>.</summary>
    private static string JoinCodes(IReadOnlyList<string> codes) => codes.Count == 0 ? "" : ";" + string.Join(";", codes) + ";";

    private static void SetIfNotNull(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private static TEnum ParseEnum<TEnum>(TableEntity entity, string name) where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(entity.GetString(name) ?? throw Missing(entity, name));

    private static DateTimeOffset Instant(TableEntity entity, string name) =>
        entity.GetDateTimeOffset(name) ?? throw Missing(entity, name);

    private static int Int(TableEntity entity, string name) =>
        entity.GetInt32(name) ?? throw Missing(entity, name);

    private static string Str(TableEntity entity, string name) =>
        entity.GetString(name) ?? throw Missing(entity, name);

    private static InvalidDataException Missing(TableEntity entity, string name) =>
        new($"Read-model row {entity.PartitionKey}/{entity.RowKey} lacks '{name}'.");

    /// <summary>A stored case row; <see cref="InvalidDataException"/> when a required value is missing.</summary>
    public static CaseRow ToCaseRow(TableEntity e) => new(e.PartitionKey, e.RowKey, Str(e, "PersonId"), e.GetString("OrganizationId"),
        ParseEnum<CaseStatus>(e, "Status"), ParseEnum<RiskLevel>(e, "RiskLevel"), Int(e, "EscalationLevel"), e.GetString("AssigneeId"),
        Instant(e, "ReportedAt"), Instant(e, "UpdatedAt"))
    {
        Facts = e.GetString("Facts") is { } facts ? Statistics.CaseFactsJson.Read(facts) : null,
        RiskUngraded = e.GetBoolean("RiskUngraded") ?? false,
    };

    /// <summary>A stored organization row.</summary>
    public static OrganizationRow ToOrganizationRow(TableEntity e) => new(e.PartitionKey, e.RowKey, Str(e, "Name"),
        ParseEnum<OrganizationKind>(e, "Kind"), e.GetString("ParentId"), e.GetInt32("EscalationLevel"), ParseEnum<OrganizationStatus>(e, "Status"));

    /// <summary>A stored person row (rows written before monitoring, target groups and staff existed read as their defaults).</summary>
    public static PersonRow ToPersonRow(TableEntity e) => new(e.PartitionKey, e.RowKey, Str(e, "DisplayName"), e.GetString("OrganizationId"))
    {
        Monitoring = Enum.TryParse<People.MonitoringLevel>(e.GetString("Monitoring"), out var level) ? level : People.MonitoringLevel.None,
        TargetGroups = (e.GetString("TargetGroups") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries),
        IsStaff = e.GetBoolean("IsStaff") ?? false,
        ExternalId = e.GetString("ExternalId"),
    };

    /// <summary>The person row an index entry copies (<see cref="FromPersonIndex"/>).</summary>
    public static PersonRow ToPersonIndexRow(TableEntity e) => ToPersonRow(e) with { Id = Str(e, "PersonId") };

    /// <summary>A stored task row (a row written before task rows carried their unit, completion instant, risk or level reads with none, none, Low, 0).</summary>
    public static TaskRow ToTaskRow(TableEntity e) => new(e.PartitionKey, e.RowKey, Str(e, "CaseId"), ParseEnum<CaseTaskKind>(e, "Kind"),
        Str(e, "OwnerId"), ParseEnum<CaseTaskStatus>(e, "Status"), Instant(e, "DueAt"), Int(e, "EscalationCount"), Instant(e, "CreatedAt"))
    {
        OrganizationId = e.GetString("OrganizationId"),
        CompletedAt = e.GetDateTimeOffset("CompletedAt"),
        RiskLevel = Enum.TryParse<RiskLevel>(e.GetString("RiskLevel"), out var risk) ? risk : RiskLevel.Low,
        EscalationLevel = e.GetInt32("EscalationLevel") ?? 0,
        RiskUngraded = e.GetBoolean("RiskUngraded") ?? false,
        EscalatedFromId = e.GetString("EscalatedFromId"),
    };
}
