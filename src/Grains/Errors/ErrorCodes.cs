namespace CareGrid.Grains.Errors;

/// <summary>
/// The stable error codes CareGrid puts in <c>extensions.code</c> of a GraphQL error (docs/architecture.md,
/// "Error codes"). A code's meaning never changes once published; new codes may be added. The codes only the
/// HTTP/GraphQL layer gives (malformed requests, media types, query limits, rate limits, timeouts) are in
/// <c>CareGrid.GraphApi.Http.TransportErrorCodes</c>.
/// </summary>
public static class ErrorCodes
{
    /// <summary>No valid bearer token was presented for a field that needs one.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";
    /// <summary>The caller is authenticated but its role, tenant or relationship does not allow the action.</summary>
    public const string Forbidden = "FORBIDDEN";
    /// <summary>The tenant named by the route, header or argument does not exist (or was deleted).</summary>
    public const string TenantNotFound = "TENANT_NOT_FOUND";
    /// <summary>The tenant exists but is suspended, provisioning or offboarding: it serves no requests.</summary>
    public const string TenantSuspended = "TENANT_SUSPENDED";
    /// <summary>A tenant-scoped field was called on the platform endpoint without a tenant.</summary>
    public const string TenantRequired = "TENANT_REQUIRED";
    /// <summary>The entity with the given id does not exist in the caller's tenant.</summary>
    public const string NotFound = "NOT_FOUND";
    /// <summary>An input value is invalid; <c>extensions.field</c> names the offending field.</summary>
    public const string ValidationFailed = "VALIDATION_FAILED";
    /// <summary>The trigger is not permitted in the current state; extensions carry <c>state</c> and <c>permittedTriggers</c>.</summary>
    public const string InvalidTransition = "INVALID_TRANSITION";
    /// <summary>An action needs a consent the person has not granted; <c>extensions.purpose</c> names it .</summary>
    public const string ConsentRequired = "CONSENT_REQUIRED";
    /// <summary>A High or Imminent case closes only after a level-3 reassessment of its risk (docs/architecture.md "CaseGrain").</summary>
    public const string ReassessmentRequired = "REASSESSMENT_REQUIRED";
    /// <summary>The acting staff member's qualification has expired .</summary>
    public const string QualificationExpired = "QUALIFICATION_EXPIRED";
    /// <summary>The entity already exists (for example a tenant id taken at onboarding).</summary>
    public const string AlreadyExists = "ALREADY_EXISTS";
    /// <summary>An optimistic-concurrency conflict: nothing was written, the request is safe to retry.</summary>
    public const string ConflictRetry = "CONFLICT_RETRY";
    /// <summary>
    /// The cluster could not serve the request just now — a silo it needed was unreachable or being declared dead
    /// (fail-over), or the call timed out. The outcome is unknown: the change may or may not have been applied.
    /// Retry it with the same <c>idempotencyKey</c>: a retry answers the first result without writing again
    /// (docs/idempotency.md).
    /// </summary>
    public const string Unavailable = "UNAVAILABLE";
    /// <summary>
    /// An idempotency key was sent again with a different request (another mutation or other arguments) by the same
    /// caller; nothing was written. <c>extensions.field</c> is <c>idempotencyKey</c> (docs/idempotency.md).
    /// </summary>
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    /// <summary>
    /// A record would pass a storage limit (Azure Table Storage: 1 MiB per entity, 64 KiB per property); nothing was
    /// written. CareGrid keeps grain state bounded so this is not reached in normal use (docs/storage.md).
    /// </summary>
    public const string StorageLimit = "STORAGE_LIMIT";
    /// <summary>An unexpected server error; never carries a stack trace or internal detail.</summary>
    public const string Internal = "INTERNAL";
    /// <summary>
    /// <c>completeTask</c> or <c>cancelTask</c> on a task that is already DONE or CANCELLED; nothing changed. Extensions:
    /// <c>taskId</c>, <c>status</c> (<c>DONE</c> or <c>CANCELLED</c>), <c>closedBy</c> (the sub), <c>closedAt</c> (ISO 8601 UTC)
    /// and <c>closedByAction</c> (the mutation that closed it, e.g. <c>startIntervention</c>; empty when not recorded), R-1.10.
    /// </summary>
    public const string TaskAlreadyClosed = "TASK_ALREADY_CLOSED";
    /// <summary>
    /// A staff member cannot be taken off (<c>removeOrganizationMember</c>) while they still own open cases or tasks: the
    /// work would be orphaned. Extensions carry <c>personId</c>, <c>subject</c>, <c>openCases</c>, <c>openHighRiskCases</c> and
    /// <c>openTasks</c>, and <c>next</c> = <c>reassignWork</c>; nothing was changed (docs/staff-changes.md).
    /// </summary>
    public const string MemberHasOpenWork = "MEMBER_HAS_OPEN_WORK";
    /// <summary>
    /// <c>closeOrganization</c> on a unit that still has open cases (red-team finding F16): they would be cut off from the unit's
    /// staff. Extensions carry <c>organizationId</c>, <c>openCases</c> and <c>next</c> = <c>closeCase</c>; nothing was changed
    /// (docs/teams.md "Closing a unit").
    /// </summary>
    public const string UnitHasOpenCases = "UNIT_HAS_OPEN_CASES";
    /// <summary>
    /// <c>closeOrganization</c> on a unit that still has members (round 18 red team): membership of a closed unit would keep
    /// giving them its need-to-know scope — a closed counselling centre's psychologist would still see the whole school.
    /// Extensions carry <c>organizationId</c>, <c>members</c> (the count) and <c>next</c> = <c>removeOrganizationMember</c>;
    /// nothing was changed (docs/teams.md "Closing a unit").
    /// </summary>
    public const string UnitHasMembers = "UNIT_HAS_MEMBERS";
    /// <summary>
    /// <c>reassignWork</c> named a receiver who may not work a case at its escalation level (R-4.3: a level-3 case needs a
    /// Counsellor or Clinician). Extensions carry <c>field</c>, <c>caseId</c>, <c>escalationLevel</c>, <c>requiredRoles</c> and
    /// <c>personId</c>; nothing was moved (docs/staff-changes.md).
    /// </summary>
    public const string ReceiverNotEligible = "RECEIVER_NOT_ELIGIBLE";
    /// <summary>
    /// A person reference names more than one person: the <c>externalId</c> of several people (a person's own id always wins
    /// over external ids). Nothing was changed; pass the person id (<c>extensions.field</c>; the ids are not listed, they may
    /// lie outside the caller's scope; docs/api.md, "External ids").
    /// </summary>
    public const string AmbiguousId = "AMBIGUOUS_ID";
    /// <summary>
    /// A roster row whose <c>externalId</c> (学号) is already that of a person with another name (names compared in the form
    /// search matches them, <c>PersonNameKeys.Normalize</c>): most likely a typo in the number, which would otherwise rename
    /// and move another child. The row is refused (extensions <c>field</c> <c>externalId</c>); the other person is neither
    /// named nor changed (docs/rosters.md "One 学号, one person").
    /// </summary>
    public const string ExternalIdConflict = "EXTERNAL_ID_CONFLICT";
    /// <summary>
    /// A roster row whose person (same <c>externalId</c>, same name) is registered in another unit, in an import that did not
    /// allow moves (<c>importRoster(allowMoves: false)</c>, the default): most likely the file of another class imported into
    /// the wrong one, which would move the whole class and show its pupils to the wrong homeroom teacher. The row is refused
    /// (extensions <c>field</c> <c>externalId</c>, <c>organizationId</c> the unit the person is in); nothing of the person changes.
    /// Import again with <c>allowMoves: true</c> when the class really changed (docs/rosters.md "Moves are asked for").
    /// </summary>
    public const string PersonInOtherUnit = "PERSON_IN_OTHER_UNIT";
    /// <summary>
    /// <c>recordDischarge</c> on a case that already holds the most discharges one case keeps (extension <c>limit</c>); nothing was
    /// written. Close the case and record the discharge again: it opens a new case (R-2.4, docs/discharge.md).
    /// </summary>
    public const string DischargeLimitReached = "DISCHARGE_LIMIT_REACHED";
    /// <summary>
    /// <c>proposeAidRequest</c> on a case that already holds the most aid requests one case keeps (50, bounded state,
    /// docs/storage.md); nothing was added. Extensions carry <c>field</c> (<c>caseId</c>) and <c>limit</c> (docs/aid.md).
    /// </summary>
    public const string AidRequestLimit = "AID_REQUEST_LIMIT";
    /// <summary>
    /// <c>logVisit</c>: the person's visit log already holds the most visits one log keeps (docs/visits.md, R-6.2); nothing was
    /// logged. Extensions carry <c>personId</c> and <c>limit</c>.
    /// </summary>
    public const string VisitLogFull = "VISIT_LOG_FULL";
    /// <summary>
    /// A worry-mailbox thread holds the most messages one thread keeps (40, R-5.2, docs/mailbox.md "Limits"); nothing was
    /// written. A counsellor closes the thread and the writer posts a new message.
    /// </summary>
    public const string MailboxThreadFull = "MAILBOX_THREAD_FULL";
    /// <summary>
    /// <c>convertMailboxThreadToConcern</c> on a worry-mailbox thread whose writer has not identified themself in a reply
    /// (<c>contactMe</c>, R-5.2, docs/mailbox.md "Turning a thread into a case"); nothing was written. Only the writer can lift
    /// their anonymity: reply in the thread and ask them to write back with <c>contactMe</c>.
    /// </summary>
    public const string MailboxWriterNotIdentified = "MAILBOX_WRITER_NOT_IDENTIFIED";
    /// <summary>
    /// <c>developmentSignIn</c> on a service that trusts an OpenID Connect authority (<c>Auth:Authority</c> is set): development
    /// tokens are refused there, so none is issued (docs/console.md "Sign-in"). Sign in with the authority instead
    /// (<c>signInOptions</c> names it). The refusal is audited like every refusal (docs/audit-refusals.md).
    /// </summary>
    public const string DevelopmentSignInDisabled = "DEVELOPMENT_SIGN_IN_DISABLED";
    /// <summary>
    /// <c>registerWebhook</c> on a tenant that already has the most webhook endpoints one tenant keeps (10, docs/webhooks.md
    /// "Limits"); nothing was registered. Extensions carry <c>limit</c>. Delete an endpoint (<c>deleteWebhook</c>) first.
    /// </summary>
    public const string WebhookLimit = "WEBHOOK_LIMIT";
}
