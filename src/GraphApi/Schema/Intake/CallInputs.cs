using CareGrid.Grains.Cases;
using CareGrid.Grains.Intake;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>The <c>input</c> of <c>logCall</c> (R-5.1, R-5.2, R-4.6, R-1.9).</summary>
public sealed class LogCallInput
{
    /// <summary>The line.</summary>
    public CallChannel Channel { get; set; }

    /// <summary>When the call was answered (UTC); null: now.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>The known caller's person id (or external id); null for an anonymous caller.</summary>
    public string? CallerPersonId { get; set; }

    /// <summary>What was said, 1–4000 characters.</summary>
    public string? Summary { get; set; }

    /// <summary>The brief risk check; null: every answer no.</summary>
    public CallRiskCheckInput? RiskCheck { get; set; }

    /// <summary>The answerer's own grading; raises the check's level, never lowers it.</summary>
    public RiskLevel? RiskLevel { get; set; }

    /// <summary>Retry key (docs/idempotency.md).</summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>The risk check of <see cref="LogCallInput"/>: every answer defaults to no.</summary>
public sealed class CallRiskCheckInput
{
    /// <summary>C-SSRS screener 1–2.</summary>
    public bool ThoughtsOfDeath { get; set; }

    /// <summary>C-SSRS screener 3.</summary>
    public bool Method { get; set; }

    /// <summary>C-SSRS screener 4–5.</summary>
    public bool IntentOrPlan { get; set; }

    /// <summary>C-SSRS screener 6.</summary>
    public bool RecentAttempt { get; set; }

    /// <summary>Acute danger now.</summary>
    public bool InDangerNow { get; set; }

    /// <summary>The domain record.</summary>
    public CallRiskCheck ToCheck() => new(ThoughtsOfDeath, Method, IntentOrPlan, RecentAttempt, InDangerNow);
}

/// <summary>GraphQL input <c>LogCallInput</c>, read as <see cref="LogCallInput"/>.</summary>
public sealed class LogCallInputType : TypedInputType<LogCallInput>
{
    /// <summary>Defines the fields.</summary>
    public LogCallInputType()
    {
        Name = "LogCallInput";
        Field<NonNullGraphType<EnumerationGraphType<CallChannel>>>("channel");
        Field<DateTimeOffsetGraphType>("answeredAt").Description("When the call was answered (UTC); default now. Not in the future, at most 30 days back.");
        Field<IdGraphType>("callerPersonId").Description("The caller's person id (or external id) when the caller is known; leave out for an anonymous caller.");
        Field<NonNullGraphType<StringGraphType>>("summary").Description("What the caller said, 1–4000 characters.");
        Field<CallRiskCheckInputType>("riskCheck").Description("The brief risk check at intake; default: every answer no. With riskLevel also left out, nobody graded the call: riskGraded is false and its conversion opens the case not yet graded.");
        Field<EnumerationGraphType<RiskLevel>>("riskLevel").Description("Your own grading: raises the risk check's level, never lowers it.");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description + " The call's id is derived from the key.");
    }
}

/// <summary>GraphQL input <c>CallRiskCheckInput</c>, read as <see cref="CallRiskCheckInput"/>.</summary>
public sealed class CallRiskCheckInputType : TypedInputType<CallRiskCheckInput>
{
    /// <summary>Defines the fields.</summary>
    public CallRiskCheckInputType()
    {
        Name = "CallRiskCheckInput";
        Field<BooleanGraphType>("thoughtsOfDeath").Description("Wished to be dead or thought of killing themself (C-SSRS screener 1–2). Yes alone: LOW.");
        Field<BooleanGraphType>("method").Description("Thought about how (C-SSRS screener 3): MODERATE.");
        Field<BooleanGraphType>("intentOrPlan").Description("Some intention of acting, or a plan (C-SSRS screener 4–5): HIGH.");
        Field<BooleanGraphType>("recentAttempt").Description("Did or prepared something to end their life in the last three months (C-SSRS screener 6): HIGH.");
        Field<BooleanGraphType>("inDangerNow").Description("In acute danger now: IMMINENT.");
    }
}
