using CareGrid.Grains.Calendar;
using CareGrid.Grains.Cases;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Jurisdictions;
using CareGrid.Grains.Security;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;

namespace CareGrid.Tests.Domain;

/// <summary>
/// The deadline bounds (F13, docs/protocol.md "How long a deadline may be") without a silo: the refusal names the kind and the
/// amount in words in each language, and a jurisdiction template whose deadline is past a bound is refused when it loads.
/// </summary>
[Trait("tier", "domain")]
public sealed class DeadlineBoundsShould
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TenantSettings Defaults = TenantSettings.Default("Asia/Shanghai");

    private static (string En, string Zh) Refusal(CaseTaskKind kind, DeadlineSpec spec)
    {
        var state = new TenantState { Exists = true, Name = "A town", Status = TenantStatus.Active, Settings = Defaults };
        var error = Assert.Throws<CareGridException>(() => new TenantAggregate("town-a", state, Now)
            .UpdateSettings(Defaults with { Deadlines = new Dictionary<CaseTaskKind, DeadlineSpec> { [kind] = spec } }, new Actor("admin@town-a", [Roles.TenantAdmin])));
        var (en, zh) = Bilingual.Split(error.Message);
        Assert.NotNull(zh);
        return (en, zh);
    }

    [Theory]
    [InlineData(CaseTaskKind.GuideToPsychiatricInstitution, 6, DeadlineUnit.WorkingDays, "6 working days", "6 个工作日", "Guide to a psychiatric institution", "引导至精神卫生专科机构")]
    [InlineData(CaseTaskKind.NotifyFamilyEmergencyContact, 1, DeadlineUnit.WorkingDays, "1 working day", "1 个工作日", "Notify family and emergency contact", "告知家属并提供紧急联系方式")]
    [InlineData(CaseTaskKind.ProfessionalCrisisIntervention, 73, DeadlineUnit.Hours, "73 hours", "73 小时", "Professional crisis intervention", "专业人员危机干预")]
    [InlineData(CaseTaskKind.FollowUpVisit, 31, DeadlineUnit.CalendarDays, "31 calendar days", "31 个自然日", "Follow-up visit", "随访")]
    [InlineData(CaseTaskKind.PoliceTransportAssistance, 1441, DeadlineUnit.Minutes, "1441 minutes", "1441 分钟", "Police transport assistance", "公安协助护送就医")]
    public void Name_the_kind_and_the_amount_in_words_in_each_language(CaseTaskKind kind, int amount, DeadlineUnit unit, string en, string zh, string kindEn, string kindZh)
    {
        var (english, chinese) = Refusal(kind, new DeadlineSpec(amount, unit));

        Assert.Contains($"{en} is longer", english, StringComparison.Ordinal);
        Assert.Contains(kindEn, english, StringComparison.Ordinal);
        Assert.Contains($"设为 {zh} 超出上限", chinese, StringComparison.Ordinal);
        Assert.Contains(kindZh, chinese, StringComparison.Ordinal);
        // No unit in the schema's spelling, and no English unit word inside the Chinese text.
        foreach (var word in new[] { "WORKING_DAYS", "CALENDAR_DAYS", "HOURS", "MINUTES" })
        {
            Assert.DoesNotContain(word, english + chinese, StringComparison.Ordinal);
        }

        foreach (var word in new[] { "hour", "day", "minute" })
        {
            Assert.DoesNotContain(word, chinese, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(CaseTaskKind.FollowUpVisit, 31, DeadlineUnit.CalendarDays, "最长为 30 个自然日")]
    [InlineData(CaseTaskKind.GuideToPsychiatricInstitution, 6, DeadlineUnit.WorkingDays, "最长为 5 个工作日或自然日")]
    public void Say_calendar_days_as_the_settings_page_does_never_a_bare_tian(CaseTaskKind kind, int amount, DeadlineUnit unit, string bound)
    {
        // The console's settings page says "{n} 个自然日" (admin.unitAmount.CALENDAR_DAYS); the refusal uses the same term.
        var chinese = Refusal(kind, new DeadlineSpec(amount, unit)).Zh;

        Assert.Contains(bound, chinese, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d 天", chinese);
    }

    [Fact]
    public void Say_to_give_it_in_hours_only_for_a_kind_bounded_in_hours()
    {
        Assert.Contains("give it in hours", Refusal(CaseTaskKind.NotifyFamilyEmergencyContact, new(1, DeadlineUnit.WorkingDays)).En, StringComparison.Ordinal);
        Assert.Contains("请以小时设定", Refusal(CaseTaskKind.NotifyFamilyEmergencyContact, new(1, DeadlineUnit.WorkingDays)).Zh, StringComparison.Ordinal);
        Assert.DoesNotContain("in hours", Refusal(CaseTaskKind.GuideToPsychiatricInstitution, new(6, DeadlineUnit.WorkingDays)).En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CaseTaskKind.GuideToPsychiatricInstitution, 10, DeadlineUnit.WorkingDays, "10 working days", "10 个工作日")]
    [InlineData(CaseTaskKind.NotifyFamilyEmergencyContact, 1, DeadlineUnit.WorkingDays, "1 working day", "1 个工作日")]
    [InlineData(CaseTaskKind.FollowUpVisit, 60, DeadlineUnit.CalendarDays, "60 calendar days", "60 个自然日")]
    public void Refuse_a_template_whose_deadline_is_past_its_bound(CaseTaskKind kind, int amount, DeadlineUnit unit, string en, string zh)
    {
        var school = JurisdictionTemplateCatalog.Load(JurisdictionTemplateCatalog.DefaultFolder).Find("school")!;
        var broken = school with { Deadlines = [.. school.Deadlines.Where(d => d.Task != kind), new TemplateDeadline(kind, amount, unit)] };

        var error = Assert.Throws<InvalidDataException>(() => JurisdictionTemplateCatalog.Validate(broken));

        var (english, chinese) = Bilingual.Split(error.Message);
        Assert.Contains($"{en} for {StatisticsLabels.Kind(kind).En} is longer than its bound", english, StringComparison.Ordinal);
        Assert.Contains($"“{StatisticsLabels.Kind(kind).Zh}”设为 {zh}，超出上限", chinese, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => new JurisdictionTemplateCatalog([broken])); // no catalog holds it
    }

    [Fact]
    public void Stop_loading_the_templates_folder_naming_the_file_with_a_deadline_past_its_bound()
    {
        var folder = Directory.CreateTempSubdirectory("caregrid-templates-").FullName;
        try
        {
            var text = File.ReadAllText(Path.Combine(JurisdictionTemplateCatalog.DefaultFolder, "school.json"))
                .Replace("{ \"task\": \"GuideToPsychiatricInstitution\", \"amount\": 3, \"unit\": \"WorkingDays\" }",
                    "{ \"task\": \"GuideToPsychiatricInstitution\", \"amount\": 20, \"unit\": \"WorkingDays\" }", StringComparison.Ordinal);
            Assert.Contains("\"amount\": 20", text, StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "school.json"), text);

            var error = Assert.Throws<InvalidDataException>(() => JurisdictionTemplateCatalog.Load(folder));

            Assert.Contains("school.json", error.Message, StringComparison.Ordinal);
            Assert.Contains("20 working days", error.Message, StringComparison.Ordinal);
            Assert.Contains("20 个工作日", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Load_the_shipped_templates_within_every_bound()
    {
        var all = JurisdictionTemplateCatalog.Load(JurisdictionTemplateCatalog.DefaultFolder).All;

        Assert.Equal(["district", "school", "town"], all.Select(t => t.Id));
        Assert.All(all.SelectMany(t => t.Deadlines), d => Assert.False(ProtocolDeadlineBounds.Exceeds(d.Task, new DeadlineSpec(d.Amount, d.Unit))));
    }
}
