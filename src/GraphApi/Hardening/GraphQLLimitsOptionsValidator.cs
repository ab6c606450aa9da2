using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Hardening;

/// <summary>
/// Checks <see cref="GraphQLLimitsOptions"/> (section <c>GraphQL:Limits</c>; docs/query-limits.md): <c>MaxDepth</c>,
/// <c>MaxComplexity</c>, <c>MaxOperations</c>, <c>MaxSelections</c>, <c>MaxValidationErrors</c>, <c>MaxStatisticsReports</c> and
/// <c>MaxStatisticsRollUps</c> at least 1; <c>MaxHistoryEntries</c> at least 1,000 (one full page of a history list); <c>MaxAliases</c>,
/// <c>MaxArguments</c>, <c>MaxArgumentsPerField</c>, <c>MaxDirectives</c>, <c>MaxVariables</c>, <c>MaxVariableReferences</c> and
/// <c>MaxInputValues</c> at least 0; <c>TimeoutSeconds</c> above 0. A limit of 0 where 1 is the least would refuse every document.
/// </summary>
public sealed class GraphQLLimitsOptionsValidator : IValidateOptions<GraphQLLimitsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GraphQLLimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(GraphQLLimitsOptions.Section)
            .AtLeast(nameof(options.MaxDepth), options.MaxDepth, 1)
            .AtLeast(nameof(options.MaxAliases), options.MaxAliases, 0)
            .AtLeast(nameof(options.MaxComplexity), options.MaxComplexity, 1)
            .AtLeast(nameof(options.MaxOperations), options.MaxOperations, 1)
            .AtLeast(nameof(options.MaxSelections), options.MaxSelections, 1)
            .AtLeast(nameof(options.MaxArguments), options.MaxArguments, 0)
            .AtLeast(nameof(options.MaxArgumentsPerField), options.MaxArgumentsPerField, 0)
            .AtLeast(nameof(options.MaxDirectives), options.MaxDirectives, 0)
            .AtLeast(nameof(options.MaxVariables), options.MaxVariables, 0)
            .AtLeast(nameof(options.MaxVariableReferences), options.MaxVariableReferences, 0)
            .AtLeast(nameof(options.MaxInputValues), options.MaxInputValues, 0)
            .AtLeast(nameof(options.MaxValidationErrors), options.MaxValidationErrors, 1)
            .AtLeast(nameof(options.MaxStatisticsReports), options.MaxStatisticsReports, 1)
            .AtLeast(nameof(options.MaxStatisticsRollUps), options.MaxStatisticsRollUps, 1)
            .AtLeast(nameof(options.MaxTenantScans), options.MaxTenantScans, 1)
            .AtLeast(nameof(options.MaxHistoryEntries), options.MaxHistoryEntries, CareGrid.Grains.Cases.CaseGrain.MaxHistoryPage)
            .Above(nameof(options.TimeoutSeconds), options.TimeoutSeconds, 0)
            .Result();
    }
}
