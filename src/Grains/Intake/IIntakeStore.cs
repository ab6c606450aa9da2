using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Intake;

/// <summary>
/// The read side of the intake channels (docs/intake.md): one row per call and per appointment request, partitioned by
/// tenant, so lists never come from one grain's state (docs/storage.md). Grains upsert their row when they change and on
/// activation (a lost update heals). A page costs the rows it reads from the cursor, not the tenant's size.
/// </summary>
public interface IIntakeStore
{
    /// <summary>Inserts or replaces a call row.</summary>
    ValueTask UpsertCallAsync(CallRow row);

    /// <summary>
    /// Calls of <paramref name="tenantId"/> matching <paramref name="query"/>, newest first (<see cref="CallRow.SortKeyOf"/>),
    /// after the cursor <paramref name="after"/> (a sort key, exclusive); at most <paramref name="first"/> rows.
    /// </summary>
    ValueTask<Page<CallRow>> QueryCallsAsync(string tenantId, CallQuery query, int first, string? after);

    /// <summary>Inserts or replaces an appointment row.</summary>
    ValueTask UpsertAppointmentAsync(AppointmentRow row);

    /// <summary>Appointment requests of <paramref name="tenantId"/> matching <paramref name="query"/>, ordered by id, after <paramref name="after"/> (exclusive).</summary>
    ValueTask<Page<AppointmentRow>> QueryAppointmentsAsync(string tenantId, AppointmentQuery query, int first, string? after);

    /// <summary>The ids of every call or appointment row of a tenant (<paramref name="kind"/>), for tenant deletion.</summary>
    ValueTask<IReadOnlyList<string>> ListIdsAsync(string tenantId, IntakeKind kind);

    /// <summary>Removes every row of a tenant (tenant deletion).</summary>
    ValueTask PurgeTenantAsync(string tenantId);
}

/// <summary>The two kinds of intake record.</summary>
[GenerateSerializer, Alias("CareGrid.IntakeKind")]
public enum IntakeKind
{
    /// <summary>A logged call.</summary>
    Call = 0,
    /// <summary>An appointment request.</summary>
    Appointment = 1,
}

/// <summary>A filter over call rows; every part that is set must match.</summary>
/// <param name="Channel">Only this line, or null.</param>
/// <param name="AnsweredBy">Only calls this sub answered, or null.</param>
/// <param name="OrganizationIds">Only calls of these units or without a unit (anonymous callers), or null for all (need-to-know by organization, docs/access.md).</param>
/// <param name="RiskLevel">Only calls graded at this level, or null. It matches graded calls only: the Low of a call nobody
/// graded is a placeholder, never Low (as <see cref="ReadModel.CaseQuery.RiskLevel"/>; finding RT19-3, docs/intake.md).</param>
/// <param name="RiskGraded">Only graded calls (true), only calls nobody graded (false), or both (null).</param>
public sealed record CallQuery(
    CallChannel? Channel = null,
    string? AnsweredBy = null,
    IReadOnlyCollection<string>? OrganizationIds = null,
    Cases.RiskLevel? RiskLevel = null,
    bool? RiskGraded = null)
{
    /// <summary>True when <paramref name="row"/> passes the filter.</summary>
    public bool Matches(CallRow row) =>
        (Channel is null || row.Channel == Channel)
        && (RiskLevel is null || (row.RiskLevel == RiskLevel && row.RiskGraded))
        && (RiskGraded is null || row.RiskGraded == RiskGraded)
        && (AnsweredBy is null || row.AnsweredBy == AnsweredBy)
        && (OrganizationIds is null || row.OrganizationId is null || OrganizationIds.Contains(row.OrganizationId));
}
