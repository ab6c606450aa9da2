using System.Text.RegularExpressions;
using CareGrid.Grains.Errors;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Why a person's data is exported with <c>exportPerson</c> (docs/access.md "Data-rights export"). The export bypasses
/// need-to-know, so it is taken only for one of these stated purposes, which the audit record keeps.
/// </summary>
public enum DataRightsPurpose
{
    /// <summary>The person (or, under 14, their guardian) asks to see and copy their data: PIPL art. 44–45 (right to know, access and copy), art. 31 for minors.</summary>
    DataSubjectRequest,

    /// <summary>The person asks that their data go to another processor, e.g. a student changing school: PIPL art. 45 para. 3 (portability).</summary>
    Transfer,

    /// <summary>A statutory duty or a competent authority's or court's request: PIPL art. 13(3).</summary>
    Legal,
}

/// <summary>GraphQL <c>DataRightsPurpose</c>: <c>DATA_SUBJECT_REQUEST</c>, <c>TRANSFER</c>, <c>LEGAL</c>.</summary>
public sealed class DataRightsPurposeType : EnumerationGraphType
{
    /// <summary>Defines the values with the law each one rests on.</summary>
    public DataRightsPurposeType()
    {
        Name = "DataRightsPurpose";
        Description = "Why a person's data is exported (exportPerson); recorded in the audit log.";
        Add(Names[DataRightsPurpose.DataSubjectRequest], DataRightsPurpose.DataSubjectRequest, "The person, or their guardian for a child under 14, asks for a copy (PIPL art. 44–45; art. 31).");
        Add(Names[DataRightsPurpose.Transfer], DataRightsPurpose.Transfer, "The person asks that their data go to another processor, e.g. on changing school (PIPL art. 45 para. 3).");
        Add(Names[DataRightsPurpose.Legal], DataRightsPurpose.Legal, "A statutory duty, or a competent authority's or court's request (PIPL art. 13(3)).");
    }

    /// <summary>The schema name of each purpose, as the audit record spells it.</summary>
    public static readonly IReadOnlyDictionary<DataRightsPurpose, string> Names = new Dictionary<DataRightsPurpose, string>
    {
        [DataRightsPurpose.DataSubjectRequest] = "DATA_SUBJECT_REQUEST",
        [DataRightsPurpose.Transfer] = "TRANSFER",
        [DataRightsPurpose.Legal] = "LEGAL",
    };
}

/// <summary>
/// The optional <c>reference</c> of an export: the ticket or letter number it answers, e.g. <c>DSR-2026-017</c> or
/// <c>教发〔2026〕12号</c>. 1–64 characters once trimmed: letters of any script, digits, spaces and
/// <c>- _ / . : # ( ) （ ） 〔 〕 [ ] 【 】</c>.
/// </summary>
public static partial class DataRightsReference
{
    /// <summary>Most characters of a reference.</summary>
    public const int MaxLength = 64;

    /// <summary>The trimmed reference, null when none was given; <c>VALIDATION_FAILED</c> (field <c>reference</c>) otherwise.</summary>
    public static string? Check(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length is 0 or > MaxLength || !Allowed().IsMatch(trimmed))
        {
            throw CareGridException.Validation("reference",
                $"reference is the ticket or letter number the export answers: 1–{MaxLength} letters, digits, spaces and - _ / . : # ( ) （ ） 〔 〕 [ ] 【 】; leave it out when there is none.");
        }

        return trimmed;
    }

    [GeneratedRegex(@"^[\p{L}\p{Nd} \-_/.:#()（）〔〕\[\]【】]+\z")]
    private static partial Regex Allowed();
}
