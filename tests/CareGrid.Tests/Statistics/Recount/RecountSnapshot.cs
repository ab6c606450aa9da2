using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace CareGrid.Tests.Statistics.Recount;

/// <summary>
/// Reads the grains' state (<see cref="RecountWorld"/>) and the statistics figures of the same moment. The grains do not
/// only change on the test's commands: a case's deadline reminder (R-1.10, docs/deadline-sweep.md) is due on the silo's real
/// clock — one second after a save when the fake domain clock already passed a deadline — and escalates overdue tasks
/// (owner, escalation level) whenever it fires. Figures read after such a change, compared with a world read before it,
/// differ although both are right. So the world is read before and after the figures, and the whole read is repeated
/// until nothing changed in between: then the figures describe exactly that world. Every change of a case or person is
/// fed to the statistics before the grain's call returns (calls to one grain are served one at a time), so an unchanged
/// world means the figures saw all of it.
/// </summary>
public static class RecountSnapshot
{
    /// <summary>How often the read is repeated before the test gives up (each repeat needs a grain to have changed on its own).</summary>
    public const int MaxAttempts = 10;

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    /// <summary>
    /// The world, the figures <paramref name="figures"/> read from it, and how many reads it took (1 when nothing changed
    /// meanwhile). Throws when the grains changed during each of <see cref="MaxAttempts"/> reads.
    /// </summary>
    public static async Task<(RecountWorld World, T Figures, int Attempts)> TakeAsync<T>(
        IGrainFactory grains, RecountTenant tenant, FakeTimeProvider clock, Func<RecountWorld, int, Task<T>> figures)
    {
        var changes = new List<string>();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var before = await RecountWorld.ReadAsync(grains, tenant, clock.GetUtcNow());
            var read = await figures(before, attempt);
            var after = await RecountWorld.ReadAsync(grains, tenant, clock.GetUtcNow());
            if (Fingerprint(before) == Fingerprint(after))
            {
                return (before, read, attempt);
            }

            changes.Add($"attempt {attempt}: the grains changed while the figures were read");
        }

        throw new Xunit.Sdk.XunitException($"No stable snapshot of tenant {tenant.Id} in {MaxAttempts} reads:\n  {string.Join("\n  ", changes)}");
    }

    private static string Fingerprint(RecountWorld world) =>
        JsonSerializer.Serialize(new { world.Now, world.Cases, world.People }, Json);
}
