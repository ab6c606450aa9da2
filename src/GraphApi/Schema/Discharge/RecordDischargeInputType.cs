using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>Input of <c>recordDischarge</c> (R-2.4, docs/discharge.md).</summary>
public sealed class RecordDischargeInputType : TypedInputType<RecordDischargeInput>
{
    /// <summary>Defines the fields.</summary>
    public RecordDischargeInputType()
    {
        Name = "RecordDischargeInput";
        Field<NonNullGraphType<IdGraphType>>("personId").Description("The recovered patient.");
        Field<NonNullGraphType<IdGraphType>>("hospitalOrganizationId").Description("The discharging hospital (HOSPITAL or PSYCHIATRIC_INSTITUTION); the caller is a member of it, or TenantAdmin.");
        Field<NonNullGraphType<IdGraphType>>("residenceOrganizationId").Description("The place of residence (COMMUNITY or VILLAGE): the case's unit when the discharge opens one; owns the community check.");
        Field<NonNullGraphType<IdGraphType>>("primaryHealthOrganizationId").Description("The primary health institution (PRIMARY_HEALTH_CENTRE): its level's queue owns the hand-over task.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("dischargedAt").Description("When the patient left the hospital; the 5-working-day hand-over counts from it on the tenant's calendar. Not in the future, at most a year ago.");
        Field<StringGraphType>("note").Description("The discharge information (sensitive), at most 3000 characters.");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description);
    }
}
