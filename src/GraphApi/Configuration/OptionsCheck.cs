using System.Globalization;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Configuration;

/// <summary>
/// Collects the failures of one options object for an <see cref="IValidateOptions{TOptions}"/>; each failure names the
/// full configuration key, the rule and the value found, e.g. <c>GraphQL:Limits:MaxDepth must be at least 1 (was 0)</c>
/// (the keys and ranges are listed in docs/operations.md "Configuration").
/// </summary>
/// <param name="section">The configuration section of the options, e.g. <c>GraphQL:Limits</c>.</param>
public sealed class OptionsCheck(string section)
{
    private readonly List<string> _failures = [];

    /// <summary>The failures found so far, in the order checked.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>The full key of <paramref name="name"/>: <c>&lt;section&gt;:&lt;name&gt;</c>.</summary>
    public string Key(string name) => section + ":" + name;

    /// <summary>Requires a finite <paramref name="value"/> of at least <paramref name="min"/>.</summary>
    public OptionsCheck AtLeast(string name, double value, double min) =>
        Require(double.IsFinite(value) && value >= min, name, $"must be at least {Text(min)}", Text(value));

    /// <summary>Requires a finite <paramref name="value"/> above <paramref name="min"/>.</summary>
    public OptionsCheck Above(string name, double value, double min) =>
        Require(double.IsFinite(value) && value > min, name, $"must be a number above {Text(min)}", Text(value));

    /// <summary>Requires a finite <paramref name="value"/> from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public OptionsCheck Between(string name, double value, double min, double max) =>
        Require(double.IsFinite(value) && value >= min && value <= max, name, $"must be from {Text(min)} to {Text(max)}", Text(value));

    /// <summary>Requires a value that is not null, empty or white space.</summary>
    public OptionsCheck NotBlank(string name, string? value) =>
        Require(!string.IsNullOrWhiteSpace(value), name, "must not be empty", $"'{value}'");

    /// <summary>Records <c>&lt;key&gt; &lt;rule&gt; (was &lt;was&gt;)</c> unless <paramref name="holds"/>.</summary>
    public OptionsCheck Require(bool holds, string name, string rule, string was)
    {
        if (!holds)
        {
            _failures.Add($"{Key(name)} {rule} (was {was})");
        }

        return this;
    }

    /// <summary>Success when nothing failed, otherwise every failure.</summary>
    public ValidateOptionsResult Result() => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);

    /// <summary>A number as configuration holds it (invariant culture).</summary>
    public static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
