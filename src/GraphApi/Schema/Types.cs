using CareGrid.Grains.Errors;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>TimelineEntry</c>.</summary>
public sealed class TimelineEntryType : ObjectGraphType<TimelineEntry>
{
    /// <summary>Defines the fields.</summary>
    public TimelineEntryType()
    {
        Name = "TimelineEntry";
        Description = "One event on a case: who, when, what, why.";
        Field(x => x.At).Description("When (UTC).");
        Field(x => x.Actor).Description("The sub of who did it; 'system' for the service.");
        Field(x => x.Action);
        Field(x => x.FromStatus, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.ToStatus, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.Reason, nullable: true);
    }
}

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
        Field(x => x.EscalationLevel).Description("1 class/community, 2 grade/subdistrict, 3 professional (R-4.3).");
        Field(x => x.AssigneeId, nullable: true).Description("The sub of the assigned staff member.");
        Field(x => x.Summary).Description("What was reported (sensitive).");
        Field(x => x.ReportedBy);
        Field(x => x.ReportedAt);
        Field(x => x.UpdatedAt);
        CaseHistoryFields.Add(this);
        Field(x => x.AvailableActions).Description("The mutations the calling user may call on this case now (e.g. triageCase, closeCase).");
        Field(x => x.VisitEveryHours).Description("Follow-up visit interval in hours at the current risk (raised by the protocol).");
        Field(x => x.NextVisitDue).Description("When the next visit is due (UTC).");
        Field(x => x.InterventionStartedAt, nullable: true);
        Field(x => x.Level3ReassessedAt, nullable: true);
        Field(x => x.ReportOutcome, type: typeof(EnumerationGraphType<ReportOutcome>))
            .Description("On the answer of reportConcern or openCaseFromCensus: OPENED_NEW_CASE, or JOINED_OPEN_CASE (the person's open case took the concern); null elsewhere.");
        ReceiptGuard.Apply(this);
    }
}

/// <summary>
/// Keeps a receipt a receipt: when <c>reportConcern</c> joins an open case the reporter may not open, the answer is a
/// <see cref="CaseView.IsReceipt"/> view, and every field of it but the receipt's own (<c>id</c>, <c>personId</c>,
/// <c>reportOutcome</c>, <c>reportedBy</c>, <c>reportedAt</c>) answers <c>FORBIDDEN</c> with rule need-to-know — never an
/// empty or made-up value that could be read as the case's (docs/architecture.md "Security and privacy").
/// </summary>
internal static class ReceiptGuard
{
    private static readonly HashSet<string> ReceiptFields = new(StringComparer.OrdinalIgnoreCase) { "id", "personId", "reportOutcome", "reportedBy", "reportedAt" };

    /// <summary>Wraps the resolver of every non-receipt field of <paramref name="type"/>.</summary>
    public static void Apply(ObjectGraphType<CaseView> type)
    {
        foreach (var field in type.Fields)
        {
            if (ReceiptFields.Contains(field.Name))
            {
                continue;
            }

            var inner = field.Resolver ?? GraphQL.Resolvers.NameFieldResolver.Instance;
            field.Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>((Func<GraphQL.IResolveFieldContext, ValueTask<object?>>)(context => context.Source is CaseView { IsReceipt: true } receipt
                ? throw new CareGridException(ErrorCodes.Forbidden,
                    "Your concern was added to this open case; you are not on its need-to-know list, so the answer is a receipt (id, personId, reportOutcome). The case's owner and escalation chain see your concern.",
                    new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "Case", ["id"] = receipt.Id })
                : inner.ResolveAsync(context)));
        }
    }
}

/// <summary>GraphQL <c>CaseSummary</c>: a list row with no sensitive fields.</summary>
public sealed class CaseSummaryType : ObjectGraphType<CaseRow>
{
    /// <summary>Defines the fields.</summary>
    public CaseSummaryType()
    {
        Name = "CaseSummary";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.RiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>));
        Field(x => x.EscalationLevel);
        Field(x => x.AssigneeId, nullable: true);
        Field(x => x.ReportedAt);
        Field(x => x.UpdatedAt);
    }
}

/// <summary>GraphQL <c>PageInfo</c> (Relay-style).</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    /// <summary>Defines the fields.</summary>
    public PageInfoType()
    {
        Name = "PageInfo";
        Field(x => x.HasNextPage);
        Field(x => x.EndCursor, nullable: true).Description("Pass as 'after' to get the next page.");
    }
}

/// <summary>Page information of a connection.</summary>
public sealed record PageInfo(bool HasNextPage, string? EndCursor);

/// <summary>A page of list rows with its page information.</summary>
public sealed record Connection<T>(IReadOnlyList<T> Nodes, PageInfo PageInfo);

/// <summary>GraphQL connection type <c>{nodes, pageInfo}</c> over rows of <typeparamref name="TNode"/>.</summary>
public class ConnectionType<TNodeType, TNode> : ObjectGraphType<Connection<TNode>> where TNodeType : IGraphType
{
    /// <summary>Defines the fields.</summary>
    public ConnectionType(string name)
    {
        Name = name;
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>>("nodes").Resolve(ctx => ctx.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Resolve(ctx => ctx.Source.PageInfo);
    }
}

/// <summary>GraphQL <c>CaseConnection</c>.</summary>
public sealed class CaseConnectionType() : ConnectionType<CaseSummaryType, CaseRow>("CaseConnection");

/// <summary>GraphQL <c>CaseTask</c>.</summary>
public sealed class CaseTaskType : ObjectGraphType<CaseTask>
{
    /// <summary>Defines the fields.</summary>
    public CaseTaskType()
    {
        Name = "CaseTask";
        Description = "A deadline task. Overdue = OPEN and past dueAt; an overdue task is escalated one level once.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>));
        Field(x => x.OwnerId).Description("A staff sub or a queue (queue:level-1/2/3, queue:supervisor).");
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskStatus>>));
        Field(x => x.CreatedAt);
        Field(x => x.DueAt).Description("Deadline (UTC).");
        Field<NonNullGraphType<BooleanGraphType>>("overdue").Resolve(ctx => ctx.Source.IsOverdue(ctx.RequestServices!.GetRequiredKeyedService<TimeProvider>(Grains.Hosting.DomainClock.Key).GetUtcNow()));
        Field(x => x.EscalationCount);
        Field(x => x.EscalatedAt, nullable: true);
        Field(x => x.OriginalOwnerId, nullable: true);
        Field(x => x.ClosedAt, nullable: true);
        Field(x => x.ClosedBy, nullable: true);
        Field(x => x.Note, nullable: true);
    }
}

/// <summary>GraphQL <c>TaskSummary</c>: a task list row.</summary>
public sealed class TaskSummaryType : ObjectGraphType<TaskRow>
{
    /// <summary>Defines the fields.</summary>
    public TaskSummaryType()
    {
        Name = "TaskSummary";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The task id within its case.").Resolve(ctx => ctx.Source.Id[(ctx.Source.Id.IndexOf(':') + 1)..]);
        Field(x => x.CaseId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Kind, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskKind>>));
        Field(x => x.OwnerId);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseTaskStatus>>));
        Field(x => x.DueAt);
        Field(x => x.EscalationCount);
    }
}

/// <summary>GraphQL <c>TaskConnection</c>.</summary>
public sealed class TaskConnectionType() : ConnectionType<TaskSummaryType, TaskRow>("TaskConnection");

/// <summary>GraphQL <c>ScreeningResult</c>.</summary>
public sealed class ScreeningResultType : ObjectGraphType<Grains.Screening.ScreeningResult>
{
    /// <summary>Defines the fields.</summary>
    public ScreeningResultType()
    {
        Name = "ScreeningResult";
        Field(x => x.Instrument, type: typeof(NonNullGraphType<ScreeningInstrumentType>));
        Field(x => x.TotalScore, nullable: true).Description("Total score (null for the C-SSRS screener, which is not summed).");
        Field(x => x.Band, type: typeof(NonNullGraphType<EnumerationGraphType<Grains.Screening.SeverityBand>>));
        Field(x => x.SuicidalIdeationFlag);
        Field(x => x.SuggestedRiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>));
        Field(x => x.Prorated).Description("K10 with one missing item, prorated.");
    }
}

/// <summary>GraphQL <c>ScreeningRecord</c>.</summary>
public sealed class ScreeningRecordType : ObjectGraphType<ScreeningRecord>
{
    /// <summary>Defines the fields.</summary>
    public ScreeningRecordType()
    {
        Name = "ScreeningRecord";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Result, type: typeof(NonNullGraphType<ScreeningResultType>));
        Field(x => x.Answers, type: typeof(NonNullGraphType<ListGraphType<IntGraphType>>));
    }
}

/// <summary>GraphQL <c>ContactLog</c>.</summary>
public sealed class ContactLogType : ObjectGraphType<ContactLog>
{
    /// <summary>Defines the fields.</summary>
    public ContactLogType()
    {
        Name = "ContactLog";
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Channel, type: typeof(NonNullGraphType<EnumerationGraphType<ContactChannel>>));
        Field(x => x.DurationMinutes);
        Field(x => x.Notes, nullable: true);
    }
}

/// <summary>GraphQL <c>Referral</c>.</summary>
public sealed class ReferralType : ObjectGraphType<Referral>
{
    /// <summary>Defines the fields.</summary>
    public ReferralType()
    {
        Name = "Referral";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.Institution);
        Field(x => x.Reason);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<ReferralStatus>>));
        Field(x => x.ProposedAt);
        Field(x => x.ProposedBy);
        Field(x => x.SentAt, nullable: true);
        Field(x => x.SharedFields).Description("The only fields that left the tenant with the referral.");
        Field(x => x.ConsentOverrideReason, nullable: true);
        Field(x => x.RespondedAt, nullable: true);
        Field(x => x.CompletedAt, nullable: true);
        Field(x => x.Note, nullable: true);
    }
}

/// <summary>GraphQL <c>CaseNotification</c>.</summary>
public sealed class CaseNotificationType : ObjectGraphType<CaseNotification>
{
    /// <summary>Defines the fields.</summary>
    public CaseNotificationType()
    {
        Name = "CaseNotification";
        Field(x => x.At);
        Field(x => x.To).Description("The queue told (queue:level-2).");
        Field(x => x.Message);
    }
}

/// <summary>GraphQL <c>ScreeningInstrument</c> with the instruments' usual names: PHQ9, GAD7, CSSRS, K10.</summary>
public sealed class ScreeningInstrumentType : EnumerationGraphType
{
    /// <summary>Defines the values.</summary>
    public ScreeningInstrumentType()
    {
        Name = "ScreeningInstrument";
        Add("PHQ9", Grains.Screening.ScreeningInstrument.Phq9, "Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001): 9 items 0–3.");
        Add("GAD7", Grains.Screening.ScreeningInstrument.Gad7, "Generalized Anxiety Disorder-7 (Spitzer et al. 2006): 7 items 0–3.");
        Add("CSSRS", Grains.Screening.ScreeningInstrument.Cssrs, "Columbia Suicide Severity Rating Scale screener (Posner et al. 2011): 7 entries 0/1.");
        Add("K10", Grains.Screening.ScreeningInstrument.K10, "Kessler Psychological Distress Scale (Kessler et al. 2002): 10 items 1–5.");
    }
}
