using CareGrid.Grains.Cases;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Case</c>.</summary>
public sealed class CaseType : ObjectGraphType<CaseView>
{
    /// <summary>Defines the fields.</summary>
    public CaseType()
    {
        Name = "Case";
        Description = "One episode of concern for one person.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.RiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>));
        Field<NonNullGraphType<BooleanGraphType>>("riskGraded").Description(CaseSummaryType.RiskGradedDescription).Resolve(ctx => !ctx.Source.RiskUngraded);
        Field(x => x.CrisisWords).Description("Words suggesting a risk of self-harm or suicide found in concerns reported below HIGH or without a grading, each once, first found first; empty when none. Such a report sends the case to level 3 with a GRADE_RISK task due within an hour; the words are a prompt to read, not a grading (docs/protocol.md \"Crisis words\").");
        Field(x => x.EscalationLevel).Description("1 class/community, 2 grade/subdistrict, 3 professional (R-4.3).");
        Field(x => x.AssigneeId, nullable: true).Description("The sub of the assigned staff member.");
        Field(x => x.Summary).Description("What was reported (sensitive).");
        Field(x => x.ReportedBy);
        Field(x => x.ReportedAt);
        Field(x => x.UpdatedAt);
        CaseHistoryFields.Add(this);
        Field(x => x.AvailableActions).Description("The mutations the calling user may call on this case now (e.g. triageCase, closeCase): the allowed nextActions, each name once.");
        Field(x => x.NextActions, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<NextActionType>>>))
            .Description("Every case mutation that makes sense in the case's current state, for the calling user: allowed now, or the code, reason, consent purpose or roles its refusal would carry; completeTask and cancelTask once per open task (taskId).");
        Field(x => x.VisitEveryHours).Description("Follow-up visit interval in hours at the current risk (raised by the protocol).");
        Field(x => x.NextVisitDue).Description("When the next visit is due (UTC).");
        Field(x => x.InterventionStartedAt, nullable: true);
        Field(x => x.Level3ReassessedAt, nullable: true);
        Field(x => x.ReportOutcome, type: typeof(EnumerationGraphType<ReportOutcome>))
            .Description("On the answer of reportConcern or openCaseFromCensus: OPENED_NEW_CASE, or JOINED_OPEN_CASE (the person's open case took the concern); null elsewhere.");
        Field(x => x.Discharges, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<DischargeType>>>)).Description("Discharges handed over on this case, oldest first (R-2.4, docs/discharge.md).");
        ReceiptGuard.Apply(this);
        this.ReachedThroughParent();
    }
}
