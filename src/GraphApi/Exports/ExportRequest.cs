using System.Globalization;
using CareGrid.Grains.Errors;
using CareGrid.Grains.Exports;
using CareGrid.Grains.Statistics;
using CareGrid.Grains.Tenancy;
using CareGrid.GraphApi.Schema;
using Microsoft.AspNetCore.Http;

namespace CareGrid.GraphApi.Exports;

/// <summary>
/// An admitted, authorized export request: the caller, the language and typed access to the query parameters. Every
/// parameter may be given at most once; a bad value is <c>VALIDATION_FAILED</c> naming the parameter (<c>extensions.field</c>).
/// </summary>
public sealed class ExportRequest(CareGridUserContext caller, IQueryCollection query, ReportLanguage language, IServiceProvider services)
{
    /// <summary>The admitted caller.</summary>
    public CareGridUserContext Caller { get; } = caller;

    /// <summary>The admitted tenant.</summary>
    public TenantInfo Tenant => Caller.RequireTenant();

    /// <summary>The language of titles, headers, labels and the file name (parameter <c>language</c>).</summary>
    public ReportLanguage Language { get; } = language;

    /// <summary>The words the writers add, in <see cref="Language"/>.</summary>
    public ExportLabels Labels => Language == ReportLanguage.ZhHans ? ExportLabels.Chinese : ExportLabels.English;

    /// <summary>The request's services (grain factory, clock, …).</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary>The parameter's value, or null when absent; VALIDATION_FAILED when given twice or empty.</summary>
    public string? Text(string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            throw CareGridException.Validation(name, $"Give the query parameter '{name}' once, with a value.");
        }

        return values[0]!.Trim();
    }

    /// <summary>A date <c>yyyy-MM-dd</c>, or null when absent.</summary>
    public DateOnly? Date(string name) => Text(name) is not { } text
        ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw CareGridException.Validation(name, $"The query parameter '{name}' must be a date yyyy-MM-dd, e.g. 2026-11-23.");

    /// <summary><c>true</c> or <c>false</c>, or null when absent.</summary>
    public bool? Flag(string name) => Text(name) is not { } text
        ? null
        : bool.TryParse(text, out var flag) ? flag : throw CareGridException.Validation(name, $"The query parameter '{name}' must be true or false.");

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    public int? Number(string name, int min, int max) => Text(name) is not { } text
        ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw CareGridException.Validation(name, $"The query parameter '{name}' must be a whole number from {min} to {max}.");
}

/// <summary>Parses the <c>language</c> parameter of an export: <c>en</c> (default) or <c>zh-CN</c> (also <c>zh</c>, <c>zh-Hans</c>, and the GraphQL values <c>EN</c>, <c>ZH_HANS</c>).</summary>
public static class ExportLanguages
{
    /// <summary>The language named by <paramref name="value"/> (case-insensitive), English when null; VALIDATION_FAILED otherwise.</summary>
    public static ReportLanguage Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "en" or "en-us" or "en-gb" => ReportLanguage.En,
        "zh" or "zh-cn" or "zh-hans" or "zh-hans-cn" or "zh_hans" => ReportLanguage.ZhHans,
        _ => throw CareGridException.Validation("language", "The query parameter 'language' must be en or zh-CN (also zh, zh-Hans, EN, ZH_HANS)."),
    };
}
