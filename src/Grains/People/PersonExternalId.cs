namespace CareGrid.Grains.People;

/// <summary>
/// The one form an external id (学号, 工号) is stored, derived into a person id and searched in (docs/rosters.md
/// "Full-width digits in 学号"): Unicode NFKC's width folds that Chinese input methods produce — full-width ASCII
/// (U+FF01–U+FF5E, e.g. <c>２０２６７１０９</c>) becomes half-width (<c>20267109</c>), the ideographic space U+3000 a space —
/// then trimmed. Nothing else changes (no case folding, inner white space kept). Done by hand, not by
/// <see cref="string.Normalize(System.Text.NormalizationForm)"/>, because the service runs with invariant globalization,
/// where that call leaves non-ASCII text unchanged.
/// </summary>
public static class PersonExternalId
{
    /// <summary>The normalized external id; null for null. Idempotent.</summary>
    public static string? Normalize(string? externalId)
    {
        if (externalId is null)
        {
            return null;
        }

        var folded = NeedsFold(externalId) ? string.Create(externalId.Length, externalId, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = Imports.RosterColumns.FoldWidth(text[i]);
            }
        }) : externalId;
        return folded.Trim();
    }

    /// <summary>True when <paramref name="externalId"/> has a character <see cref="Normalize"/> folds.</summary>
    public static bool NeedsFold(string externalId) => externalId.AsSpan().IndexOfAnyInRange('\uFF01', '\uFF5E') >= 0 || externalId.Contains('\u3000', StringComparison.Ordinal);

    /// <summary>
    /// The other forms a person stored before external ids were normalized may hold it in (their person id was derived from
    /// it as typed and cannot be rekeyed; docs/rosters.md): the value as sent (trimmed) when it differs from
    /// <paramref name="normalized"/>, and the full-width form of the ASCII characters of <paramref name="normalized"/> (as an
    /// input method in full-width mode types them). Searched only when the normalized form finds nobody.
    /// </summary>
    /// <param name="sent">The value as sent.</param>
    /// <param name="normalized"><see cref="Normalize"/> of it.</param>
    public static IEnumerable<string> LegacyForms(string sent, string normalized)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(normalized);
        var trimmed = sent.Trim();
        if (trimmed != normalized)
        {
            yield return trimmed;
        }

        if (normalized.Any(c => c is > ' ' and <= '~'))
        {
            var wide = new string(normalized.Select(c => c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c).ToArray());
            if (wide != trimmed)
            {
                yield return wide;
            }
        }
    }
}
