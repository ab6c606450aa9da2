using CareGrid.Grains.Cases;
using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CaseSummary</c>: a list row with no sensitive fields.</summary>
public sealed class CaseSummaryType : ObjectGraphType<CaseRow>
{
    /// <summary>The description of <c>riskGraded</c> on <c>Case</c> and <c>CaseSummary</c>.</summary>
    public const string RiskGradedDescription = "False while nobody has graded the risk: the concern was reported without riskLevel (the reporter was unsure) and no assessRisk, screening or grading raise has happened since. riskLevel then reads LOW only as a placeholder: show the case as not yet graded and put it right after HIGH/IMMINENT in a work queue (the console does; the cases list itself stays in id order) (docs/protocol.md \"Ungraded reports\"). True for every case graded at least once, and for cases stored before this field existed.";

    /// <summary>Defines the fields.</summary>
    public CaseSummaryType()
    {
        Name = "CaseSummary";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<CaseStatus>>));
        Field(x => x.RiskLevel, type: typeof(NonNullGraphType<EnumerationGraphType<RiskLevel>>));
        Field<NonNullGraphType<BooleanGraphType>>("riskGraded").Description(RiskGradedDescription).Resolve(ctx => !ctx.Source.RiskUngraded);
        Field(x => x.EscalationLevel);
        Field(x => x.AssigneeId, nullable: true);
        Field(x => x.ReportedAt);
        Field(x => x.UpdatedAt);
        this.ReachedThroughParent();
    }
}
