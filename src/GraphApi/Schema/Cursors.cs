using System.Text;
using CareGrid.Grains.Errors;

namespace CareGrid.GraphApi.Schema;

/// <summary>Opaque cursors: base64url of the row id. Page sizes are 1–100, default 20.</summary>
public static class Cursors
{
    /// <summary>Default page size.</summary>
    public const int DefaultPageSize = 20;
    /// <summary>Largest page size.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The cursor of a row id.</summary>
    public static string Encode(string id) => Convert.ToBase64String(Encoding.UTF8.GetBytes(id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The row id of a cursor; <c>VALIDATION_FAILED</c> (field <c>after</c>) when malformed.</summary>
    public static string? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            var s = cursor.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            throw CareGridException.Validation("after", "Malformed cursor: pass a pageInfo.endCursor back unchanged.");
        }
    }

    /// <summary>Checks a page size; <c>VALIDATION_FAILED</c> (field <c>first</c>) outside 1–100.</summary>
    public static int PageSize(int? first) => first switch
    {
        null => DefaultPageSize,
        < 1 or > MaxPageSize => throw CareGridException.Validation("first", $"first is 1–{MaxPageSize}."),
        _ => first.Value,
    };
}
