using CareGrid.Grains.Cases;
using CareGrid.Grains.Tenancy;
using CareGrid.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CareGrid.Tests.Discharge;

/// <summary>
/// A discharge handed over to the person's open case and left undone (R-2.4, docs/discharge.md): the hospital gets a receipt, the
/// hand-over task escalates once when overdue like the protocol's tasks, and the supervision statistics (discharge hand-overs within
/// 5 working days) and the overdue board count it. Own factory: the clock moves past the deadline.
/// </summary>
[Trait("tier", "api")]
public sealed class DischargeOverdueApiShould(CareGridApiFactory factory) : IClassFixture<CareGridApiFactory>
{
    [Fact]
    public async Task Escalate_an_overdue_hand_over_and_count_it_in_the_statistics_and_on_the_overdue_board()
    {
        var t = await new DischargeTown(factory).SetUpAsync();

        // Mr Chen has an open case in North Village: the discharge joins it, and the hospital doctor, not on it, gets a receipt.
        var receipt = (await t.DischargeAsync("recovered-001", "north-village", t.Doctor, fields: "id reportOutcome")).EnsureNoErrors().Data!["recordDischarge"]!;
        Assert.Equal("RECEIVED", receipt["reportOutcome"]!.GetValue<string>()); // not JOINED_OPEN_CASE (F15)
        Assert.StartsWith("rcpt-", receipt["id"]!.GetValue<string>(), StringComparison.Ordinal); // its own id, not case-town-1 (F3)
        var c = await t.CaseAsync("case-town-1", t.FamilyDoctor);
        var handOver = DischargeTown.TaskOf(c, "DISCHARGE_HAND_OVER");
        var due = handOver["dueAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(new DateTimeOffset(2027, 1, 8, 16, 0, 0, TimeSpan.Zero), due);

        // A retry of the same discharge adds no second hand-over.
        (await t.DischargeAsync("recovered-001", "north-village", t.Doctor, fields: "id")).EnsureNoErrors();
        Assert.Single((await t.CaseAsync("case-town-1", t.FamilyDoctor))["discharges"]!.AsArray());

        factory.Clock.SetUtcNow(due.AddHours(1));
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseGrain>(TenantIds.Key(DischargeTown.Tenant, "case-town-1"));
        TenantContext.Set(DischargeTown.Tenant);
        try
        {
            await grain.CheckDeadlines(); // the reminder's work, on the fake clock
            Assert.Equal(0, await grain.CheckDeadlines()); // once
        }
        finally
        {
            TenantContext.Clear();
        }

        var escalated = DischargeTown.TaskOf(await t.CaseAsync("case-town-1", t.FamilyDoctor), "DISCHARGE_HAND_OVER");
        Assert.Equal(("queue:supervisor", 1), (escalated["ownerId"]!.GetValue<string>(), escalated["escalationCount"]!.GetValue<int>()));

        var stats = (await t.Client.PostAsync(DischargeTown.Path,
            "{ statistics(period: { from: \"2027-01-04\", to: \"2027-01-10\" }) { timeliness { dischargeHandOvers { doneInTime doneLate overdue open } } } }", token: t.Admin)).EnsureNoErrors();
        var handOvers = stats.Data!["statistics"]!["timeliness"]!["dischargeHandOvers"]!;
        Assert.Equal((0, 0, 1, 0), (handOvers["doneInTime"]!.GetValue<int>(), handOvers["doneLate"]!.GetValue<int>(), handOvers["overdue"]!.GetValue<int>(), handOvers["open"]!.GetValue<int>()));

        var board = (await t.Client.PostAsync(DischargeTown.Path, "{ overdueBoard(first: 50) { nodes { caseId kind overdue ownerQueue } } }", token: t.Admin)).EnsureNoErrors();
        var row = Assert.Single(board.Data!["overdueBoard"]!["nodes"]!.AsArray(), n => n!["kind"]!.GetValue<string>() == "DISCHARGE_HAND_OVER")!;
        Assert.Equal(("case-town-1", true, "queue:supervisor"), (row["caseId"]!.GetValue<string>(), row["overdue"]!.GetValue<bool>(), row["ownerQueue"]!.GetValue<string>()));
    }
}
