using CareGrid.Grains.Hosting;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.People;
using CareGrid.Grains.ReadModel;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Jurisdictions;

/// <summary>One broken health rule.</summary>
/// <param name="Rule">The rule kind.</param>
/// <param name="Requirement">The requirement numbers, e.g. <c>R-7.5</c>.</param>
/// <param name="OrganizationId">The unit at fault, or null for a tenant-wide rule.</param>
/// <param name="PersonId">The person at fault (an expired qualification), or null.</param>
/// <param name="Qualification">The qualification code at fault, or null.</param>
/// <param name="Message">What is wrong, for people.</param>
[GenerateSerializer, Alias("CareGrid.HealthFinding")]
public sealed record HealthFinding(
    [property: Id(0)] HealthRuleKind Rule,
    [property: Id(1)] string Requirement,
    [property: Id(2)] string? OrganizationId,
    [property: Id(3)] string? PersonId,
    [property: Id(4)] string? Qualification,
    [property: Id(5)] string Message)
{
    /// <summary>For <see cref="HealthRuleKind.ThreeKnowsComplete"/> naming a child: the three knows missing (docs/visits.md); else empty.</summary>
    [Id(6)] public IReadOnlyList<Visits.ThreeKnow> MissingKnows { get; init; } = [];

    /// <summary>For a finding that counts people it may not name (three knows outside the caller's units): how many; else null.</summary>
    [Id(7)] public int? Count { get; init; }

    /// <summary>
    /// For <see cref="HealthRuleKind.BoyAndGirlInRole"/>: the sex the unit has too few of among the role's holders
    /// (<see cref="People.Sex.Male"/> for boys, <see cref="People.Sex.Female"/> for girls; R-7.5); else null. A unit short of
    /// both has two findings, one per sex.
    /// </summary>
    [Id(8)] public People.Sex? MissingSex { get; init; }

    /// <summary>For a rule with a minimum (<see cref="HealthRuleKind.BoyAndGirlInRole"/>): the minimum per sex, and
    /// <see cref="Present"/> how many there are; else null.</summary>
    [Id(9)] public int? Minimum { get; init; }

    /// <summary>With <see cref="Minimum"/>: how many of the needed holders the unit has; else null.</summary>
    [Id(10)] public int? Present { get; init; }
}

/// <summary>The health of a tenant's organization tree (or a subtree) on a day.</summary>
/// <param name="TemplateId">The template whose rules were checked, or null (no rules).</param>
/// <param name="Day">The day qualifications were checked against (UTC date).</param>
/// <param name="OrganizationsChecked">Units checked (closed units are skipped).</param>
/// <param name="Findings">Broken rules; empty when healthy.</param>
[GenerateSerializer, Alias("CareGrid.OrganizationHealthReport")]
public sealed record OrganizationHealthReport(
    [property: Id(0)] string? TemplateId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] int OrganizationsChecked,
    [property: Id(3)] IReadOnlyList<HealthFinding> Findings)
{
    /// <summary>True when no rule is broken.</summary>
    public bool Healthy => Findings.Count == 0;
}

/// <summary>
/// Evaluates the health rules of a tenant's template: R-7.5 (a boy and a girl among each class's psychology committee
/// members), R-2.7 (a town-level psychological specialist; one staff member per village or community), R-2.8/R-4.1/R-1.13
/// (a supervisor: someone works the tasks escalated past level 3) and R-1.4/R-7.7
/// (members whose role needs qualifications hold them, unexpired — the others cannot act and are reported). Units come
/// from the read side; the members of the open units and those members' records are read from their grains.
/// </summary>
public static class OrganizationHealth
{
    /// <summary>Checks the tenant, or the subtree of <paramref name="rootId"/> (tenant-wide rules then count that subtree only).</summary>
    /// <exception cref="Errors.CareGridException"><c>NOT_FOUND</c> when <paramref name="rootId"/> is not a unit of the tenant.</exception>
    public static async Task<OrganizationHealthReport> CheckAsync(IGrainFactory grains, IReadModelStore readModel, string tenantId, string? rootId, DateOnly day)
    {
        var template = (await grains.GetRef<IJurisdictionGrain>(tenantId).Get()).Template;
        var rows = await readModel.ListOrganizationsAsync(tenantId);
        if (rootId is not null)
        {
            if (rows.All(r => r.Id != rootId))
            {
                throw Errors.CareGridException.NotFound("Organization", rootId);
            }

            var subtree = Subtree(rows, rootId);
            rows = rows.Where(r => subtree.Contains(r.Id)).ToList();
        }

        rows = rows.Where(r => r.Status != OrganizationStatus.Closed).ToList();
        var rules = template?.HealthRules ?? [];
        if (rules.Count == 0)
        {
            return new OrganizationHealthReport(template?.Id, day, rows.Count, []);
        }

        var orgs = (await Task.WhenAll(rows.Select(r => grains.GetRef<IOrganizationGrain>(TenantIds.Key(tenantId, r.Id)).Get())))
            .OfType<OrganizationInfo>().ToList();
        var personIds = orgs.SelectMany(o => o.Members).Select(m => m.PersonId).Distinct(StringComparer.Ordinal).ToList();
        var people = (await Task.WhenAll(personIds.Select(id => grains.GetRef<IPersonGrain>(TenantIds.Key(tenantId, id)).Get())))
            .OfType<PersonInfo>().ToDictionary(p => p.Id, StringComparer.Ordinal);

        var findings = rules.SelectMany(rule => rule.Rule switch
        {
            HealthRuleKind.BoyAndGirlInRole => BoyAndGirl(rule, orgs, people),
            HealthRuleKind.TenantHasRole => TenantHasRole(rule, orgs, people, rootId, template!),
            HealthRuleKind.EachUnitHasRole => EachUnitHasRole(rule, orgs, people),
            HealthRuleKind.QualificationsValid => QualificationsValid(rule, orgs, people, template!, day),
            _ => [],
        }).ToList();
        return new OrganizationHealthReport(template?.Id, day, rows.Count, findings);
    }

    /// <summary>R-7.5: a boy and a girl among the role's holders in each unit of the listed kinds.</summary>
    private static IEnumerable<HealthFinding> BoyAndGirl(TemplateHealthRule rule, List<OrganizationInfo> orgs, Dictionary<string, PersonInfo> people)
    {
        foreach (var org in orgs.Where(o => rule.OrganizationKinds.Contains(o.Kind)))
        {
            var holders = Holders(org, rule, people);
            foreach (var (sex, word) in new[] { (Sex.Male, "boy"), (Sex.Female, "girl") })
            {
                var n = holders.Count(p => p.Sex == sex);
                if (n < rule.Minimum)
                {
                    yield return new HealthFinding(rule.Rule, rule.Requirement, org.Id, null, null,
                        $"{org.Name} has {n} {word}(s) as {RoleNames(rule)}; at least {rule.Minimum} needed ({rule.Requirement}).")
                    {
                        MissingSex = sex,
                        Minimum = rule.Minimum,
                        Present = n,
                    };
                }
            }
        }
    }

    /// <summary>
    /// R-2.7 (a town-level psychological specialist), R-2.8, R-4.1 and R-1.13 (someone supervises: the tasks escalated past
    /// level 3 go to <c>queue:supervisor</c>, which only Supervisors work): the tenant (or the subtree checked) has at least
    /// the minimum holders of the role. A subtree without a unit of a kind the role can be held in (a class, for the
    /// school's leadership group) is not checked: the role is not staffed there.
    /// </summary>
    private static IEnumerable<HealthFinding> TenantHasRole(TemplateHealthRule rule, List<OrganizationInfo> orgs, Dictionary<string, PersonInfo> people, string? rootId, JurisdictionTemplate template)
    {
        var kinds = rule.Roles.SelectMany(code => template.Role(code)?.OrganizationKinds ?? []).ToHashSet();
        if (rootId is not null && !orgs.Any(o => kinds.Contains(o.Kind)))
        {
            yield break;
        }

        var count = orgs.Sum(o => Holders(o, rule, people).Count);
        if (count < rule.Minimum)
        {
            yield return new HealthFinding(rule.Rule, rule.Requirement, null, null, null,
                $"The {(rootId is null ? "tenant" : "subtree")} has {count} {RoleNames(rule)}; at least {rule.Minimum} needed ({rule.Requirement}).");
        }
    }

    /// <summary>R-2.7: each unit of the listed kinds has at least the minimum holders of the role.</summary>
    private static IEnumerable<HealthFinding> EachUnitHasRole(TemplateHealthRule rule, List<OrganizationInfo> orgs, Dictionary<string, PersonInfo> people)
    {
        foreach (var org in orgs.Where(o => rule.OrganizationKinds.Contains(o.Kind)))
        {
            var n = Holders(org, rule, people).Count;
            if (n < rule.Minimum)
            {
                yield return new HealthFinding(rule.Rule, rule.Requirement, org.Id, null, null,
                    $"{org.Name} has {n} {RoleNames(rule)}; at least {rule.Minimum} needed ({rule.Requirement}).");
            }
        }
    }

    /// <summary>R-1.4, R-7.7: each member whose role needs qualifications holds them, unexpired on <paramref name="day"/>.</summary>
    private static IEnumerable<HealthFinding> QualificationsValid(TemplateHealthRule rule, List<OrganizationInfo> orgs, Dictionary<string, PersonInfo> people,
        JurisdictionTemplate template, DateOnly day)
    {
        foreach (var org in orgs)
        {
            foreach (var member in org.Members)
            {
                if (template.Role(member.Role) is not { Qualifications.Count: > 0 } role || !people.TryGetValue(member.PersonId, out var person))
                {
                    continue;
                }

                foreach (var code in role.Qualifications)
                {
                    var held = person.Qualifications.FirstOrDefault(q => q.Code == code);
                    if (held is null || !held.IsValidOn(day))
                    {
                        yield return new HealthFinding(rule.Rule, rule.Requirement, org.Id, person.Id, code, held is null
                            ? $"{person.DisplayName} ({role.Name}) has no {code}: cannot act until it is recorded ({rule.Requirement})."
                            : $"{person.DisplayName} ({role.Name}): {code} expired on {held.ValidUntil:yyyy-MM-dd}; cannot act until renewed ({rule.Requirement}).");
                    }
                }
            }
        }
    }

    /// <summary>The ids of <paramref name="rootId"/> and every unit below it.</summary>
    public static HashSet<string> Subtree(IReadOnlyList<OrganizationRow> rows, string rootId)
    {
        var children = rows.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!, StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal) { rootId };
        var stack = new Stack<string>([rootId]);
        while (stack.TryPop(out var id))
        {
            foreach (var child in children[id])
            {
                if (result.Add(child.Id))
                {
                    stack.Push(child.Id);
                }
            }
        }

        return result;
    }

    private static List<PersonInfo> Holders(OrganizationInfo org, TemplateHealthRule rule, IReadOnlyDictionary<string, PersonInfo> people) =>
        org.Members.Where(m => rule.Roles.Contains(m.Role)).Select(m => m.PersonId).Distinct(StringComparer.Ordinal)
            .Select(people.GetValueOrDefault).OfType<PersonInfo>().ToList();

    private static string RoleNames(TemplateHealthRule rule) => string.Join(" or ", rule.Roles);
}
