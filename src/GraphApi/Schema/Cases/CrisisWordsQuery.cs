using CareGrid.Grains.Cases.Domain;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Imports;
using CareGrid.Grains.Security;
using CareGrid.GraphApi.Schema.Access;
using GraphQL;
using GraphQL.Types;

namespace CareGrid.GraphApi.Schema;

/// <summary>
/// <c>crisisWords(text)</c>: the words of the service's crisis list (<see cref="CrisisWords"/>, docs/protocol.md "Crisis
/// words") that a text holds, so a form can ask its reporter, before sending, whether a report below High should be graded
/// High (the console's report form does). The same list flags the report when it is sent, so the question and the flag
/// never disagree. Reads nothing stored: no audit record.
/// </summary>
public sealed class CrisisWordsQuery : ISchemaContributor
{
    /// <summary>The longest text looked at, in characters: a concern's summary holds at most 4,000.</summary>
    public const int MaxTextLength = 4000;

    /// <inheritdoc />
    public void AddQueries(ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("crisisWords")
            .Description("The words suggesting a risk of self-harm or suicide that text holds, each once, as the list writes them (Chinese first, then English, then pinyin); empty when none. "
                + "Folds case, full-width forms, traditional characters, look-alike letters of other alphabets, tone marks, digits written for letters (su1c1de) and anything put between a word's letters. A report whose summary holds any of them and is graded below HIGH, or not at all, "
                + "goes to level 3 with a GRADE_RISK task due within an hour (Case.crisisWords, docs/protocol.md \"Crisis words\"). The list is partial: no match means nothing. "
                + $"Errors: VALIDATION_FAILED (field text) past {MaxTextLength} characters. Every role that may report.")
            .Argument<NonNullGraphType<StringGraphType>>("text", $"The text to look at, at most {MaxTextLength} characters.")
            .AllowTenantRoles(Roles.CanReport, NeedToKnow.None).AuditsNothing("a pure check of the caller's own text against a fixed list; nothing stored is read")
            .Resolve(ctx =>
            {
                var text = ctx.GetArgument<string>("text") ?? "";
                return text.Length > MaxTextLength
                    ? throw CareGridException.Validation("text", Bilingual.Join($"crisisWords looks at most {MaxTextLength} characters.", $"crisisWords 最多检查 {MaxTextLength} 个字符。"))
                    : CrisisWords.Find(text);
            });

    /// <inheritdoc />
    public void AddMutations(ObjectGraphType mutation)
    {
    }
}
