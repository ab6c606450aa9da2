using System.Globalization;
using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Validation;

/// <summary>
/// The one rule for a written justification that lets someone act beyond their usual rights: a break-the-glass reason
/// (<c>breakTheGlass</c>, docs/architecture.md "Security and privacy") and a duty-of-care consent override
/// (<c>consentOverrideReason</c>, R-1.7, docs/consent.md). The reason is 10–1000 characters once invisible format
/// characters (Unicode category Cf, e.g. U+200B ZERO WIDTH SPACE) are removed and the text is trimmed, contains at least
/// one letter (<see cref="char.IsLetter(char)"/>), and passes <see cref="StoredText"/> as multi-line text. So "." or
/// "\u200b" is never taken as a reason.
/// </summary>
public static class WrittenReason
{
    /// <summary>Fewest characters of a reason (after removing format characters and trimming).</summary>
    public const int MinLength = 10;

    /// <summary>Most characters of a reason.</summary>
    public const int MaxLength = 1000;

    /// <summary>
    /// The checked reason (trimmed, as written), or <c>VALIDATION_FAILED</c> with <c>extensions.field</c> =
    /// <paramref name="field"/> and a message that names the field and the rule.
    /// </summary>
    /// <param name="value">The reason as given.</param>
    /// <param name="field">The API argument name (e.g. <c>reason</c>, <c>consentOverrideReason</c>).</param>
    /// <param name="purpose">What the reason is for, starting the message (e.g. "Breaking the glass").</param>
    /// <exception cref="CareGridException"><c>VALIDATION_FAILED</c> on <paramref name="field"/>.</exception>
    public static string Ensure(string? value, string field, string purpose)
    {
        var trimmed = value?.Trim() ?? "";
        var visible = WithoutFormatCharacters(trimmed).Trim();
        if (visible.Length is < MinLength or > MaxLength || !visible.Any(char.IsLetter))
        {
            throw CareGridException.Validation(field,
                $"{purpose} needs a written reason in {field}: {MinLength}–{MaxLength} characters with words (letters), not counting invisible format characters.");
        }

        StoredText.Ensure(trimmed, field, multiline: true);
        return trimmed;
    }

    /// <summary><paramref name="text"/> without its format characters (Unicode category Cf: zero-width spaces and joiners, bidi marks, soft hyphen, BOM).</summary>
    public static string WithoutFormatCharacters(string text) =>
        string.Concat(text.Where(c => char.GetUnicodeCategory(c) != UnicodeCategory.Format));

    /// <summary>True when <paramref name="text"/> contains a letter once its format characters are removed (a name or a word, not "." or "\u200b").</summary>
    public static bool HasLetter(string? text) => text is not null && WithoutFormatCharacters(text).Any(char.IsLetter);
}
