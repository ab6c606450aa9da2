using CareGrid.Grains.Errors;
using GraphQL;

namespace CareGrid.GraphApi.Schema;

/// <summary>Small helpers for resolvers.</summary>
public static class ResolverExtensions
{
    /// <summary>The request's <see cref="CareGridUserContext"/>.</summary>
    public static CareGridUserContext Caller(this IResolveFieldContext context) =>
        context.UserContext as CareGridUserContext
        ?? throw new InvalidOperationException("The CareGrid user context was not set up for this request.");

    /// <summary>
    /// The admitted tenant and the caller of a field whose declared tenant-scoped access rule was checked by
    /// <see cref="Access.FieldAccessMiddleware"/>; UNAUTHENTICATED or TENANT_REQUIRED if called where none was.
    /// </summary>
    public static (Grains.Tenancy.TenantInfo Tenant, Grains.Security.Actor Actor) TenantCaller(this IResolveFieldContext context)
    {
        var caller = context.Caller();
        return (caller.RequireTenant(), caller.RequireActor());
    }

    /// <summary>The authenticated caller of a field whose declared access rule was checked; UNAUTHENTICATED without a token.</summary>
    public static Grains.Security.Actor Actor(this IResolveFieldContext context) => context.Caller().RequireActor();

    /// <summary>Reads an untyped input object argument as a dictionary.</summary>
    public static IReadOnlyDictionary<string, object?> Input(this IResolveFieldContext context, string name = "input") =>
        context.GetArgument<Dictionary<string, object?>>(name) ?? new Dictionary<string, object?>();

    /// <summary>A string member of an input dictionary (ids arrive as strings or numbers).</summary>
    public static string? Str(this IReadOnlyDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var v) ? v?.ToString() : null;

    /// <summary>An int member of an input dictionary.</summary>
    public static int? Int(this IReadOnlyDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var v) && v is not null ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>An enum member of an input dictionary.</summary>
    public static T? Enum<T>(this IReadOnlyDictionary<string, object?> input, string key) where T : struct, System.Enum =>
        input.TryGetValue(key, out var v) && v is T t ? t : null;

    /// <summary>A date member (<c>DateOnly</c> scalar) of an input dictionary.</summary>
    public static DateOnly? Date(this IReadOnlyDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var v) && v is DateOnly d ? d : null;

    /// <summary>A list-of-strings member of an input dictionary.</summary>
    public static IReadOnlyList<string> Strings(this IReadOnlyDictionary<string, object?> input, string key) =>
        input.TryGetValue(key, out var v) && v is IEnumerable<object?> list ? list.Select(x => x?.ToString() ?? "").ToList() : [];

    /// <summary>A required string; <c>VALIDATION_FAILED</c> when missing or blank.</summary>
    public static string Required(this IReadOnlyDictionary<string, object?> input, string key) =>
        input.Str(key) is { } s && !string.IsNullOrWhiteSpace(s) ? s : throw CareGridException.Validation(key, $"{key} is required.");
}
