using CareGrid.Grains.Discharge;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Discharge</c>: a discharge handed over on a case (R-2.4, docs/discharge.md).</summary>
public sealed class DischargeType : ObjectGraphType<DischargeRecord>
{
    /// <summary>Defines the fields.</summary>
    public DischargeType()
    {
        Name = "Discharge";
        Description = "A recovered patient's discharge handed over to the place of residence and the primary health institution (R-2.4).";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.HospitalOrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.ResidenceOrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PrimaryHealthOrganizationId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.DischargedAt).Description("When the patient left the hospital (UTC).");
        Field(x => x.RecordedAt);
        Field(x => x.RecordedBy);
        Field(x => x.Note, nullable: true).Description("The discharge information (sensitive).");
        Field(x => x.HandOverTaskId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The DISCHARGE_HAND_OVER task (5 working days from the discharge).");
        Field(x => x.CommunityCheckTaskId, type: typeof(IdGraphType)).Description("The DISCHARGE_COMMUNITY_CHECK task, once the hand-over was received.");
        Field(x => x.Steps, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<DischargeStepRecordType>>>)).Description("The steps recorded, oldest first.");
        this.ReachedThroughParent();
    }
}

/// <summary>GraphQL <c>DischargeStepRecord</c>.</summary>
public sealed class DischargeStepRecordType : ObjectGraphType<DischargeStepRecord>
{
    /// <summary>Defines the fields.</summary>
    public DischargeStepRecordType()
    {
        Name = "DischargeStepRecord";
        Field(x => x.Step, type: typeof(NonNullGraphType<EnumerationGraphType<DischargeStep>>));
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Note, nullable: true);
        this.ReachedThroughParent();
    }
}
