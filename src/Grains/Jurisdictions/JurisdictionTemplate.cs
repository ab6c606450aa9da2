using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.Screening;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Jurisdictions;

/// <summary>
/// A jurisdiction template (<c>seeds/templates/*.json</c>): what a district (plan 1), a town (plan 2) or a school
/// (plans 3–7) is made of. Onboarding with a template (<c>onboardTenant(input: {template: "school"})</c>) provisions
/// its fixed <see cref="Organizations"/>, sets its <see cref="Deadlines"/> and records it for the tenant, whose
/// organization members may then hold its <see cref="Roles"/> and whose health is checked by its <see cref="HealthRules"/>.
/// </summary>
/// <param name="Id">Template id, e.g. <c>school</c>; lowercase letters, digits and '-'.</param>
/// <param name="Version">Version of the template data (an integer that grows with each change of the file).</param>
/// <param name="Name">Display name.</param>
/// <param name="TenantKind">The kind of tenant the template is for.</param>
/// <param name="Requirements">The requirements the template implements, e.g. <c>R-4.3, R-7.5</c>.</param>
/// <param name="OrganizationKinds">The kinds of unit such a tenant has, with their default escalation level and parent kinds.</param>
/// <param name="Roles">The roles members of its units can hold.</param>
/// <param name="EscalationChain">The three-level chain: level 1 notices and reports, level 2 coordinates, level 3 is professional.</param>
/// <param name="ReferralTargets">Kinds of outside institution cases are referred to .</param>
/// <param name="Deadlines">Default protocol deadlines per task kind (amount + unit, see <see cref="TenantSettings"/>).</param>
/// <param name="Instruments">Screening instruments enabled for the tenant.</param>
/// <param name="HealthRules">Rules reported by <c>organizationHealth</c> (R-7.5, R-2.7, R-1.4, R-7.7).</param>
/// <param name="Organizations">The fixed units provisioned at onboarding, parents before children. <c>{tenantName}</c> in a name is replaced by the tenant's name.</param>
/// <param name="Intake">
/// How a new concern travels (top-level <c>"intake"</c> of the file; docs/protocol.md "How a concern travels"): carried into the
/// tenant's settings at onboarding. Required in a template file; null only in a template a tenant stored before intake rules
/// existed (its settings then use <see cref="IntakeRule.ForKind"/>).
/// </param>
[GenerateSerializer, Alias("CareGrid.JurisdictionTemplate")]
public sealed record JurisdictionTemplate(
    [property: Id(0)] string Id,
    [property: Id(1)] int Version,
    [property: Id(2)] string Name,
    [property: Id(3)] TenantKind TenantKind,
    [property: Id(4)] string Requirements,
    [property: Id(5)] IReadOnlyList<TemplateOrganizationKind> OrganizationKinds,
    [property: Id(6)] IReadOnlyList<TemplateRole> Roles,
    [property: Id(7)] IReadOnlyList<TemplateEscalationLevel> EscalationChain,
    [property: Id(8)] IReadOnlyList<OrganizationKind> ReferralTargets,
    [property: Id(9)] IReadOnlyList<TemplateDeadline> Deadlines,
    [property: Id(10)] IReadOnlyList<ScreeningInstrument> Instruments,
    [property: Id(11)] IReadOnlyList<TemplateHealthRule> HealthRules,
    [property: Id(12)] IReadOnlyList<TemplateOrganization> Organizations,
    [property: Id(13)] TemplateIntake? Intake = null)
{
    /// <summary>The placeholder in an organization name that is replaced by the tenant's name.</summary>
    public const string TenantNamePlaceholder = "{tenantName}";

    /// <summary>The role with <paramref name="code"/> (ordinal), or null.</summary>
    public TemplateRole? Role(string code) => Roles.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal));
}

/// <summary>A kind of unit in a template.</summary>
/// <param name="Kind">The organization kind.</param>
/// <param name="EscalationLevel">The warning level such a unit usually stands for (1–3, R-4.3), or null.</param>
/// <param name="ParentKinds">Kinds a unit of this kind usually sits under (empty: a root).</param>
/// <param name="Description">What the unit does in the plan, with its requirement numbers.</param>
/// <param name="Serves">Which units a member of such a unit serves (need-to-know by organization, docs/access.md): its own
/// subtree (the default when the file leaves <c>serves</c> out), its parent's subtree, or the whole tenant.</param>
[GenerateSerializer, Alias("CareGrid.TemplateOrganizationKind")]
public sealed record TemplateOrganizationKind(
    [property: Id(0)] OrganizationKind Kind,
    [property: Id(1)] int? EscalationLevel,
    [property: Id(2)] IReadOnlyList<OrganizationKind> ParentKinds,
    [property: Id(3)] string Description,
    [property: Id(4)] OrganizationServes Serves = OrganizationServes.Subtree);

/// <summary>A role a member of a unit can hold, e.g. <c>PsychologyCommitteeMember</c> (R-7.5).</summary>
/// <param name="Code">Stable code, 1–64 of [A-Za-z0-9].</param>
/// <param name="Name">Display name.</param>
/// <param name="AccessRole">The CareGrid access role (token <c>role</c> claim) such a member is given, one of <see cref="Security.Roles"/>.</param>
/// <param name="EscalationLevel">The warning level the role acts at (1–3), or null (leadership, supervision).</param>
/// <param name="OrganizationKinds">Kinds of unit the role can be held in.</param>
/// <param name="Qualifications">Qualification codes the holder must have, valid, before acting; empty when none.</param>
/// <param name="Requirement">The requirement numbers the role comes from.</param>
/// <param name="NamesZh">
/// The Chinese names a staff roster's role cell may give instead of <see cref="Code"/> (the first is the console's, e.g.
/// 班主任 for <c>HomeroomTeacher</c>), matched as headers are (<see cref="Imports.RosterColumns.Normalize"/>); empty when none.
/// </param>
[GenerateSerializer, Alias("CareGrid.TemplateRole")]
public sealed record TemplateRole(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string AccessRole,
    [property: Id(3)] int? EscalationLevel,
    [property: Id(4)] IReadOnlyList<OrganizationKind> OrganizationKinds,
    [property: Id(5)] IReadOnlyList<string> Qualifications,
    [property: Id(6)] string Requirement,
    [property: Id(7)] IReadOnlyList<string>? NamesZh = null);

/// <summary>One level of the three-level escalation chain.</summary>
/// <param name="Level">1, 2 or 3.</param>
/// <param name="Name">What the level does.</param>
/// <param name="OrganizationKinds">The units at this level.</param>
/// <param name="Roles">Role codes acting at this level.</param>
[GenerateSerializer, Alias("CareGrid.TemplateEscalationLevel")]
public sealed record TemplateEscalationLevel(
    [property: Id(0)] int Level,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<OrganizationKind> OrganizationKinds,
    [property: Id(3)] IReadOnlyList<string> Roles);

/// <summary>A default deadline: <see cref="Amount"/> <see cref="Unit"/>s for tasks of kind <see cref="Task"/>.</summary>
/// <param name="Task">The task kind.</param>
/// <param name="Amount">How many units (0 = at once).</param>
/// <param name="Unit">Hours, calendar days or working days (on the tenant's calendar).</param>
[GenerateSerializer, Alias("CareGrid.TemplateDeadline")]
public sealed record TemplateDeadline(
    [property: Id(0)] CaseTaskKind Task,
    [property: Id(1)] int Amount,
    [property: Id(2)] DeadlineUnit Unit);

/// <summary>The kinds of health rule <c>organizationHealth</c> evaluates.</summary>
[GenerateSerializer, Alias("CareGrid.HealthRuleKind")]
public enum HealthRuleKind
{
    /// <summary>Each unit of the named kinds has at least <see cref="TemplateHealthRule.Minimum"/> boy(s) and girl(s) holding the roles .</summary>
    BoyAndGirlInRole,
    /// <summary>The tenant has at least <see cref="TemplateHealthRule.Minimum"/> member(s) holding the roles anywhere (R-2.7: a town-level specialist).</summary>
    TenantHasRole,
    /// <summary>Each unit of the named kinds has at least <see cref="TemplateHealthRule.Minimum"/> member(s) holding the roles (R-2.7: staff per village or community).</summary>
    EachUnitHasRole,
    /// <summary>Every member whose role needs qualifications holds them, unexpired .</summary>
    QualificationsValid,
    /// <summary>Every left-behind child has the three knows recorded; checked in every tenant, not declared by templates (docs/visits.md).</summary>
    ThreeKnowsComplete,
}

/// <summary>A health rule of a template.</summary>
/// <param name="Rule">The rule kind.</param>
/// <param name="Requirement">The requirement numbers, e.g. <c>R-7.5</c>.</param>
/// <param name="OrganizationKinds">The units checked (for per-unit rules).</param>
/// <param name="Roles">The role codes counted.</param>
/// <param name="Minimum">The minimum count (at least 1).</param>
[GenerateSerializer, Alias("CareGrid.TemplateHealthRule")]
public sealed record TemplateHealthRule(
    [property: Id(0)] HealthRuleKind Rule,
    [property: Id(1)] string Requirement,
    [property: Id(2)] IReadOnlyList<OrganizationKind> OrganizationKinds,
    [property: Id(3)] IReadOnlyList<string> Roles,
    [property: Id(4)] int Minimum = 1);

/// <summary>A fixed unit a template provisions.</summary>
/// <param name="Id">Local id, 1–64 of [A-Za-z0-9_-].</param>
/// <param name="Name">Display name; <c>{tenantName}</c> is replaced by the tenant's name.</param>
/// <param name="Kind">Kind.</param>
/// <param name="ParentId">Parent's local id (listed earlier), or null for a root.</param>
/// <param name="EscalationLevel">The warning level the unit stands for (1–3), or null.</param>
/// <param name="NameZh">The Simplified Chinese display name, used for a tenant whose name is Chinese (<see cref="NameFor"/>), or null.</param>
[GenerateSerializer, Alias("CareGrid.TemplateOrganization")]
public sealed record TemplateOrganization(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] OrganizationKind Kind,
    [property: Id(3)] string? ParentId,
    [property: Id(4)] int? EscalationLevel,
    [property: Id(5)] string? NameZh = null)
{
    /// <summary>
    /// The unit's name in a tenant named <paramref name="tenantName"/>: <see cref="NameZh"/> when the tenant's name holds a Chinese
    /// character (a school named 青山第二中学 gets 心理辅导中心, not "Counselling centre"; new-user trial 2026-12-04), else
    /// <see cref="Name"/>; <c>{tenantName}</c> replaced by the tenant's name, cut to 200 characters.
    /// </summary>
    public string NameFor(string tenantName)
    {
        var chinese = NameZh is not null && tenantName.Any(c => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF');
        var name = (chinese ? NameZh! : Name).Replace(JurisdictionTemplate.TenantNamePlaceholder, tenantName, StringComparison.Ordinal);
        return name.Length > 200 ? name[..200] : name;
    }
}

/// <summary>
/// How a new concern travels in a template's tenants: the level whose queue owns a new case, while the
/// case's escalation level stays 1. A school sends every concern to its level-3 psychology teachers at once; a district or
/// town to its level-2 coordinator, who escalates from there.
/// </summary>
/// <param name="OwnerLevel">2 or 3: the owner queue of a new case is <c>queue:level-{OwnerLevel}</c> (<see cref="CaseQueues"/>).</param>
/// <param name="Description">Who receives a new concern and what they do with it, in the plan's words.</param>
/// <param name="Requirement">The requirement numbers the rule comes from, e.g. <c>R-4.3, R-4.4</c>.</param>
[GenerateSerializer, Alias("CareGrid.TemplateIntake")]
public sealed record TemplateIntake(
    [property: Id(0)] int OwnerLevel,
    [property: Id(1)] string Description,
    [property: Id(2)] string Requirement)
{
    /// <summary>The rule the tenant's settings carry (<see cref="TenantSettings.Intake"/>).</summary>
    public IntakeRule ToRule() => new(OwnerLevel);
}
