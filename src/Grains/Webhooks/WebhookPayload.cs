using System.Globalization;
using System.Text;
using System.Text.Json;
using CareGrid.Grains.Events;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// The body and id of a webhook message (docs/webhooks.md "Payload"), in the Standard Webhooks shape
/// <c>{ "type", "timestamp", "data" }</c>. Ids, kinds and timestamps only — no name, no text, no risk level, no staff
/// subject (a staff sub is often an e-mail address): the receiver reads the rest through GraphQL with its own token.
/// </summary>
public static class WebhookPayload
{
    /// <summary>The <c>webhook-id</c> of an event: <c>evt_</c> and the event id; the same on every retry and replay.</summary>
    public static string MessageId(CareEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return "evt_" + e.Id;
    }

    /// <summary>The <c>type</c> of a kind: <c>case.escalated</c>, <c>case.risk_changed</c>, <c>case.assigned</c>, <c>case.closed</c>, <c>case.unit_changed</c>, <c>task.assigned</c>, <c>task.due_soon</c>, <c>task.overdue</c>.</summary>
    public static string TypeOf(CareEventKind kind) => kind switch
    {
        CareEventKind.CaseEscalated => "case.escalated",
        CareEventKind.CaseRiskChanged => "case.risk_changed",
        CareEventKind.CaseAssigned => "case.assigned",
        CareEventKind.CaseClosed => "case.closed",
        CareEventKind.TaskAssigned => "task.assigned",
        CareEventKind.TaskDueSoon => "task.due_soon",
        CareEventKind.TaskOverdue => "task.overdue",
        CareEventKind.CaseUnitChanged => "case.unit_changed",
        _ => "case.event",
    };

    /// <summary>
    /// The JSON body (UTF-8, compact, fixed member order): <c>type</c>, <c>timestamp</c> (ISO 8601, when the case saved the change),
    /// <c>data</c> { <c>eventId</c>, <c>tenantId</c>, <c>caseId</c>, <c>sequence</c>, <c>kind</c> (the enum name, e.g. <c>CASE_ESCALATED</c>),
    /// <c>occurredAt</c>, and for task kinds <c>taskId</c> and <c>dueAt</c> }, plus <c>replay: true</c> in <c>data</c> for a replay.
    /// </summary>
    public static string Body(CareEvent e, bool replay)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", TypeOf(e.Kind));
            json.WriteString("timestamp", Iso(e.OccurredAt));
            json.WriteStartObject("data");
            json.WriteString("eventId", e.Id);
            json.WriteString("tenantId", e.TenantId);
            json.WriteString("caseId", e.CaseId);
            json.WriteNumber("sequence", e.Sequence);
            json.WriteString("kind", KindName(e.Kind));
            json.WriteString("occurredAt", Iso(e.OccurredAt));
            if (e.TaskId is { } task)
            {
                json.WriteString("taskId", task);
            }

            if (e.DueAt is { } due)
            {
                json.WriteString("dueAt", Iso(due));
            }

            if (replay)
            {
                json.WriteBoolean("replay", true);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The GraphQL-style name of a kind (<c>CASE_ESCALATED</c>, …).</summary>
    public static string KindName(CareEventKind kind)
    {
        var name = kind.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
