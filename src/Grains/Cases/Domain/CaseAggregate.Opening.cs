using CareGrid.Grains.Errors;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Validation;

namespace CareGrid.Grains.Cases.Domain;

public sealed partial class CaseAggregate
{
    /// <summary>The timeline action of the intake rule giving a new case to its owner queue.</summary>
    public const string IntakeAction = "Intake";

    /// <summary>
    /// Checks a report that opens a case, before anything is looked up: the reporter's roles (<c>FORBIDDEN</c>), a summary
    /// of 1–4000 characters of stored-text-safe text, a known risk level and a named person (<c>VALIDATION_FAILED</c> on
    /// <c>summary</c>, <c>riskLevel</c>, <c>personId</c>).
    /// </summary>
    /// <returns>The trimmed summary.</returns>
    public static string CheckReport(ReportConcern input, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(input);
        RequireAny(actor, Roles.CanReport, "report a concern");
        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length is 0 or > 4000)
        {
            throw CareGridException.Validation("summary", "A concern's summary is 1–4000 characters.");
        }

        StoredText.Ensure(summary, "summary", multiline: true);
        if (!Enum.IsDefined(input.RiskLevel))
        {
            throw CareGridException.Validation("riskLevel", "Unknown risk level.");
        }

        if (string.IsNullOrWhiteSpace(input.PersonId))
        {
            throw CareGridException.Validation("personId", "A concern names the person concerned.");
        }

        return summary;
    }

    /// <summary>
    /// A new case in <see cref="CaseStatus.Reported"/> at Low risk and level 1, with its <c>Report</c> entry; the
    /// reporter's grading is applied next with <see cref="RaiseRisk"/> (after the grain notes the report's key and any
    /// separate-case reason), so a High or Imminent report runs the protocol in the same change. The tenant's
    /// intake rule (<see cref="TenantSettings.Intake"/>) makes its queue the owner — <c>queue:level-3</c> in a school,
    /// <c>queue:level-2</c> in a district or town — recorded as <c>Intake</c>; the escalation level stays 1, where the
    /// concern was noticed (docs/protocol.md "How a concern travels"). Without a rule (settings built in code) it is unowned.
    /// </summary>
    /// <param name="personId">The person's local id.</param>
    /// <param name="organizationId">The responsible organization's local id.</param>
    /// <param name="summary">The checked summary (<see cref="CheckReport"/>).</param>
    /// <param name="actor">The reporter.</param>
    /// <param name="settings">The tenant's settings.</param>
    /// <param name="now">The domain clock's instant.</param>
    public static CaseAggregate Open(string personId, string? organizationId, string summary, Actor actor, TenantSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(settings);
        var opened = new CaseAggregate(new CaseState
        {
            Exists = true,
            PersonId = personId,
            OrganizationId = organizationId,
            Status = CaseStatus.Reported,
            RiskLevel = RiskLevel.Low,
            EscalationLevel = 1,
            Summary = summary,
            ReportedBy = actor.Subject,
            ReportedAt = now,
            UpdatedAt = now,
            VisitEveryHours = settings.VisitEveryHours(RiskLevel.Low),
            Facts = Statistics.CaseFacts.Opened(settings.Calendar.TimeZoneId),
        }, settings, now);
        opened.Record(actor.Subject, "Report", null);
        if (settings.Intake is { } intake)
        {
            opened.State.AssigneeId = intake.OwnerQueue;
            opened.Record("system", IntakeAction, $"owner {intake.OwnerQueue}: the tenant's intake rule sends a new concern to level {intake.OwnerLevel}");
        }

        return opened;
    }
}
