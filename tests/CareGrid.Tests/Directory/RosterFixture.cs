using System.Text;

namespace CareGrid.Tests.PeopleDirectory;

/// <summary>
/// The deterministic 5,000-row people roster with 37 bad rows (every 135th data row, faults cycling through ten kinds).
/// Row numbers are as a spreadsheet shows them: header = row 1, data row i = row i + 1.
/// </summary>
public static class RosterFixture
{
    public const int Rows = 5000;
    public const string Header = "externalId,displayName,sex,birthYear,targetGroups,guardianName,guardianRelationship,guardianPhone,parentName,parentWorkplace,parentPhone";

    /// <summary>The data indexes (1-based) of the bad rows.</summary>
    public static IReadOnlyList<int> BadIndexes { get; } = Enumerable.Range(1, Rows).Where(i => i % 135 == 0).ToList();

    /// <summary>The spreadsheet row numbers of the bad rows.</summary>
    public static IReadOnlyList<int> BadRowNumbers => BadIndexes.Select(i => i + 1).ToList();

    public static int GoodRows => Rows - BadIndexes.Count;

    /// <summary>The file, for the given external-id prefix (so several tenants can import it).</summary>
    public static string Build(string prefix = "S")
    {
        var sb = new StringBuilder(Header).Append("\r\n");
        var fault = 0;
        for (var i = 1; i <= Rows; i++)
        {
            var id = $"{prefix}{i:D5}";
            var sex = i % 2 == 0 ? "F" : "M";
            var year = 2008 + (i % 8);
            var groups = i % 7 == 0 ? "LeftBehindChild" : i % 11 == 0 ? "FamilyMemberInfected;MigrantChild" : "";
            var guardian = i % 5 == 0 ? $"Guardian {i},grandmother,+86 138 0000 {i % 10000:D4}" : ",,";
            var parent = i % 7 == 0 ? $"Parent {i},Factory in Dongguan,139-0000-{i % 10000:D4}" : ",,";
            if (i % 135 == 0)
            {
                sb.Append((fault++ % 10) switch
                {
                    0 => $"{id},,{sex},{year},,,,,,,",                                  // displayName missing
                    1 => $"{id},Student {i},{sex},20x0,,,,,,,",                          // birthYear not a year
                    2 => $"{id},Student {i},X,{year},,,,,,,",                            // sex unknown
                    3 => $"{id},Student {i},{sex},{year},bad code!,,,,,,",              // target group code
                    4 => $"{id},Student {i},{sex},{year},,Guardian,mother,call me,,,",  // phone
                    5 => $"{prefix}00001,Student {i},{sex},{year},,,,,,,",              // duplicate externalId of row 2
                    6 => $"{id},Student {i},{sex},{year},,,,,,,,extra",                 // too many fields
                    7 => $"{id},\"Student {i},{sex},{year},,,,,,,",                     // unclosed quote
                    8 => $"{id},Student {i},{sex},1800,,,,,,,",                         // birthYear out of range
                    _ => $"{id},Student {i},{sex},{year},,,,+86 138 0000 0000,,,",     // guardianPhone without guardianName
                });
            }
            else
            {
                sb.Append($"{id},Student {i},{sex},{year},{groups},{guardian},{parent}");
            }

            sb.Append("\r\n");
        }

        return sb.ToString();
    }
}
