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
}
