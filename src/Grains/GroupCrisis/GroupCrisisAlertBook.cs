using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.GroupCrisis;

/// <summary>Persisted state of a tenant's group-crisis alerts (<see cref="GroupCrisisAlertsGrain"/>), oldest first.</summary>
[GenerateSerializer, Alias("CareGrid.GroupCrisisAlertsState")]
public sealed class GroupCrisisAlertsState
{
    /// <summary>The alerts, in the order they were raised; at most <see cref="GroupCrisisAlertBook.MaxAlerts"/>.</summary>
    [Id(0)] public List<GroupCrisisAlert> Alerts { get; set; } = [];
}

/// <summary>
/// A tenant's group-crisis alerts (R-4.5, docs/group-crisis.md): raised once per unit and window (an alert with a known id
/// only has its counts updated), listed newest first to the leadership group within its organization scope, acknowledged
/// once with a proposed response. Bounded: at most <see cref="MaxAlerts"/>; past that the oldest acknowledged alert goes
/// first, else the oldest. Plain class over the state.
/// </summary>
/// <param name="state">The alerts; changed in place.</param>
public sealed class GroupCrisisAlertBook(GroupCrisisAlertsState state)
{
    /// <summary>The most alerts a tenant keeps (about 200 bytes each; docs/storage.md).</summary>
    public const int MaxAlerts = 500;

    /// <summary>The longest proposed response, characters.</summary>
    public const int MaxResponseLength = 2000;

    /// <summary>
    /// Adds <paramref name="alert"/>, or updates the counts of the alert with its id (keeping when it was raised and its
    /// acknowledgement; counts never go down). True when the state changed.
    /// </summary>
    public bool Raise(GroupCrisisAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var i = state.Alerts.FindIndex(a => a.Id == alert.Id);
        if (i >= 0)
        {
            var known = state.Alerts[i];
            if (alert.People <= known.People && alert.FlaggedInCensus <= known.FlaggedInCensus && alert.WithConcerns <= known.WithConcerns)
            {
                return false;
            }

            state.Alerts[i] = known with
            {
                People = Math.Max(known.People, alert.People),
                FlaggedInCensus = Math.Max(known.FlaggedInCensus, alert.FlaggedInCensus),
                WithConcerns = Math.Max(known.WithConcerns, alert.WithConcerns),
                UpdatedAt = alert.UpdatedAt,
            };
            return true;
        }

        state.Alerts.Add(alert);
        while (state.Alerts.Count > MaxAlerts)
        {
            var oldestAcknowledged = state.Alerts.FindIndex(a => a.Status == GroupCrisisAlertStatus.Acknowledged);
            state.Alerts.RemoveAt(Math.Max(0, oldestAcknowledged));
        }

        return true;
    }

    /// <summary>Up to <paramref name="first"/> alerts of units in <paramref name="scope"/>, newest first; only of <paramref name="status"/> when given.</summary>
    public IReadOnlyList<GroupCrisisAlert> List(StaffScope scope, GroupCrisisAlertStatus? status, int first) =>
        [.. Enumerable.Reverse(state.Alerts).Where(a => scope.Covers(a.OrganizationId) && (status is null || a.Status == status)).Take(first)];

    /// <summary>Acknowledges alert <paramref name="id"/> with the leadership group's proposed response .</summary>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> (field <c>response</c>, 1–2000 characters); <c>NOT_FOUND</c>
    /// (entity <c>GroupCrisisAlert</c>); <c>FORBIDDEN</c> (<c>rule = need-to-know</c>) when the alert's unit is outside
    /// <paramref name="scope"/>; <c>INVALID_TRANSITION</c> when it was acknowledged already.</exception>
    public GroupCrisisAlert Acknowledge(string id, string? response, StaffScope scope, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(actor);
        var text = response?.Trim() ?? "";
        if (text.Length is 0 or > MaxResponseLength)
        {
            throw CareGridException.Validation("response", $"acknowledgeGroupCrisisAlert: response (the proposed response, R-4.5) is 1–{MaxResponseLength} characters.");
        }

        StoredText.Ensure(text, "response", multiline: true);
        var i = state.Alerts.FindIndex(a => a.Id == id);
        if (i < 0)
        {
            throw CareGridException.NotFound("GroupCrisisAlert", id);
        }

        var alert = state.Alerts[i];
        if (!scope.Covers(alert.OrganizationId))
        {
            throw new CareGridException(ErrorCodes.Forbidden,
                "This alert's unit is outside your organization units (docs/access.md); the leadership group of the unit acknowledges it.",
                new Dictionary<string, string> { ["rule"] = "need-to-know", ["entity"] = "GroupCrisisAlert", ["id"] = id });
        }

        if (alert.Status == GroupCrisisAlertStatus.Acknowledged)
        {
            throw new CareGridException(ErrorCodes.InvalidTransition,
                $"acknowledgeGroupCrisisAlert is not possible while the alert is ACKNOWLEDGED (by {alert.AcknowledgedBy}). No action changes an ACKNOWLEDGED alert.",
                new Dictionary<string, string> { ["state"] = "ACKNOWLEDGED", ["trigger"] = "acknowledgeGroupCrisisAlert", ["permittedTriggers"] = "" });
        }

        return state.Alerts[i] = alert with { AcknowledgedAt = now, AcknowledgedBy = actor.Subject, Response = text };
    }
}
