using CareGrid.Grains.Security;

namespace CareGrid.Grains.Cases;

/// <summary>
/// Owner queues: a task or case owned by a queue is visible to every holder of the queue's roles
/// (<c>myTasks</c>). Overdue tasks escalate one queue up: level 1 → level 2 → level 3 → supervisor.
/// </summary>
public static class CaseQueues
{
    /// <summary>Level 1: homeroom teachers, grid workers, volunteers .</summary>
    public const string Level1 = "queue:level-1";
    /// <summary>Level 2: grade leader, student affairs, subdistrict .</summary>
    public const string Level2 = "queue:level-2";
    /// <summary>Level 3: psychology teachers, mental health professionals .</summary>
    public const string Level3 = "queue:level-3";
    /// <summary>Supervision: where overdue level-3 work is escalated.</summary>
    public const string Supervisor = "queue:supervisor";

    /// <summary>Every queue a case or task may be owned by, in escalation order.</summary>
    public static readonly IReadOnlyList<string> All = [Level1, Level2, Level3, Supervisor];

    /// <summary>The queue of an escalation level (1–3).</summary>
    public static string ForLevel(int level) => level switch { <= 1 => Level1, 2 => Level2, _ => Level3 };

    /// <summary>The queue one level above <paramref name="owner"/>; a named owner counts at the case's level.</summary>
    public static string Above(string owner, int caseLevel) => owner switch
    {
        Level1 => Level2,
        Level2 => Level3,
        Level3 => Supervisor,
        Supervisor => Supervisor,
        _ => caseLevel >= 3 ? Supervisor : ForLevel(caseLevel + 1),
    };

    /// <summary>The queues a holder of <paramref name="roles"/> serves.</summary>
    public static IReadOnlyList<string> ServedBy(IEnumerable<string> roles)
    {
        var queues = new List<string>();
        foreach (var role in roles)
        {
            var queue = role switch
            {
                Roles.Caseworker or Roles.Reporter or Roles.Volunteer => Level1,
                Roles.Coordinator => Level2,
                Roles.Counsellor or Roles.Clinician => Level3,
                Roles.Supervisor or Roles.TenantAdmin => Supervisor,
                _ => null,
            };
            if (queue is not null && !queues.Contains(queue))
            {
                queues.Add(queue);
            }
        }

        return queues;
    }
}
