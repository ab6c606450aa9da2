using System.Text;
using CareGrid.Grains.Organizations;
using CareGrid.Grains.ReadModel;

namespace CareGrid.Grains.Imports;

/// <summary>
/// The units a whole-school people roster may place its rows in: the unit the import names and the open units under it
/// that hold the people served (<see cref="PersonKinds"/>: classes, grades, villages, …; never a staff unit such as the
/// leadership group, and nothing under a closed unit). A row's <c>unit</c> cell (班级) names one of them by id or by name,
/// and its <c>grade</c> cell (年级), when the file has one, says which grade the class is in (docs/rosters.md "A whole school
/// in one file"). Names are compared by <see cref="NameKey"/>: <c>初一（3）班</c>, <c>初一(3)班</c> and <c>初一 3班</c> name the
/// same class. Nothing else is guessed: a cell that names no unit, or more than one, refuses its row. Round-26 and round-29
/// new-user trials: a school's one Excel roster had to be split by hand, one file per class; round-30 red team: a grade
/// without the class must not fall back to another grade's class of that name.
/// </summary>
public sealed class RosterUnits
{
    /// <summary>How many unit names a refusal lists at most.</summary>
    public const int NamesShown = 8;

    /// <summary>How many characters of a name or cell a refusal shows at most.</summary>
    public const int TextShown = 40;

    /// <summary>The kinds of unit a people roster may place a person in: where the people served are registered.</summary>
    public static readonly IReadOnlySet<OrganizationKind> PersonKinds = new HashSet<OrganizationKind>
    {
        OrganizationKind.School, OrganizationKind.Grade, OrganizationKind.Class,
        OrganizationKind.Subdistrict, OrganizationKind.Community, OrganizationKind.Village, OrganizationKind.QuarantineSite,
    };

    private readonly Dictionary<string, OrganizationRow> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OrganizationRow>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OrganizationRow>> _byLooseName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _parent = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Unit, string Grade), (string? Id, string? Reason)> _resolved = [];
    private readonly List<string> _leafNames;

    /// <summary>The last non-blank class cell read (in row order), its row's grade cell and its answer: a blank cell below it is part of its merged cell.</summary>
    private (string Unit, string Grade, (string? Id, string? Reason) Answer)? _above;

    /// <summary>True for a later part of a file whose rows above are not known (<see cref="ContinueBelow"/>) until a filled class cell is read.</summary>
    private bool _aboveUnknown;

    private RosterUnits(OrganizationRow root, IReadOnlyList<OrganizationRow> eligible)
    {
        Root = root;
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in eligible)
        {
            _byId[row.Id] = row;
            _parent[row.Id] = row.Id == root.Id ? null : row.ParentId;
            if (row.ParentId is { } p)
            {
                parents.Add(p);
            }

            Index(_byName, NameKey(row.Name), row);
            Index(_byLooseName, LooseKey(row.Name), row);
        }

        _leafNames = [.. eligible.Where(u => u.Id != root.Id && !parents.Contains(u.Id)).Select(u => Shown(u.Name)).Order(StringComparer.Ordinal)];
    }

    private static void Index(Dictionary<string, List<OrganizationRow>> index, string key, OrganizationRow row)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(row);
    }

    /// <summary>The unit the import names (the school).</summary>
    public OrganizationRow Root { get; }

    /// <summary>
    /// The units of <paramref name="rows"/> (a tenant's units, the read side's rows) at and under <paramref name="rootId"/> that
    /// a row may name: open, of a <see cref="PersonKinds"/> kind, with no closed unit between them and the root. Null when the
    /// root is not among the rows.
    /// </summary>
    public static RosterUnits? Under(IReadOnlyList<OrganizationRow> rows, string rootId)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var root = rows.FirstOrDefault(r => r.Id == rootId);
        if (root is null)
        {
            return null;
        }

        var children = rows.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!, StringComparer.Ordinal);
        var eligible = new List<OrganizationRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { rootId };
        var stack = new Stack<OrganizationRow>([root]);
        while (stack.TryPop(out var unit))
        {
            if (unit.Status == OrganizationStatus.Closed)
            {
                continue; // a closed unit takes no new people, nor does anything under it
            }

            if (PersonKinds.Contains(unit.Kind) || unit.Id == rootId)
            {
                eligible.Add(unit);
            }

            foreach (var child in children[unit.Id].Where(c => seen.Add(c.Id)))
            {
                stack.Push(child);
            }
        }

        return new RosterUnits(root, eligible);
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
    /// The unit a row lands in, or why none. <paramref name="unit"/> (the 班级 cell) names a unit by id or by name. With
    /// <paramref name="grade"/> (the 年级 cell): when units are named as the grade (<c>初二</c> also matches <c>初二年级</c>), the
    /// class must lie under one of them, by its own name or by the grade and class together (<c>初一</c> + <c>(3)班</c>); when
    /// none is, the class's own name must begin with the grade (<c>初一</c> + <c>初一(3)班</c>) or be the two together — digits
    /// never run together (<c>1</c> + <c>1班</c> is not <c>11班</c>). A blank cell lands in the import's unit when no unit under it
    /// holds people (a class list imported into its class) and no cell above it names another class (Excel's merged cell: the
    /// rows below it are the named class's; call in row order), and is refused otherwise. Answers the unit's id, or a bilingual reason for the row's
    /// <c>unit</c> column (<see cref="RosterReasons.UnitBlank"/>, <see cref="RosterReasons.UnitNotFound"/>,
    /// <see cref="RosterReasons.UnitAmbiguous"/>). Each distinct pair of cells is decided once per import. For a later part of a
    /// file sent in parts, "above" includes the earlier parts' rows (<see cref="ContinueBelow"/>), so the answer does not depend
    /// on where the file was cut; when they are not known, a blank cell before the part's first filled one is refused
    /// (<see cref="RosterReasons.UnitBlankAboveUnknown"/>).
    /// </summary>
    public (string? Id, string? Reason) Resolve(string? unit, string? grade)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            // A class list imported into its class: the only unit a row can land in is the import's, exactly where a file
            // without the 班级 column lands; Excel's merged 班级 cell leaves every row after the first blank (round-40 trial).
            // A blank below a cell that names another class is that class's (red team, round 40: a grade's list with merged 班级
            // cells imported into one class put every other class's pupils but the first in it), so it is refused.
            return _byId.Count != 1 ? (null, RosterReasons.UnitBlank())
                : _aboveUnknown ? (null, RosterReasons.UnitBlankAboveUnknown())
                : _above is { Answer.Id: null } above ? (null, RosterReasons.UnitBlankBelowOther(Shown(above.Unit)))
                : (Root.Id, null);
        }

        var key = (unit.Trim(), grade?.Trim() ?? "");
        if (!_resolved.TryGetValue(key, out var answer))
        {
            _resolved[key] = answer = Decide(key.Item1, key.Item2);
        }

        (_above, _aboveUnknown) = ((key.Item1, key.Item2, answer), false);
        return answer;
    }

    /// <summary>
    /// Reads a later part of a file sent in parts as continuing the rows above it (docs/rosters.md "A whole school in one
    /// file"): <paramref name="above"/> is what the earlier parts' class column left (<see cref="Above"/> of the part before),
    /// and a blank cell at the top of this part is decided by <see cref="Resolve"/>'s merged-cell rule as if the file had not
    /// been cut. Null when the rows above are not known (the first part's import restarted, or the parts came out of order):
    /// a blank cell before this part's first filled one is then refused rather than guessed. Call before the part's rows.
    /// </summary>
    public void ContinueBelow(RosterUnitAbove? above)
    {
        _aboveUnknown = above is null;
        if (above is { Unit: { } unit })
        {
            Resolve(unit, above.Grade);
        }
    }

    /// <summary>
    /// What the class column has said down to file row <paramref name="row"/> (the last row read): the last filled class cell
    /// and its row's grade cell, or no cell; null when it is not known (<see cref="ContinueBelow"/> with null and no filled
    /// cell since). The next part of the file continues from it.
    /// </summary>
    public RosterUnitAbove? Above(int row) => _aboveUnknown ? null : new RosterUnitAbove(row, _above?.Unit, _above is { Grade.Length: > 0 } a ? a.Grade : null);

    private (string? Id, string? Reason) Decide(string unit, string grade)
    {
        var found = Matches(unit, grade, loose: false);
        return found.Count switch
        {
            1 => (found[0].Id, null),
            0 => (null, RosterReasons.UnitNotFound(Shown(unit), grade.Length == 0 ? null : Shown(grade), Label(Root), _leafNames, Suggest(unit, grade))),
            _ => (null, RosterReasons.UnitAmbiguous(Shown(unit), grade.Length == 0 ? null : Shown(grade), [.. found.Select(Label).Order(StringComparer.Ordinal)])),
        };
    }

    /// <summary>The units <paramref name="unit"/> (with <paramref name="grade"/>, possibly empty) names, names compared by <see cref="NameKey"/> or, when <paramref name="loose"/>, <see cref="LooseKey"/>.</summary>
    private List<OrganizationRow> Matches(string unit, string grade, bool loose)
    {
        Func<string, string> keyOf = loose ? LooseKey : NameKey;
        var index = loose ? _byLooseName : _byName;
        IEnumerable<OrganizationRow> Named(string key) => index.GetValueOrDefault(key) ?? [];
        var classKey = keyOf(unit);
        var named = Named(classKey).ToList();
        if (_byId.TryGetValue(unit, out var byId) && !named.Contains(byId))
        {
            named.Add(byId);
        }

        if (grade.Length == 0)
        {
            return named;
        }

        var gradeKey = keyOf(grade);
        var joined = Joins(gradeKey, classKey) ? Named(gradeKey + classKey) : [];
        var grades = _byId.Values.Where(u => u.Id != Root.Id && IsGradeName(keyOf(u.Name), gradeKey)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        return grades.Count > 0
            ? [.. named.Concat(joined).Distinct().Where(u => IsUnderAny(u.Id, grades))]
            : [.. joined.Concat(named.Where(u => keyOf(u.Name) is var k && k.Length > gradeKey.Length && k.StartsWith(gradeKey, StringComparison.Ordinal)
                && Joins(gradeKey, k[gradeKey.Length..]))).Distinct()];
    }

    /// <summary>True when a unit key names the grade: the same, or the same with 年级 (<c>初二</c> and <c>初二年级</c>).</summary>
    private static bool IsGradeName(string unitKey, string gradeKey) =>
        unitKey == gradeKey || unitKey == gradeKey + "年级" || unitKey + "年级" == gradeKey;

    /// <summary>False when the grade ends and the class begins with a digit: <c>1</c> and <c>1班</c> do not make <c>11班</c>.</summary>
    private static bool Joins(string gradeKey, string classKey) =>
        gradeKey.Length > 0 && classKey.Length > 0 && !(char.IsAsciiDigit(gradeKey[^1]) && char.IsAsciiDigit(classKey[0]));

    /// <summary>True when a unit above <paramref name="id"/> (up to the root) is one of <paramref name="grades"/>.</summary>
    private bool IsUnderAny(string id, HashSet<string> grades)
    {
        var steps = 0;
        for (var p = _parent.GetValueOrDefault(id); p is not null && steps++ < 64; p = _parent.GetValueOrDefault(p))
        {
            if (grades.Contains(p))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The unit a cell probably meant when it names none, or null: one unit whose name differs only by look-alike characters
    /// (<c>l</c>, <c>i</c>, <c>|</c> for <c>1</c>, <c>o</c> for <c>0</c>) — shown as a question, never applied.
    /// </summary>
    private string? Suggest(string unit, string grade)
    {
        var found = Matches(unit, grade, loose: true);
        return found.Count == 1 ? Label(found[0]) : null;
    }

    private static string LooseKey(string name) =>
        string.Concat(NameKey(name).Select(c => c switch { 'l' or 'i' or '|' or '丨' => '1', 'o' => '0', _ => c }));

    /// <summary>A cell or name as a refusal shows it: at most <see cref="TextShown"/> characters, <c> / </c> (the bilingual separator) closed up.</summary>
    private static string Shown(string text)
    {
        text = text.Replace(" / ", "/", StringComparison.Ordinal);
        return text.Length > TextShown ? text[..TextShown] + "…" : text;
    }

    private static string Label(OrganizationRow unit) => $"{Shown(unit.Name)} ({unit.Id})";
}

/// <summary>
/// What a file's class (班级) column says at and above file row <paramref name="Row"/>, for the part of the file that starts
/// below it (<see cref="RosterUnits.ContinueBelow"/>): the last filled class cell and the grade (年级) cell of its row, as
/// written; <paramref name="Unit"/> null when no cell above is filled.
/// </summary>
/// <param name="Row">The file row (header = 1) of the last line of the part before.</param>
/// <param name="Unit">The last filled class cell at or above <paramref name="Row"/>, or null.</param>
/// <param name="Grade">The grade cell of that row, or null.</param>
[GenerateSerializer, Alias("CareGrid.RosterUnitAbove")]
public sealed record RosterUnitAbove([property: Id(0)] int Row, [property: Id(1)] string? Unit, [property: Id(2)] string? Grade);
