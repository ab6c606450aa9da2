namespace CareGrid.Grains.Statistics;

/// <summary>
/// The target-group codes statistics show by name (R-1.2, docs/statistics.md "People and census"). No jurisdiction
/// template declares a list of target groups and <c>registerPerson</c> accepts any code of 1–64 letters and digits, so a
/// code is free text that may carry a name or a sensitive fact. Statistics therefore show only the codes listed here (the
/// groups of R-1.2 and the codes the seeds and rosters use), each with an English and a Simplified Chinese name, and count
/// every other code under <see cref="Other"/>. R-1.2 and R-1.8 name people in extreme poverty (<c>ExtremePoverty</c>, 特困人员),
/// elderly people with special difficulties (<c>ElderlyInSpecialDifficulty</c>, 特殊困难老年人: living alone, empty-nest,
/// disabled or very old) and children in difficulty (<c>ChildInDifficulty</c>, 困境儿童) as groups of their own.
/// </summary>
public static class TargetGroupCatalog
{
    /// <summary>The key under which every code not in the catalogue is counted (a person once, however many such codes).</summary>
    public const string Other = "OTHER";

    private static readonly Dictionary<string, LocalizedText> Names = new(StringComparer.Ordinal)
    {
        ["ConfirmedPatient"] = new("Confirmed patient", "确诊患者"),
        ["RecoveredPatient"] = new("Recovered patient", "康复患者"),
        ["FamilyOfConfirmedPatient"] = new("Family of a confirmed patient", "确诊患者家属"),
        ["FamilyMemberInfected"] = new("Family member infected", "家人感染"),
        ["SuspectedCase"] = new("Suspected case", "疑似患者"),
        ["HomeQuarantine"] = new("Home quarantine", "居家隔离人员"),
        ["Isolated"] = new("Isolated person", "隔离人员"),
        ["Hardship"] = new("People in hardship", "生活困难人员"),
        ["LowIncome"] = new("Low income", "低收入人员"),
        ["LowIncomeHousehold"] = new("Low-income household", "低收入家庭"),
        ["ExtremePoverty"] = new("Person in extreme poverty", "特困人员"),
        ["ElderlyInSpecialDifficulty"] = new("Elderly person with special difficulties", "特殊困难老年人"),
        ["ChildInDifficulty"] = new("Child in difficulty", "困境儿童"),
        ["FrontlineWorker"] = new("Frontline worker", "一线工作人员"),
        ["SpecialPopulation"] = new("Special population", "特殊人群"),
        ["LeftBehindChild"] = new("Left-behind child", "留守儿童"),
        ["Disability"] = new("Person with a disability", "残疾人"),
        ["Public"] = new("General public", "社会公众"),
    };

    /// <summary>
    /// Other Chinese names town and school rosters write for a catalogued code (docs/rosters.md "Target groups"), besides its
    /// label: what a 人群类别 column of a town's Excel roster says (new-user trial 2026-12-06: 低保户, 康复人员).
    /// </summary>
    private static readonly Dictionary<string, string[]> AlsoCalled = new(StringComparer.Ordinal)
    {
        ["ConfirmedPatient"] = ["确诊病例", "确诊人员"],
        ["RecoveredPatient"] = ["康复人员", "治愈出院人员"],
        ["FamilyOfConfirmedPatient"] = ["确诊病例家属", "患者家属"],
        ["SuspectedCase"] = ["疑似病例"],
        ["HomeQuarantine"] = ["居家隔离"],
        ["Isolated"] = ["集中隔离人员"],
        ["Hardship"] = ["困难群众", "困难人员"],
        ["LowIncome"] = ["低收入人群"],
        ["LowIncomeHousehold"] = ["低保户", "低保家庭", "低收入户"],
        ["ExtremePoverty"] = ["特困供养人员", "特困户"],

        // R-1.2 names the group, not its kinds: the kinds civil affairs counts as 特殊困难老年人 are read as this one code
        ["ElderlyInSpecialDifficulty"] = ["特殊困难老人", "独居老人", "空巢老人", "留守老人", "失能老人", "高龄老人"],
        ["FrontlineWorker"] = ["一线人员"],
        ["LeftBehindChild"] = ["农村留守儿童"],
        ["Disability"] = ["残疾人员", "残障人士"],
    };

    /// <summary>The label of the <see cref="Other"/> row.</summary>
    public static LocalizedText OtherLabel { get; } = new("Other target groups", "其他目标人群");

    /// <summary>The key a person's code counts under: the code itself when catalogued (ordinal match), else <see cref="Other"/>.</summary>
    public static string Bucket(string code) => Names.ContainsKey(code) ? code : Other;

    /// <summary>The label of a key returned by <see cref="Bucket"/>: the catalogued name, <see cref="OtherLabel"/>, or the key itself.</summary>
    public static LocalizedText Label(string key) =>
        Names.TryGetValue(key, out var name) ? name : key == Other ? OtherLabel : new LocalizedText(key, key);

    /// <summary>Sort order of the keys: catalogued codes in ordinal order, <see cref="Other"/> last.</summary>
    public static IEnumerable<T> Ordered<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.OrderBy(i => key(i) == Other).ThenBy(key, StringComparer.Ordinal);

    /// <summary>
    /// The catalogued code a roster cell's name means (docs/rosters.md "Target groups"): the code itself in any letter case,
    /// its English or Chinese label, or one of its other Chinese names (<c>留守儿童</c> → <c>LeftBehindChild</c>, <c>低保户</c> →
    /// <c>LowIncomeHousehold</c>); compared without white space, <c>-</c> and <c>_</c>, full-width forms read as half-width,
    /// case ignored. Null for a name no catalogued code has.
    /// </summary>
    public static string? CodeFor(string name)
    {
        var key = Key(name);
        return key.Length == 0 ? null : Names.Keys.FirstOrDefault(code => NamesOf(code).Any(n => Key(n) == key));
    }

    /// <summary>
    /// Every catalogued code with its names, as a refused cell lists them: <c>LeftBehindChild (留守儿童, 农村留守儿童, Left-behind
    /// child); …</c>, in ordinal order of the codes.
    /// </summary>
    public static string Accepted() =>
        string.Join("; ", Names.Keys.Order(StringComparer.Ordinal).Select(code => $"{code} ({string.Join(", ", NamesOf(code).Skip(1))})"));

    /// <summary>The code, its Chinese label, its other Chinese names, then its English label.</summary>
    private static IEnumerable<string> NamesOf(string code) =>
        [code, Names[code].Zh, .. AlsoCalled.GetValueOrDefault(code) ?? [], Names[code].En];

    private static string Key(string name) =>
        new([.. Imports.RosterColumns.FoldWidth(name).Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_')).Select(char.ToLowerInvariant)]);
}
