namespace CareGrid.Grains.Statistics;

/// <summary>
/// The target-group codes statistics show by name (R-1.2, docs/statistics.md "People and census"). No jurisdiction
/// template declares a list of target groups and <c>registerPerson</c> accepts any code of 1–64 letters and digits, so a
/// code is free text that may carry a name or a sensitive fact. Statistics therefore show only the codes listed here (the
/// groups of and the codes the seeds and rosters use), each with an English and a Simplified Chinese name, and count
/// every other code under <see cref="Other"/>.
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
        ["FrontlineWorker"] = new("Frontline worker", "一线工作人员"),
        ["SpecialPopulation"] = new("Special population", "特殊人群"),
        ["LeftBehindChild"] = new("Left-behind child", "留守儿童"),
        ["Disability"] = new("Person with a disability", "残疾人"),
        ["Public"] = new("General public", "社会公众"),
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
}
