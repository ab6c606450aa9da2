using CareGrid.Grains.Cases;
using CareGrid.Grains.Hosting;
using CareGrid.Grains.People;
using CareGrid.Grains.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using CareGrid.Grains.ReadModel;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>CaseSummary</c>: a list row with no sensitive fields.</summary>
public sealed class CaseSummaryType : ObjectGraphType<CaseRow>
{
    /// <summary>The description of <c>riskGraded</c> on <c>Case</c> and <c>CaseSummary</c>.</summary>
    public const string RiskGradedDescription = "False while nobody has graded the risk: the concern was reported without riskLevel (the reporter was unsure) and no assessRisk, screening or grading raise has happened since. riskLevel then reads LOW only as a placeholder — or the reporter's LOW or MODERATE when the report's words suggested a crisis (crisisWords on the case; below HIGH only a Counsellor or Clinician grades it) —: show the case as not yet graded and put it right after HIGH/IMMINENT in a work queue (the console does; the cases list itself stays in id order) (docs/protocol.md \"Ungraded reports\"). True for every case graded at least once, and for cases stored before this field existed.";

    /// <summary>Defines the fields.</summary>
    public CaseSummaryType()
    {
        Name = "CaseSummary";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field<PersonSummaryType>("person")
            .Description("The case's person as the people list shows them to staff of the same scope (id, displayName, organizationId, externalId; no sensitive "
                + "field), so a work queue can name who each case is about; null when the person's record was erased or the person is now in a unit outside "
                + "the caller's scope (moved away). One person read per row asked.")
            .ResolveAsync(async ctx =>
            {
                var grains = ctx.RequestServices!.GetRequiredService<IGrainFactory>();
                var info = await grains.GetRef<IPersonGrain>(TenantIds.Key(ctx.Source.TenantId, ctx.Source.PersonId)).Get();
                // as the people list shows them to this caller: a person who moved out of the caller's units is not listed
                // there, so the row names nobody (round-24 red team: a closed case of class 7-1 showed the pupil's new unit
                // and new roster number after the pupil moved to class 9-1)
                return info is null || !(await ctx.StaffScopeAsync(grains)).Covers(info.OrganizationId)
                    ? null
                    : new PersonRow(info.TenantId, info.Id, info.DisplayName, info.OrganizationId) { ExternalId = info.ExternalId };
            });
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
