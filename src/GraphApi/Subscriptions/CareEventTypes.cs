using CareGrid.Grains.Cases;
using CareGrid.Grains.Events;
using CareGrid.GraphApi.Schema;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Subscriptions;

/// <summary>
/// GraphQL <c>CareEvent</c>: one thing that happened to a case (docs/events.md) — ids, kinds, levels and times only, never
/// personal data; read the case itself with <c>case(id)</c>.
/// </summary>
public sealed class CareEventType : ObjectGraphType<CareEvent>
{
    /// <summary>Defines the fields.</summary>
    public CareEventType()
    {
        Name = "CareEvent";
        Description = "Something that happened to a case (docs/events.md): ids, kinds, levels and times only; read the case with case(id).";
        this.ReachedThroughParent();
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Stable per event: {caseId}.{sequence}; a repeat delivery has the same id.");
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<CareEventKind>>)).Description("What happened.");
        Field(x => x.CaseId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The case.");
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("Per case from 1, rising by one per event: order and de-duplicate by it.")
            .Resolve(ctx => ctx.Source.Sequence);
        Field(x => x.OccurredAt).Description("When the case saved the change (UTC).");
        Field(x => x.TaskId, nullable: true).Description("The task, for the TASK_* kinds.");
        Field(x => x.OrganizationId, nullable: true).Description("The unit the case belonged to when the event was raised.");
        Field(x => x.AssigneeId, nullable: true).Description("The case's assignee (staff sub) when the event was raised.");
        Field(x => x.TaskOwnerId, nullable: true).Description("The task's owner (staff sub or queue), for the TASK_* kinds.");
        Field(x => x.RiskLevel, type: typeof(EnumerationGraphType<RiskLevel>)).Description("The case's risk level after the change; LOW only as a placeholder when riskGraded is false.");
        Field<NonNullGraphType<BooleanGraphType>>("riskGraded").Description("False while nobody has graded the case (reported as unsure; 未评估 / \"Not yet graded\"): riskLevel then says LOW only as a placeholder and is not low risk.").Resolve(ctx => !ctx.Source.RiskUngraded);
        Field(x => x.EscalationLevel, nullable: true).Description("The case's escalation level after the change (1–3, R-4.3).");
        Field(x => x.DueAt, nullable: true).Description("The task's deadline (UTC), for the TASK_* kinds.");
    }
}

/// <summary>The filter of <c>caseEvents</c>, read as <see cref="CaseEventFilter"/>.</summary>
public sealed class CaseEventFilterInputType : TypedInputType<CaseEventFilter>
{
    /// <summary>Defines the fields.</summary>
    public CaseEventFilterInputType()
    {
        Name = "CaseEventFilter";
        Field<ListGraphType<NonNullGraphType<EnumerationGraphType<CareEventKind>>>>("kinds")
            .Description("Only these kinds (of CASE_ESCALATED, CASE_RISK_CHANGED, CASE_ASSIGNED, CASE_CLOSED, CASE_UNIT_CHANGED); default all five.");
        Field<IdGraphType>("caseId").Description("Only this case.");
    }
}

/// <summary>The arguments of <c>caseEvents</c>.</summary>
public sealed class CaseEventFilter
{
    /// <summary>Only these kinds; null or empty for all case kinds.</summary>
    public List<CareEventKind>? Kinds { get; set; }

    /// <summary>Only this case; null for every case the caller may open.</summary>
    public string? CaseId { get; set; }
}
