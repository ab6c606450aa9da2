using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Http;

/// <summary>
/// Options of the GraphQL-over-HTTP endpoint (<see cref="GraphQLHttpEndpointExtensions.MapGraphQLHttp"/>).
/// Bound from the configuration section <see cref="SectionName"/> by
/// <see cref="GraphQLHttpServiceCollectionExtensions.AddGraphQLHttp"/>.
/// </summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>The configuration section the options are bound from: <c>GraphQL:Http</c>.</summary>
    public const string SectionName = "GraphQL:Http";

    /// <summary>The default of <see cref="MaxRequestBytes"/>: 256 KiB.</summary>
    public const int DefaultMaxRequestBytes = 256 * 1024;

    /// <summary>
    /// The largest POST body accepted, in bytes. A larger body is refused with 413 and
    /// <c>REQUEST_TOO_LARGE</c> before it is parsed. Must be positive.
    /// </summary>
    public int MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;
}

/// <summary>Registers <see cref="GraphQLHttpOptions"/>.</summary>
public static class GraphQLHttpServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="GraphQLHttpOptions"/> from the configuration section <c>GraphQL:Http</c>
    /// (for example <c>GraphQL__Http__MaxRequestBytes=65536</c>), then applies <paramref name="configure"/>; the result is
    /// checked on start (<see cref="GraphQLHttpOptionsValidator"/>).
    /// Without this call the endpoint uses the defaults (and any <c>Configure&lt;GraphQLHttpOptions&gt;</c>).
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">An optional last word on the options.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddGraphQLHttp(this IServiceCollection services, Action<GraphQLHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddValidatedOptions<GraphQLHttpOptions, GraphQLHttpOptionsValidator>(GraphQLHttpOptions.SectionName);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return services;
    }
}

/// <summary>Checks <see cref="GraphQLHttpOptions"/>: <c>GraphQL:Http:MaxRequestBytes</c> at least 1 (a body limit of 0 refuses every POST).</summary>
public sealed class GraphQLHttpOptionsValidator : IValidateOptions<GraphQLHttpOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GraphQLHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OptionsCheck(GraphQLHttpOptions.SectionName).AtLeast(nameof(options.MaxRequestBytes), options.MaxRequestBytes, 1).Result();
    }
}
