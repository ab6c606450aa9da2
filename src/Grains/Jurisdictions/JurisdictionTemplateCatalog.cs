using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CareGrid.Grains.Calendar;
using CareGrid.Grains.Security;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Grains.Jurisdictions;

/// <summary>
/// The jurisdiction templates known to this process, loaded once from a folder of JSON files
/// (<c>Templates:Path</c>, default <c>&lt;app&gt;/seeds/templates</c>). Every file is validated on load; a bad
/// file stops the process with a message naming it, so a tenant is never provisioned from a broken template.
/// </summary>
public sealed partial class JurisdictionTemplateCatalog
{
    /// <summary>The configuration key of the templates folder.</summary>
    public const string PathKey = "Templates:Path";

    /// <summary>JSON options of template files: camelCase, enums by name, comments allowed.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly Dictionary<string, JurisdictionTemplate> _byId;

    /// <summary>A catalog of the given templates (validated).</summary>
    /// <exception cref="InvalidDataException">A template is invalid or two share an id.</exception>
    public JurisdictionTemplateCatalog(IEnumerable<JurisdictionTemplate> templates)
    {
        _byId = new Dictionary<string, JurisdictionTemplate>(StringComparer.Ordinal);
        foreach (var t in templates)
        {
            Validate(t);
            if (!_byId.TryAdd(t.Id, t))
            {
                throw new InvalidDataException($"Two templates have the id '{t.Id}'.");
            }
        }
    }

    /// <summary>The default folder: <c>seeds/templates</c> next to the executable.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "seeds", "templates");

    /// <summary>Every template, ordered by id.</summary>
    public IReadOnlyList<JurisdictionTemplate> All => _byId.Values.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();

    /// <summary>Loads every <c>*.json</c> of <paramref name="folder"/>; an empty catalog when the folder does not exist.</summary>
    /// <exception cref="InvalidDataException">A file does not parse or is invalid (the message names the file).</exception>
    public static JurisdictionTemplateCatalog Load(string folder)
    {
        var templates = new List<JurisdictionTemplate>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                try
                {
                    var template = JsonSerializer.Deserialize<JurisdictionTemplate>(File.ReadAllText(file), JsonOptions)
                        ?? throw new InvalidDataException("The file is empty.");
                    Validate(template);
                    templates.Add(template);
                }
                catch (Exception e) when (e is JsonException or InvalidDataException or ArgumentException or Errors.CareGridException)
                {
                    throw new InvalidDataException($"Template file {file}: {e.Message}", e);
                }
            }
        }

        return new JurisdictionTemplateCatalog(templates);
    }

    /// <summary>The template with <paramref name="id"/>, or null.</summary>
    public JurisdictionTemplate? Find(string? id) => id is not null && _byId.TryGetValue(id, out var t) ? t : null;

    /// <summary>
    /// What a tenant provisioned from <paramref name="applied"/> follows now: the catalog's file of the same id when it is
    /// newer (a higher <see cref="JurisdictionTemplate.Version"/>), else the copy stored when it was applied. Its roles, unit
    /// kinds, escalation chain and health rules then come from the current file, as the scope of each unit kind already did
    /// (<c>OrganizationTreeGrain</c>): the town template's supervision role of version 4 (R-2.8) reaches a town onboarded from
    /// version 3, and its health check reports the missing supervisor. The units and deadlines the template created when it
    /// was applied are the tenant's own and do not change.
    /// </summary>
    public JurisdictionTemplate Current(JurisdictionTemplate applied) =>
        Find(applied.Id) is { } file && file.Version > applied.Version ? file : applied;

    /// <summary>
    /// The default template of a tenant kind (used for tenants onboarded without one): the template whose id is the
    /// kind's name in lowercase (<c>district</c>, <c>town</c>, <c>school</c>), else the first of that kind, else null.
    /// </summary>
    public JurisdictionTemplate? ForKind(TenantKind kind) =>
        Find(kind.ToString().ToLowerInvariant()) ?? All.FirstOrDefault(t => t.TenantKind == kind);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateIdPattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LocalIdPattern();

    /// <summary>True when <paramref name="code"/> is a well-formed role or qualification code (1–64 letters and digits).</summary>
    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>
    /// Checks a template's internal consistency, and that none of its deadlines is longer than its kind may be
    /// (<see cref="ProtocolDeadlineBounds"/>, F13; the message then says so in English and Chinese).
    /// </summary>
    /// <exception cref="InvalidDataException">Names the first problem found.</exception>
    public static void Validate(JurisdictionTemplate t)
    {
        Check(t.Id is not null && TemplateIdPattern().IsMatch(t.Id), "id is 1–63 of [a-z0-9-].");
        Check(!string.IsNullOrWhiteSpace(t.Name), "name is required.");
        Check(Enum.IsDefined(t.TenantKind), "tenantKind is District, Town or School.");
        Check(t.OrganizationKinds is { Count: > 0 }, "organizationKinds is required.");
        Check(t.Roles is { Count: > 0 }, "roles is required.");
        Check(t.EscalationChain is not null && t.EscalationChain.Select(l => l.Level).Order().SequenceEqual([1, 2, 3]), "escalationChain has exactly the levels 1, 2 and 3.");
        Check(t.Deadlines is not null && t.Instruments is not null && t.HealthRules is not null && t.Organizations is not null && t.ReferralTargets is not null,
            "deadlines, instruments, healthRules, organizations and referralTargets are required (may be empty).");

        Check(t.Intake is { } intake && intake.ToRule().IsValid && !string.IsNullOrWhiteSpace(intake.Description) && !string.IsNullOrWhiteSpace(intake.Requirement),
            "intake is required: ownerLevel 2 or 3 (the queue that owns a new concern), a description and a requirement.");
        var (kinds, codes) = ValidateKindsAndRoles(t);
        Check(t.Deadlines.Select(d => d.Task).Distinct().Count() == t.Deadlines.Count, "deadlines lists a task kind twice.");
        foreach (var d in t.Deadlines)
        {
            Check(Enum.IsDefined(d.Task) && Enum.IsDefined(d.Unit) && d.Amount >= 0 && d.Amount <= DeadlineSpec.MaxAmount(d.Unit), $"deadline {d.Task}: amount 0–max for a known unit.");
            // F13 at load: a tenant provisioned from the template would get a deadline past its kind's bound (docs/protocol.md).
            if (ProtocolDeadlineBounds.TemplateProblem(d.Task, new DeadlineSpec(d.Amount, d.Unit)) is { } pastBound)
            {
                throw new InvalidDataException(pastBound);
            }
        }

        Check(t.Instruments.All(Enum.IsDefined) && t.Instruments.Distinct().Count() == t.Instruments.Count, "instruments are known and listed once.");
        foreach (var rule in t.HealthRules)
        {
            Check(Enum.IsDefined(rule.Rule) && rule.Minimum >= 1 && (rule.Roles ?? []).All(codes.Contains) && (rule.OrganizationKinds ?? []).All(kinds.Contains),
                $"health rule {rule.Rule}: known rule, minimum ≥ 1, kinds and roles listed in the template.");
            Check(rule.Rule is HealthRuleKind.QualificationsValid || rule.Roles is { Count: > 0 }, $"health rule {rule.Rule}: roles are required.");
            Check(rule.Rule is not (HealthRuleKind.BoyAndGirlInRole or HealthRuleKind.EachUnitHasRole) || rule.OrganizationKinds is { Count: > 0 },
                $"health rule {rule.Rule}: organizationKinds are required.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in t.Organizations)
        {
            Check(o.Id is not null && LocalIdPattern().IsMatch(o.Id) && ids.Add(o.Id), $"organization '{o.Id}': a unique local id of 1–64 of [A-Za-z0-9_-].");
            Check(!string.IsNullOrWhiteSpace(o.Name) && kinds.Contains(o.Kind) && o.EscalationLevel is null or (>= 1 and <= 3),
                $"organization {o.Id}: a name, a kind listed in organizationKinds, level 1–3 or null.");
            Check(o.ParentId is null || (ids.Contains(o.ParentId) && o.ParentId != o.Id), $"organization {o.Id}: its parent is listed before it.");
            Check(o.NameZh is null || !string.IsNullOrWhiteSpace(o.NameZh), $"organization {o.Id}: nameZh, when given, is not blank.");
        }
    }

    /// <summary>The organization kinds, roles and escalation chain of <paramref name="t"/> (R-1.4, R-4.3); returns the kinds and role codes listed.</summary>
    private static (HashSet<Organizations.OrganizationKind> Kinds, HashSet<string> Codes) ValidateKindsAndRoles(JurisdictionTemplate t)
    {
        var kinds = t.OrganizationKinds.Select(k => k.Kind).ToHashSet();
        Check(kinds.Count == t.OrganizationKinds.Count, "organizationKinds lists a kind twice.");
        foreach (var k in t.OrganizationKinds)
        {
            Check(Enum.IsDefined(k.Kind) && k.EscalationLevel is null or (>= 1 and <= 3) && (k.ParentKinds ?? []).All(kinds.Contains),
                $"organization kind {k.Kind}: level 1–3 and parent kinds listed in organizationKinds.");
            Check(Enum.IsDefined(k.Serves) && (k.Serves != OrganizationServes.Parent || k.ParentKinds is { Count: > 0 }),
                $"organization kind {k.Kind}: serves is Subtree, Parent (only for a kind with parentKinds) or Tenant.");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in t.Roles)
        {
            Check(IsCode(r.Code) && codes.Add(r.Code), $"role '{r.Code}': a unique code of 1–64 letters and digits.");
            Check(!string.IsNullOrWhiteSpace(r.Name), $"role {r.Code}: name is required.");
            Check(Security.Roles.Normalize(r.AccessRole) is { } a && a == r.AccessRole && a != Security.Roles.PlatformAdmin,
                $"role {r.Code}: accessRole is a tenant role ({string.Join(", ", Security.Roles.All.Skip(1))}).");
            Check(r.EscalationLevel is null or (>= 1 and <= 3), $"role {r.Code}: escalationLevel is 1–3 or null.");
            Check(r.OrganizationKinds is { Count: > 0 } && r.OrganizationKinds.All(kinds.Contains), $"role {r.Code}: organizationKinds are listed in organizationKinds.");
            Check((r.Qualifications ?? []).All(IsCode), $"role {r.Code}: qualification codes are 1–64 letters and digits.");
        }

        foreach (var level in t.EscalationChain)
        {
            Check((level.OrganizationKinds ?? []).All(kinds.Contains) && (level.Roles ?? []).All(codes.Contains),
                $"escalation level {level.Level}: kinds and roles are listed in the template.");
        }

        return (kinds, codes);
    }

    private static void Check([System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException(message);
        }
    }
}
