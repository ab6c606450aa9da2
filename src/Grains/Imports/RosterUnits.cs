using System.Text;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Imports;

/// <summary>
/// The units a whole-school people roster may place its rows in: the unit the import names and every open unit under it.
/// A row's <c>unit</c> cell (班级) names one of them by id or by name, and its <c>grade</c> cell (年级), when the file has
/// one, tells apart classes of the same name in different grades (docs/rosters.md "A whole school in one file"). Names
/// are compared by <see cref="NameKey"/>: <c>初一（3）班</c>, <c>初一(3)班</c> and <c>初一 3班</c> name the same class.
/// Round-26 and round-29 new-user trials: a school's one Excel roster had to be split by hand, one file per class.
/// </summary>
public sealed class RosterUnits
{
    /// <summary>How many unit names a "no such unit" reason lists at most.</summary>
    public const int NamesShown = 8;

    private readonly Dictionary<string, OrganizationRow> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OrganizationRow>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrganizationRow> _all = new(StringComparer.Ordinal);

    private RosterUnits(OrganizationRow root, IEnumerable<OrganizationRow> open, IReadOnlyList<OrganizationRow> all)
    {
        Root = root;
        foreach (var row in all)
        {
            _all[row.Id] = row;
        }

        foreach (var row in open)
        {
            _byId[row.Id] = row;
            var key = NameKey(row.Name);
            if (!_byName.TryGetValue(key, out var list))
            {
                _byName[key] = list = [];
            }

            list.Add(row);
        }
    }

    /// <summary>The unit the import names (the school).</summary>
    public OrganizationRow Root { get; }

    /// <summary>
    /// The open units of <paramref name="rows"/> (a tenant's units, the read side's rows) at and under
    /// <paramref name="rootId"/>; a closed unit takes no new people and is left out. Null when the root is not among the rows.
    /// </summary>
    public static RosterUnits? Under(IReadOnlyList<OrganizationRow> rows, string rootId)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var root = rows.FirstOrDefault(r => r.Id == rootId);
        if (root is null)
        {
            return null;
        }

        var subtree = OrganizationHealth.Subtree(rows, rootId);
        return new RosterUnits(root, rows.Where(r => subtree.Contains(r.Id) && r.Status != OrganizationStatus.Closed), rows);
    }

    /// <summary>
    /// A unit name as compared: full-width forms made half-width (<see cref="RosterColumns.FoldWidth(string)"/>), white space and
    /// brackets (<c>()（）[]【】〔〕</c>) removed, lower case (invariant). Never stored: the unit keeps its name as written.
    /// </summary>
    public static string NameKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = RosterColumns.FoldWidth(name);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not ('(' or ')' or '[' or ']' or '【' or '】' or '〔' or '〕'))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The unit a row lands in, or why none: <paramref name="unit"/> (the 班级 cell) as a unit id, else by name; when
    /// <paramref name="grade"/> (the 年级 cell) is given, a class whose name is the grade and the class together
    /// (<c>初一</c> + <c>3班</c> = <c>初一3班</c>) or which lies under a unit named as the grade is preferred. Answers the
    /// unit's id, or a bilingual reason (<see cref="RosterReasons.UnitBlank"/>, <see cref="RosterReasons.UnitNotFound"/>,
    /// <see cref="RosterReasons.UnitAmbiguous"/>) for the row's <c>unit</c> column.
    /// </summary>
    public (string? Id, string? Reason) Resolve(string? unit, string? grade)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return (null, RosterReasons.UnitBlank());
        }

        unit = unit.Trim();
        if (_byId.ContainsKey(unit))
        {
            return (unit, null);
        }

        var named = _byName.GetValueOrDefault(NameKey(unit)) ?? [];
        if (!string.IsNullOrWhiteSpace(grade))
        {
            var gradeKey = NameKey(grade);
            var inGrade = (_byName.GetValueOrDefault(NameKey(grade + unit)) ?? [])
                .Concat(named.Where(u => UnderUnitNamed(u, gradeKey)))
                .DistinctBy(u => u.Id, StringComparer.Ordinal)
                .ToList();
            if (inGrade.Count > 0)
            {
                named = inGrade;
            }
        }

        return named.Count switch
        {
            1 => (named[0].Id, null),
            0 => (null, RosterReasons.UnitNotFound(Describe(unit, grade), Label(Root), SomeNames)),
            _ => (null, RosterReasons.UnitAmbiguous(Describe(unit, grade), [.. named.Select(Label).Order(StringComparer.Ordinal)])),
        };
    }

    /// <summary>The first <see cref="NamesShown"/> names of the units under the root, in ordinal order (sorted once per import).</summary>
    private IReadOnlyList<string> SomeNames => _someNames ??=
        [.. _byId.Values.Where(u => u.Id != Root.Id).Select(u => u.Name).Order(StringComparer.Ordinal).Take(NamesShown)];

    private IReadOnlyList<string>? _someNames;

    /// <summary>True when a unit above <paramref name="unit"/> (up to and including the root) is named <paramref name="gradeKey"/>.</summary>
    private bool UnderUnitNamed(OrganizationRow unit, string gradeKey)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var id = unit.ParentId; id is not null && seen.Add(id) && _all.TryGetValue(id, out var parent); id = parent.ParentId)
        {
            if (NameKey(parent.Name) == gradeKey)
            {
                return true;
            }

            if (id == Root.Id)
            {
                break;
            }
        }

        return false;
    }

    private static string Describe(string unit, string? grade) => string.IsNullOrWhiteSpace(grade) ? unit : $"{grade.Trim()} {unit}";

    private static string Label(OrganizationRow unit) => $"{unit.Name} ({unit.Id})";
}
