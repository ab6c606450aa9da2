using GraphQL.Validation;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Runs CareGrid's query limits (<see cref="QueryLimitsValidationRule"/>, one linear pass) before GraphQL for .NET's
/// own validation rules, and answers with the limits' error alone when they refuse — so a document built to make the
/// built-in rules do more than linear work (fragments spread many times, many repeated fields) is refused before any
/// of that work starts (docs/query-limits.md). Documents within the limits go through every other rule as before.
/// </summary>
/// <remarks>
/// When the request's rules do not include a <see cref="QueryLimitsValidationRule"/> (a document from
/// <see cref="DocumentCache"/>, which already passed them), validation is exactly GraphQL for .NET's.
/// </remarks>
public sealed class LimitsFirstDocumentValidator : IDocumentValidator
{
    private readonly DocumentValidator _inner = new();

    /// <inheritdoc />
    public Task<IValidationResult> ValidateAsync(in ValidationOptions options)
    {
        if (options.Rules is not { } rules || FindLimits(rules) is not { } limits)
        {
            return _inner.ValidateAsync(options);
        }

        if (limits.Check(options.Document) is { } refusal)
        {
            return Task.FromResult<IValidationResult>(new ValidationResult(refusal));
        }

        return _inner.ValidateAsync(options with { Rules = rules.Where(rule => rule is not QueryLimitsValidationRule).ToArray() });
    }

    private static QueryLimitsValidationRule? FindLimits(IEnumerable<IValidationRule> rules)
    {
        foreach (var rule in rules)
        {
            if (rule is QueryLimitsValidationRule limits)
            {
                return limits;
            }
        }

        return null;
    }
}
