using CareGrid.Grains.Cases;
using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.People;
using CareGrid.Grains.Security;

namespace CareGrid.Grains.Aid;

/// <summary>
/// The rules of a case's material-aid requests to the civil-affairs unit (R-1.8 practical hardship; help with
/// difficulties; docs/aid.md), tracked like a referral: <see cref="AidStateMachine"/>. Plain class over the state at
/// <paramref name="now"/>; a refused command throws and changes nothing.
/// </summary>
/// <param name="state">The case's aid requests (changed in place).</param>
/// <param name="caseId">The case's local id.</param>
/// <param name="now">The instant of the command (domain clock).</param>
public sealed class CaseAid(CaseAidState state, string caseId, DateTimeOffset now)
{
    /// <summary>The most requests one case holds (docs/storage.md: bounded state); past it <c>AID_REQUEST_LIMIT</c>.</summary>
    public const int MaxRequestsPerCase = 50;

    /// <summary>The longest <c>need</c> and <c>note</c>, characters.</summary>
    public const int MaxText = 2000;

    /// <summary>Who handles aid requests: level-1 caseworkers (grid workers, homeroom teachers), level 2 and level 3 .</summary>
    public static readonly IReadOnlyList<string> Roles = [Security.Roles.Caseworker, Security.Roles.Coordinator, Security.Roles.Counsellor, Security.Roles.Clinician];

    /// <summary>
    /// Proposes a request to <paramref name="providerOrganizationId"/> (already checked to be an open organization of the tenant).
    /// <c>FORBIDDEN</c> (role), <c>INVALID_TRANSITION</c> (a CLOSED case), <c>VALIDATION_FAILED</c> (<c>need</c>),
    /// <c>AID_REQUEST_LIMIT</c> (the case holds <see cref="MaxRequestsPerCase"/>).
    /// </summary>
    public AidRequest Propose(string providerOrganizationId, string? need, CaseStatus caseStatus, Actor actor)
    {
        CaseAggregate.RequireAny(actor, Roles, "propose material aid");
        if (caseStatus == CaseStatus.Closed)
        {
            throw new CareGridException(ErrorCodes.InvalidTransition, "proposeAidRequest needs an open case; this case is CLOSED (reopenCase first).",
                new Dictionary<string, string> { ["state"] = "CLOSED", ["trigger"] = "proposeAidRequest", ["permittedTriggers"] = "reopenCase" });
        }

        var text = Text(need, "need") ?? throw CareGridException.Validation("need", "Say what is needed (need, 1–2000 characters).");
        if (state.Requests.Count >= MaxRequestsPerCase)
        {
            throw new CareGridException(ErrorCodes.AidRequestLimit,
                $"This case already holds {MaxRequestsPerCase} aid requests; nothing was added. Record the answers of the open ones or open a new case.",
                new Dictionary<string, string> { ["field"] = "caseId", ["limit"] = MaxRequestsPerCase.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        state.Sequence++;
        var request = new AidRequest($"aid-{state.Sequence}", caseId, providerOrganizationId, text, AidStatus.Proposed, now, actor.Subject, null, null, null);
        state.Requests.Add(request);
        return request;
    }

    /// <summary>
    /// Sends a proposed request to its provider. Sharing the person's need with another unit needs INFORMATION_SHARING
    /// granted: else <c>CONSENT_REQUIRED</c> (<c>extensions.purpose</c>). <c>FORBIDDEN</c>, <c>NOT_FOUND</c>, <c>INVALID_TRANSITION</c>.
    /// </summary>
    public AidRequest Send(string aidId, ConsentStatus informationSharing, Actor actor)
    {
        CaseAggregate.RequireAny(actor, Roles, "send an aid request");
        var (index, request) = Find(aidId);
        var next = AidStateMachine.Next(request.Status, AidTrigger.Send);
        if (informationSharing != ConsentStatus.Granted)
        {
            throw new CareGridException(ErrorCodes.ConsentRequired,
                "sendAidRequest shares the person's need with the provider: record INFORMATION_SHARING consent as GRANTED first (recordConsent, R-1.7).",
                new Dictionary<string, string> { ["purpose"] = "INFORMATION_SHARING", ["status"] = Hosting.SchemaNames.Value(informationSharing), ["grantedBy"] = "recordConsent" });
        }

        return state.Requests[index] = request with { Status = next, SentAt = now };
    }

    /// <summary>
    /// Records the provider's answer to a sent request: provided or declined, with an optional note.
    /// <c>FORBIDDEN</c>, <c>NOT_FOUND</c>, <c>INVALID_TRANSITION</c>, <c>VALIDATION_FAILED</c> (<c>note</c>).
    /// </summary>
    public AidRequest Answer(string aidId, bool provided, string? note, Actor actor)
    {
        CaseAggregate.RequireAny(actor, Roles, "record the provider's answer");
        var (index, request) = Find(aidId);
        var next = AidStateMachine.Next(request.Status, provided ? AidTrigger.Provide : AidTrigger.Decline);
        var text = Text(note, "note");
        return state.Requests[index] = request with { Status = next, AnsweredAt = now, Note = text };
    }

    private (int Index, AidRequest Request) Find(string aidId)
    {
        var index = state.Requests.FindIndex(r => r.Id == aidId);
        return index < 0 ? throw CareGridException.NotFound("AidRequest", aidId) : (index, state.Requests[index]);
    }

    private static string? Text(string? value, string field)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > MaxText ? throw CareGridException.Validation(field, $"{field} is at most {MaxText} characters.") : CaseAggregate.OptionalText(text, field);
    }
}
