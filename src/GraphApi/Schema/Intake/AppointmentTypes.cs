using CareGrid.Grains.Intake;
using CareGrid.GraphApi.Schema.Access;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>GraphQL <c>Appointment</c>: a request to see the counselling centre (R-5.1; docs/intake.md).</summary>
public sealed class AppointmentType : ObjectGraphType<AppointmentView>
{
    /// <summary>Defines the fields.</summary>
    public AppointmentType()
    {
        Name = "Appointment";
        this.ReachedThroughParent();
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(IdGraphType)).Description("The person's unit when requested.");
        Field(x => x.Reason);
        Field(x => x.PreferredTimes, nullable: true);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<AppointmentStatus>>))
            .Description("REQUESTED → SCHEDULED → HELD | MISSED | CANCELLED; REQUESTED → CANCELLED.");
        Field(x => x.RequestedBy);
        Field(x => x.RequestedAt);
        Field(x => x.ScheduledAt, nullable: true).Description("The appointment's time (UTC), once scheduled.");
        Field(x => x.CounsellorSubject, nullable: true).Description("The sub of who holds it, once scheduled.");
        Field(x => x.History, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<AppointmentStepType>>>)).Description("Every step, oldest first.");
    }
}

/// <summary>GraphQL <c>AppointmentStep</c>: one step of an appointment's history.</summary>
public sealed class AppointmentStepType : ObjectGraphType<AppointmentStep>
{
    /// <summary>Defines the fields.</summary>
    public AppointmentStepType()
    {
        Name = "AppointmentStep";
        this.ReachedThroughParent();
        Field(x => x.At);
        Field(x => x.By);
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<AppointmentStatus>>));
        Field(x => x.ScheduledAt, nullable: true);
        Field(x => x.Note, nullable: true);
    }
}

/// <summary>GraphQL <c>AppointmentSummary</c>: a row of <c>appointments</c> — ids, status and times, no reason or notes.</summary>
public sealed class AppointmentSummaryType : ObjectGraphType<AppointmentRow>
{
    /// <summary>Defines the fields.</summary>
    public AppointmentSummaryType()
    {
        Name = "AppointmentSummary";
        this.ReachedThroughParent();
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.PersonId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(x => x.OrganizationId, type: typeof(IdGraphType));
        Field(x => x.Status, type: typeof(NonNullGraphType<EnumerationGraphType<AppointmentStatus>>));
        Field(x => x.RequestedBy);
        Field(x => x.RequestedAt);
        Field(x => x.ScheduledAt, nullable: true);
        Field(x => x.CounsellorSubject, nullable: true);
    }
}

/// <summary>GraphQL <c>AppointmentConnection</c> of <see cref="AppointmentSummaryType"/> rows.</summary>
public sealed class AppointmentConnectionType() : ConnectionType<AppointmentSummaryType, AppointmentRow>("AppointmentConnection");

/// <summary>The <c>input</c> of <c>requestAppointment</c>.</summary>
public sealed class RequestAppointmentInput
{
    /// <summary>Who the appointment is for (person id or external id).</summary>
    public string? PersonId { get; set; }

    /// <summary>Why, 1–2000 characters.</summary>
    public string? Reason { get; set; }

    /// <summary>When the person can come, at most 500 characters.</summary>
    public string? PreferredTimes { get; set; }

    /// <summary>Retry key (docs/idempotency.md).</summary>
    public string? IdempotencyKey { get; set; }
}

/// <summary>GraphQL input <c>RequestAppointmentInput</c>, read as <see cref="RequestAppointmentInput"/>.</summary>
public sealed class RequestAppointmentInputType : TypedInputType<RequestAppointmentInput>
{
    /// <summary>Defines the fields.</summary>
    public RequestAppointmentInputType()
    {
        Name = "RequestAppointmentInput";
        Field<NonNullGraphType<IdGraphType>>("personId");
        Field<NonNullGraphType<StringGraphType>>("reason").Description("Why the person asks to see a counsellor, 1–2000 characters.");
        Field<StringGraphType>("preferredTimes").Description("When the person can come, free text, at most 500 characters.");
        Field<StringGraphType>("idempotencyKey").Description(IdempotencyArguments.Description + " The request's id is derived from the key.");
    }
}
