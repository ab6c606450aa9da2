using System.Diagnostics.Metrics;
using CareGrid.Grains.Cases;

namespace CareGrid.Grains.Telemetry;

/// <summary>
/// CareGrid's domain meter, <see cref="MeterName"/> (docs/observability.md "Metrics"): counts taken where the fact happens, after
/// it is stored. Without a listener (no OpenTelemetry exporter configured) each count is a check of a flag. Tags carry no tenant,
/// person or case: only the outcome or the task kind, so the figures cannot point at a person.
/// </summary>
public static class CareGridMetrics
{
    /// <summary>Name of the meter (add it to a metrics pipeline to export the counters below).</summary>
    public const string MeterName = "CareGrid";

    private static readonly Meter Meter = new(MeterName, typeof(CareGridMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Concerns = Meter.CreateCounter<long>(
        "caregrid.concerns.reported", "{concern}", "Concerns reported and stored: a new case opened or a concern joined an open case (R-1.1).");

    private static readonly Counter<long> TasksMet = Meter.CreateCounter<long>(
        "caregrid.protocol_tasks.met", "{task}", "Protocol deadline tasks completed on or before their deadline (R-1.10).");

    private static readonly Counter<long> TasksMissed = Meter.CreateCounter<long>(
        "caregrid.protocol_tasks.missed", "{task}", "Protocol deadline tasks that passed their deadline while open, counted once when escalated (R-1.10).");

    /// <summary>A stored concern: <paramref name="joined"/> when it joined an open case, else it opened one (tag <c>caregrid.outcome</c>).</summary>
    public static void ConcernReported(bool joined) =>
        Concerns.Add(1, new KeyValuePair<string, object?>("caregrid.outcome", joined ? "joined" : "opened"));

    /// <summary>A task completed (done, not cancelled) at <paramref name="now"/>; counted as met when no later than <paramref name="dueAt"/>.</summary>
    public static void TaskCompleted(CaseTaskKind kind, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (now <= dueAt)
        {
            TasksMet.Add(1, new KeyValuePair<string, object?>("caregrid.task.kind", kind.ToString()));
        }
    }

    /// <summary><paramref name="count"/> tasks found past their deadline and escalated (each task once).</summary>
    public static void TasksOverdue(int count)
    {
        if (count > 0)
        {
            TasksMissed.Add(count);
        }
    }
}
