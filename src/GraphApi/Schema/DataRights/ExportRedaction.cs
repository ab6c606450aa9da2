using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// Takes third parties' identities out of an <c>exportPerson</c> document by purpose (docs/access.md "Data-rights export"):
/// <list type="bullet">
/// <item><c>DATA_SUBJECT_REQUEST</c>: the copy goes to the person or their guardian, who are owed <i>their</i> data, not
/// others' (PIPL art. 45); every reporter's login becomes <c>"reporter"</c> and every staff login <c>"staff"</c>, wherever it
/// appears: as a whole value, and inside a text the system wrote (a timeline reason such as <c>owner x@school (high-risk
/// protocol, R-1.10)</c> or a task note <c>… for x@school</c>), where it is replaced as a word; and the exporter's own view fields (<c>availableActions</c>, <c>nextActions</c>, <c>isReceipt</c>) are dropped.
/// A reporter is protected above all (R-7.5: a class committee student who reported a classmate).</item>
/// <item><c>TRANSFER</c>: staff logins stay (the receiving school needs to know who handled the case to hand over, R-2.4),
/// the reporter's become <c>"reporter"</c>, as values and inside texts.</item>
/// <item><c>LEGAL</c>: nothing is replaced (a competent authority's request, PIPL art. 13(3), may need who reported).</item>
/// </list>
/// </summary>
public static class ExportRedaction
{
    /// <summary>The neutral label that replaces a reporter's login.</summary>
    public const string ReporterLabel = "reporter";

    /// <summary>The neutral label that replaces a staff member's login.</summary>
    public const string StaffLabel = "staff";

    private static readonly HashSet<string> ViewerFields = new(StringComparer.Ordinal) { "availableActions", "nextActions", "isReceipt" };

    private static readonly HashSet<string> StaffKeys = new(StringComparer.Ordinal)
    {
        "actor", "assignee", "assigneeId", "ownerId", "owner", "worker", "subject", "by",
        "to", // a notification's addressee: a queue or the owner told of a change (RT19-1: "Case taken over by …" to the previous owner)
    };

    /// <summary>
    /// Endings of keys whose values are logins: a previous or original owner or assignee (<c>originalOwnerId</c>, RT19-1),
    /// whatever the prefix, so a field added later is covered.
    /// </summary>
    private static readonly string[] StaffKeyEndings = ["By", "Subject", "OwnerId", "Owner", "AssigneeId", "Assignee"];

    /// <summary>The prefix of a routing queue's name (<c>queue:level-2</c>): a queue names no one and stays as it is.</summary>
    private const string QueuePrefix = "queue:";

    /// <summary>Keys ending in "By" whose values are not logins: an enum (<c>givenBy</c>: SELF/GUARDIAN) or a date (<c>fixBy</c>).</summary>
    private static readonly HashSet<string> NotLoginKeys = new(StringComparer.Ordinal) { "givenBy", "fixBy" };

    private static readonly Regex EnumValue = new("^[A-Z][A-Z0-9_]*$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly HashSet<string> ReportActions = new(StringComparer.OrdinalIgnoreCase) { "Report", "ConcernAdded" };

    /// <summary>Redacts <paramref name="document"/> (the serialized export) in place for <paramref name="purpose"/>; returns it.</summary>
    public static JsonNode Redact(JsonNode document, DataRightsPurpose purpose)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (purpose == DataRightsPurpose.Legal)
        {
            return document;
        }

        var reporters = new HashSet<string>(StringComparer.Ordinal);
        var staff = new HashSet<string>(StringComparer.Ordinal);
        Collect(document, reporters, staff);
        staff.Remove("system");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (purpose == DataRightsPurpose.DataSubjectRequest)
        {
            foreach (var s in staff)
            {
                labels[s] = StaffLabel;
            }
        }

        foreach (var r in reporters)
        {
            labels[r] = ReporterLabel; // a reporter who is also staff is still named only as the reporter
        }

        Replace(document, labels, InText(labels), purpose == DataRightsPurpose.DataSubjectRequest);
        return document;
    }

    /// <summary>
    /// A pattern finding any of the logins of <paramref name="labels"/> as a word inside a longer text (not inside another
    /// login or address: no letter, digit, <c>@</c>, <c>-</c> or <c>_</c> around it, nor a <c>.</c> joined to one); null when
    /// there is none. Longest first, so a login that contains another is replaced whole.
    /// </summary>
    private static Regex? InText(Dictionary<string, string> labels)
    {
        if (labels.Count == 0)
        {
            return null;
        }

        var alternatives = string.Join('|', labels.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));
        return new Regex($@"(?<![\w@\-.])(?:{alternatives})(?![\w@\-]|\.\w)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static void Collect(JsonNode? node, HashSet<string> reporters, HashSet<string> staff)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                Collect(item, reporters, staff);
            }
        }
        else if (node is JsonObject obj)
        {
            var isReport = obj["action"] is JsonValue a && a.TryGetValue<string>(out var action) && ReportActions.Contains(action);
            foreach (var (key, value) in obj)
            {
                if (value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrEmpty(text))
                {
                    if (key == "reportedBy" || (isReport && key == "actor"))
                    {
                        reporters.Add(text);
                    }
                    else if (IsStaffKey(key) && !EnumValue.IsMatch(text) && !text.StartsWith(QueuePrefix, StringComparison.Ordinal))
                    {
                        staff.Add(text);
                    }
                }

                Collect(value, reporters, staff);
            }
        }
    }

    /// <summary>
    /// True for a key whose value names a staff member, by the schema's naming: the keys of <see cref="StaffKeys"/> (with a
    /// notification's <c>to</c>), and every key ending as in <see cref="StaffKeyEndings"/> — <c>…By</c> (recordedBy,
    /// proposedBy, startedBy, …) but <see cref="NotLoginKeys"/>, <c>…Subject</c> (counsellorSubject, toSubject, …),
    /// <c>…OwnerId</c> (a task's <c>originalOwnerId</c>), <c>…AssigneeId</c>. A rule by name, not a list of fields, so a field
    /// added later is covered (round 18 red team RT18-1: <c>monitoringHistory[].by</c> and <c>proposedBy</c> were missing
    /// from the list; round 19 RT19-1: <c>notifications[].to</c> and <c>originalOwnerId</c> named a case's previous owner).
    /// Every login so found is then replaced wherever it appears, in any field and inside the system's texts.
    /// </summary>
    private static bool IsStaffKey(string key) =>
        StaffKeys.Contains(key)
        || (!NotLoginKeys.Contains(key) && Array.Exists(StaffKeyEndings, e => key.EndsWith(e, StringComparison.Ordinal)));

    private static void Replace(JsonNode? node, Dictionary<string, string> labels, Regex? inText, bool dropViewerFields)
    {
        if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    array[i] = Relabel(text, labels, inText);
                }
                else
                {
                    Replace(array[i], labels, inText, dropViewerFields);
                }
            }
        }
        else if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                if (dropViewerFields && ViewerFields.Contains(key))
                {
                    obj.Remove(key);
                }
                else if (obj[key] is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    obj[key] = Relabel(text, labels, inText);
                }
                else
                {
                    Replace(obj[key], labels, inText, dropViewerFields);
                }
            }
        }
    }

    /// <summary>The label of a whole-value login, else <paramref name="text"/> with every login in it replaced by its label.</summary>
    private static string Relabel(string text, Dictionary<string, string> labels, Regex? inText) =>
        labels.TryGetValue(text, out var label) ? label
        : inText is null ? text
        : inText.Replace(text, m => labels[m.Value]);
}
