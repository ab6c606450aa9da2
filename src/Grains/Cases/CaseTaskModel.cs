namespace CareGrid.Grains.Cases;

/// <summary>Kinds of deadline task the high-risk protocol and hand-overs create.</summary>
[GenerateSerializer, Alias("CareGrid.CaseTaskKind")]
public enum CaseTaskKind
{
    /// <summary>Give the family the emergency contact number and tell them of the risk .</summary>
    NotifyFamilyEmergencyContact,
    /// <summary>Mental health professionals take over crisis intervention (R-1.10, R-4.3 level 3).</summary>
    ProfessionalCrisisIntervention,
    /// <summary>Visits become more frequent .</summary>
    RaiseVisitFrequency,
    /// <summary>Guide the person to a psychiatric institution .</summary>
    GuideToPsychiatricInstitution,
    /// <summary>Police help with safe transport to hospital; only at Imminent risk.</summary>
    PoliceTransportAssistance,
    /// <summary>Discharge information handed over within 5 working days .</summary>
    DischargeHandOver,
    /// <summary>A scheduled follow-up visit .</summary>
    FollowUpVisit,
    /// <summary>
    /// The primary health institution checks a received discharge with the community of residence within 5 working days
    /// (R-2.4, docs/discharge.md); created when the hand-over is received. Appended: enum values are persisted.
    /// </summary>
    DischargeCommunityCheck,
    /// <summary>
    /// Grade the risk of a case reported as unsure (<see cref="CaseState.RiskUngraded"/>: a concern is assessed at
    /// once), created when the case opens ungraded, due per the tenant's deadline (default 24 hours, at most 72,
    /// <see cref="Tenancy.ProtocolDeadlineBounds"/>) and done by the first grading — <c>assessRisk</c>, a screening or a higher
    /// grading of a joining concern — never by <c>completeTask</c> (docs/protocol.md "Ungraded reports"). Appended: enum values
    /// are persisted.
    /// </summary>
    GradeRisk,
}

/// <summary>Task status: <c>Open → Done | Cancelled</c>. Overdue is derived (open and past its deadline).</summary>
[GenerateSerializer, Alias("CareGrid.CaseTaskStatus")]
public enum CaseTaskStatus
{
    /// <summary>To do.</summary>
    Open,
    /// <summary>Done.</summary>
    Done,
    /// <summary>No longer needed (e.g. the case closed or risk was reassessed).</summary>
    Cancelled,
}
