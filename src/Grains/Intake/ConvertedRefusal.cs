using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Intake;

/// <summary>
/// A call or mailbox thread already turned into a concern about one person, asked again about another (round-34 red team
/// F3: <c>convertCallToConcern</c> with a second person answered the first conversion as a success, so a counsellor who
/// converted a call naming two pupils believed both were reported while the second had no case). Converting again about
/// the same person, or with no person, still answers the first conversion (docs/intake.md, docs/idempotency.md).
/// </summary>
public static class ConvertedRefusal
{
    /// <summary>
    /// Throws when <paramref name="asked"/> names a person other than <paramref name="converted"/>, the person of the earlier
    /// conversion (either may be null: nothing to compare).
    /// </summary>
    /// <exception cref="CareGridException"><c>ALREADY_EXISTS</c> with <c>field</c> <c>personId</c> and <c>entity</c>, in
    /// English and Chinese; nothing is changed.</exception>
    public static void ThrowIfOtherPerson(string entity, string? converted, string? asked)
    {
        if (converted is null || asked is null || string.Equals(converted, asked, StringComparison.Ordinal))
        {
            return;
        }

        throw new CareGridException(ErrorCodes.AlreadyExists,
            $"This {entity.ToLowerInvariant()} was already turned into a concern about another person; it is not reported again. Report the concern about "
            + "this person with reportConcern. 此记录已转为关于另一人的关注报告，不会再次上报；请用“上报关注”为此人另行上报。",
            new Dictionary<string, string> { ["field"] = "personId", ["entity"] = entity });
    }
}
