using CareGrid.Grains.Errors;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;
using CareGrid.Grains.Visits;
using CareGrid.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace CareGrid.Tests.Visits;

/// <summary>
/// The acceptance property of visit coverage (R-6.2, R-7.3; docs/visits.md): on a school driven through the real grains by
/// random sequences of visits (by a homeroom teacher of one class, refused for the other, and by the admin), moves between
/// classes and new registrations, the coverage of every unit and of several periods, counted from the month tallies, equals
/// a recount over every person's visit log and record.
/// </summary>
[Trait("tier", "grains")]
[Collection(ClusterCollection.Name)]
public sealed class VisitCoverageRecountShould(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Classes = ["class-7-1", "class-7-2", "grade-7"];

    private readonly Dictionary<string, int> _outcomes = [];

    /// <summary>A generated step: 0–5 log a visit (person, days ago, by the homeroom teacher when <c>B</c> is odd), 6–7 move a person, 8 register one.</summary>
    private sealed record Step(int Kind, int A, int B);

    private static readonly Arbitrary<Step[]> Steps = Arb.From(Gen.Choose(5, 40).SelectMany(n =>
        Gen.Choose(0, 8).SelectMany(k => Gen.Choose(0, 40).SelectMany(a => Gen.Choose(0, 60).Select(b => new Step(k, a, b)))).ArrayOf(n)));

    private IReadModelStore ReadModel =>
        fixture.Cluster.SiloServices().GetRequiredService<IReadModelStore>();

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);

    [Fact]
    public async Task Equal_a_recount_over_the_visit_logs_after_random_visits_and_moves()
    {
        var property = Prop.ForAll(Steps, steps => RunAsync(steps).GetAwaiter().GetResult());
        await Task.Run(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property));
        output.WriteLine(string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(_outcomes.GetValueOrDefault("log:ok") > 0 && _outcomes.GetValueOrDefault("log:refused FORBIDDEN") > 0 && _outcomes.GetValueOrDefault("move:ok") > 0);
    }

    private async Task RunAsync(Step[] steps)
    {
        var tenant = Seeds.NewTenantId("visits");
        TenantContext.Set(tenant);
        var grains = fixture.Grains;
        await grains.GetGrain<ITenantGrain>(tenant).Onboard(new OnboardTenant(tenant, "Visits school", TenantKind.School, null, "Asia/Shanghai", "admin@" + tenant, "Admin"), Actor.System);
        foreach (var (id, kind, parent) in new[] { ("school", OrganizationKind.School, (string?)null), ("grade-7", OrganizationKind.Grade, "school"),
                     ("class-7-1", OrganizationKind.Class, "grade-7"), ("class-7-2", OrganizationKind.Class, "grade-7") })
        {
            await grains.GetGrain<IOrganizationGrain>(TenantIds.Key(tenant, id)).Create(new CreateOrganization(id, kind, parent, null), Actor.System);
        }

        await Seeds.MemberAsync(grains, tenant, "homeroom@" + tenant, "staff-homeroom", "class-7-1", "HomeroomTeacher");
        var people = new List<string>();
        var admin = new Actor("admin@" + tenant, [Roles.TenantAdmin]);
        var homeroom = new Actor("homeroom@" + tenant, [Roles.Caseworker]);
        for (var i = 0; i < 4; i++)
        {
            people.Add(await RegisterAsync(tenant, people.Count, Classes[i % 2], admin));
        }

        foreach (var step in steps)
        {
            var (name, outcome) = await ApplyAsync(tenant, step, people, admin, homeroom);
            _outcomes[$"{name}:{outcome}"] = _outcomes.GetValueOrDefault($"{name}:{outcome}") + 1;
        }

        foreach (var unit in Classes.Append("school"))
        {
            foreach (var (from, to) in new[] { (Today.AddDays(-60), Today), (Today.AddDays(-10), Today.AddDays(-3)), (Today, Today), (Today.AddDays(-40), Today.AddDays(-20)) })
            {
                var counted = await VisitCoverage.OfUnitAsync(grains, ReadModel, tenant, unit, from, to, names: true);
                var recounted = await RecountAsync(tenant, people, unit, from, to);
                Assert.Equal(recounted, (counted.People, counted.Visited, string.Join(",", counted.Missing.Select(m => m.PersonId).Order(StringComparer.Ordinal))));
            }
        }
    }

    private async Task<(string Name, string Outcome)> ApplyAsync(string tenant, Step step, List<string> people, Actor admin, Actor homeroom)
    {
        var person = people[step.A % people.Count];
        try
        {
            switch (step.Kind)
            {
                case <= 5:
                    var kind = (VisitKind)(step.B % 4);
                    await fixture.Grains.GetGrain<IPersonVisitsGrain>(IPersonVisitsGrain.KeyOf(tenant, person))
                        .Log(new LogVisit(null, kind, Today.AddDays(-step.B), null), step.B % 2 == 1 ? homeroom : admin);
                    return ("log", "ok");
                case <= 7:
                    var grain = fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, person));
                    var info = (await grain.Get())!;
                    await grain.Update(new UpdatePerson(info.DisplayName, Classes[step.B % Classes.Length], info.Sex, info.BirthYear, info.ExternalId), admin);
                    return ("move", "ok");
                default:
                    people.Add(await RegisterAsync(tenant, people.Count, Classes[step.B % Classes.Length], admin));
                    return ("register", "ok");
            }
        }
        catch (CareGridException ex)
        {
            return (step.Kind <= 5 ? "log" : "move", "refused " + ex.Code);
        }
    }

    private async Task<string> RegisterAsync(string tenant, int n, string unit, Actor admin)
    {
        var id = $"p{n + 1}";
        await fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, id)).Register(new RegisterPerson("Student " + id, unit, Sex.Male, 2013, null, []), admin);
        return id;
    }

    /// <summary>The recount: people whose record is in <paramref name="unit"/> now, visited when their own log has a visit counted for the unit in the period.</summary>
    private async Task<(int, int, string)> RecountAsync(string tenant, List<string> people, string unit, DateOnly from, DateOnly to)
    {
        var inUnit = new List<string>();
        var visited = 0;
        foreach (var id in people)
        {
            if ((await fixture.Grains.GetGrain<IPersonGrain>(TenantIds.Key(tenant, id)).Get())!.OrganizationId != unit)
            {
                continue;
            }

            inUnit.Add(id);
            var log = await fixture.Grains.GetGrain<IPersonVisitsGrain>(IPersonVisitsGrain.KeyOf(tenant, id)).Snapshot();
            if (log.Visits.Any(v => VisitRules.Counts(v, unit, from, to)))
            {
                visited++;
                inUnit.Remove(id);
            }
        }

        return (inUnit.Count + visited, visited, string.Join(",", inUnit.Order(StringComparer.Ordinal)));
    }
}
