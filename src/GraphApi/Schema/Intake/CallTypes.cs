using CareGrid.Grains.Cases;
using CareGrid.Grains.Intake;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Call</c>: one logged call of the 24-hour line, a hotline or a counsellor's phone (R-5.1, R-5.2, R-4.6, R-1.9; docs/intake.md).</summary>
public sealed class CallType : ObjectGraphType<CallView>
{
    /// <summary>Defines the fields.</summary>
    public CallType()
    {
        Name = "Call";
        this.ReachedThroughParent();
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Channel, type: typeof(NonNullGraphType<EnumerationGraphType<CallChannel>>));
        Field(x => x.AnsweredAt).Description("When the call was answered (UTC).");
        Field(x => x.AnsweredBy).Description("The sub of who answered and logged it.");
        Field(x => x.CallerPersonId, type: typeof(IdGraphType)).Description("The known caller's person id; null for an anonymous caller.");
        Field(x => x.Summary);
        Field(x => x.RiskCheck, type: typeof(NonNullGraphType<CallRiskCheckType>));
        Field(x => x.RiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>)).Description("The grading at intake: the risk check's level, raised by the answerer's riskLevel (R-1.10). Reads LOW only as a placeholder when riskGraded is false: show the call as not yet graded (未评估 / \"Not yet graded\"), never Low.");
        Field(x => x.RiskGraded).Description("False when the answerer gave neither riskCheck nor riskLevel: nobody graded the call, and converting it opens the case not yet graded with a GRADE_RISK task (docs/intake.md).");
        Field(x => x.OrganizationId, type: typeof(IdGraphType)).Description("The known caller's unit; null for an anonymous caller.");
        Field(x => x.CaseId, type: typeof(IdGraphType)).Description("The case the call's concern went to (convertCallToConcern), when that case opens to you by need-to-know; "
            + "to its converter answered with a receipt (not on the case's need-to-know list) the receipt's own id (rcpt-…), as reportConcern answers; null otherwise and until converted (docs/intake.md).");
        Field(x => x.ConcernPersonId, type: typeof(IdGraphType)).Description("The person the concern is about; null until converted.");
        Field(x => x.ConvertedBy, nullable: true);
        Field(x => x.ConvertedAt, nullable: true);
    }
}

/// <summary>GraphQL <c>CallRiskCheck</c>: the brief risk check at intake (C-SSRS screener questions, R-1.10).</summary>
public sealed class CallRiskCheckType : ObjectGraphType<CallRiskCheck>
{
    /// <summary>Defines the fields.</summary>
    public CallRiskCheckType()
    {
        Name = "CallRiskCheck";
        this.ReachedThroughParent();
        Field(x => x.ThoughtsOfDeath).Description("Wished to be dead or thought of killing themself (C-SSRS screener 1–2).");
        Field(x => x.Method).Description("Thought about how (C-SSRS screener 3).");
        Field(x => x.IntentOrPlan).Description("Some intention of acting, or a plan (C-SSRS screener 4–5).");
        Field(x => x.RecentAttempt).Description("Did or prepared something to end their life in the last three months (C-SSRS screener 6).");
        Field(x => x.InDangerNow).Description("In acute danger now (the answerer's judgement).");
    }
}

/// <summary>GraphQL <c>CallSummary</c>: a row of <c>calls</c> — no summary, no caller identity, no risk answers.</summary>
public sealed class CallSummaryType : ObjectGraphType<CallRow>
{
    /// <summary>Defines the fields.</summary>
    public CallSummaryType()
    {
        Name = "CallSummary";
        this.ReachedThroughParent();
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Channel, type: typeof(NonNullGraphType<EnumerationGraphType<CallChannel>>));
        Field(x => x.AnsweredAt);
        Field(x => x.AnsweredBy);
        Field(x => x.KnownCaller).Description("True when the caller is a known person (read call(id) for who).");
        Field(x => x.RiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>)).Description("The grading at intake. Reads LOW only as a placeholder when riskGraded is false: show the call as not yet graded (未评估 / \"Not yet graded\"), never Low.");
        Field(x => x.RiskGraded).Description("False when nobody graded the call (logged with neither riskCheck nor riskLevel): riskLevel is then a placeholder, not low risk (docs/intake.md).");
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
        Field<IdGraphType>("caseId")
            .Description("To the one who converted the call: the id convertCallToConcern gave them (the case's, or their receipt's own id rcpt-…); null to everyone else "
                + "and until converted — read call(id), which shows the case's id to whom the case opens (docs/intake.md).")
            .Resolve(ctx => ctx.Source.ConvertedBy is { } by && by == ctx.Actor().Subject ? ctx.Source.CaseId : null);
    }
}

/// <summary>GraphQL <c>CallConnection</c> of <see cref="CallSummaryType"/> rows.</summary>
public sealed class CallConnectionType() : ConnectionType<CallSummaryType, CallRow>("CallConnection");
