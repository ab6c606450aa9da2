using System.Text.Json.Nodes;
using CareGrid.GraphApi.Schema;

namespace CareGrid.Tests.Security;

/// <summary>
/// <see cref="ExportRedaction"/> on texts the system wrote: a login inside a reason or note is replaced as a word, never a
/// part of another login or address (docs/access.md "Data-rights export").
/// </summary>
[Trait("tier", "domain")]
public sealed class ExportRedactionTextShould
{
    private static JsonNode Document(string reason) => JsonNode.Parse($$"""
        { "cases": [ { "reportedBy": "wu@school", "assigneeId": "li@school.cn",
          "timeline": [ { "actor": "li@school.cn", "action": "Assign", "reason": {{JsonValue.Create(reason).ToJsonString()}} } ] } ] }
        """)!;

    [Theory]
    [InlineData("owner wu@school (high-risk protocol, R-1.10)", "owner reporter (high-risk protocol, R-1.10)")]
    [InlineData("t1 NotifyFamily for li@school.cn.", "t1 NotifyFamily for staff.")]
    [InlineData("from wu@school to li@school.cn", "from reporter to staff")]
    [InlineData("li@school.cnx and xwu@school and wu@school-2 stay", "li@school.cnx and xwu@school and wu@school-2 stay")]
    [InlineData("li@school, not li@school.cn", "li@school, not staff")]
    public void Replace_a_login_inside_a_text_as_a_word(string reason, string expected)
    {
        var redacted = ExportRedaction.Redact(Document(reason), DataRightsPurpose.DataSubjectRequest);

        Assert.Equal(expected, redacted["cases"]![0]!["timeline"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("staff", redacted["cases"]![0]!["assigneeId"]!.GetValue<string>());
    }

    [Fact]
    public void Keep_staff_inside_texts_for_a_transfer_and_everything_for_a_legal_request()
    {
        const string Reason = "owner li@school.cn, reported by wu@school";

        var transfer = ExportRedaction.Redact(Document(Reason), DataRightsPurpose.Transfer);
        Assert.Equal("owner li@school.cn, reported by reporter", transfer["cases"]![0]!["timeline"]![0]!["reason"]!.GetValue<string>());

        var legal = ExportRedaction.Redact(Document(Reason), DataRightsPurpose.Legal);
        Assert.Equal(Reason, legal["cases"]![0]!["timeline"]![0]!["reason"]!.GetValue<string>());
    }

    /// <summary>
    /// Round 18 red team RT18-1: a login is found by the key's naming, not from a list of fields — <c>by</c>, every
    /// <c>…By</c> and <c>…Subject</c> — so fields such as <c>monitoringHistory[].by</c>, <c>proposedBy</c> and
    /// <c>counsellorSubject</c> are taken out too; an enum (<c>givenBy</c>) or a date (<c>fixBy</c>) is left as it is.
    /// </summary>
    [Fact]
    public void Find_staff_logins_by_the_key_naming_not_a_list_of_fields()
    {
        var document = JsonNode.Parse("""
            { "monitoringHistory": [ { "by": "wang@school", "reason": "started by wang@school" } ],
              "referrals": [ { "proposedBy": "zhao@school", "sentBy": "qian@school" } ],
              "appointments": [ { "counsellorSubject": "sun@school" } ],
              "consents": [ { "givenBy": "GUARDIAN", "recordedBy": "li@school" } ],
              "tasks": [ { "fixBy": "2026-12-10" } ] }
            """)!;

        var copy = ExportRedaction.Redact(document, DataRightsPurpose.DataSubjectRequest).ToJsonString();

        foreach (var login in new[] { "wang@school", "zhao@school", "qian@school", "sun@school", "li@school" })
        {
            Assert.DoesNotContain(login, copy, StringComparison.Ordinal);
        }

        Assert.Contains("\"givenBy\":\"GUARDIAN\"", copy, StringComparison.Ordinal);
        Assert.Contains("\"fixBy\":\"2026-12-10\"", copy, StringComparison.Ordinal);
        Assert.Contains("started by staff", copy, StringComparison.Ordinal);
    }
}
