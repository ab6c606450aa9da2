using System.Text.RegularExpressions;

namespace CareGrid.Grains.Webhooks;

/// <summary>Webhook endpoint ids: <c>wh-</c> and 12 lower-case letters and digits, made from a cryptographic random source.</summary>
public static partial class WebhookIds
{
    /// <summary>True when <paramref name="id"/> has the shape of an endpoint id.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^wh-[0-9a-z]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
