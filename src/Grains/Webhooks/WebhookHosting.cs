using CareGrid.Grains.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareGrid.Grains.Webhooks;

/// <summary>Registers the webhook feature in a silo (docs/webhooks.md).</summary>
public static class WebhookHosting
{
    /// <summary>
    /// Adds <see cref="WebhookOptions"/> (section <c>Webhooks</c>, bound by the host; checked at start: <c>TimeoutSeconds</c> 1–60,
    /// every <c>AllowedNetworks</c> entry by <see cref="WebhookAddressPolicy.CheckNetwork"/>, the secret keys by
    /// <see cref="WebhookSecretKeyRing.Check"/>), the <see cref="WebhookSecretKeyRing"/> of those options (a random key of the
    /// process when none is configured and none is required), the <see cref="WebhookHostResolver"/>
    /// unless one is registered, the
    /// <see cref="HttpWebhookSender"/> on the named client <see cref="HttpWebhookSender.ClientName"/> (no redirects, no proxy, no
    /// cookies, addresses checked at connect time) unless another <see cref="IWebhookSender"/> is registered, and the
    /// <see cref="WebhookEventSink"/> as an <see cref="ICareEventSink"/>.
    /// </summary>
    public static IServiceCollection AddCareGridWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>()
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 60, "Webhooks:TimeoutSeconds must be 1–60.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton(static sp => WebhookSecretKeyRing.From(sp.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.TryAddSingleton<WebhookHostResolver>();
        services.AddHttpClient(HttpWebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
                var policy = WebhookAddressPolicy.From(options);
                var resolver = sp.GetRequiredService<WebhookHostResolver>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    ConnectTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, cancellation) => HttpWebhookSender.ConnectAsync(context.DnsEndPoint, policy, resolver, cancellation),
                };
            })
            .ConfigureHttpClient((sp, client) => client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeoutSeconds));
        services.TryAddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddSingleton<WebhookEventSink>();
        services.AddSingleton<ICareEventSink>(static sp => sp.GetRequiredService<WebhookEventSink>());
        return services;
    }
}

/// <summary>
/// Checks at start every <see cref="WebhookOptions.AllowedNetworks"/> entry (<see cref="WebhookAddressPolicy.CheckNetwork"/>) and
/// the secret keys (<see cref="WebhookSecretKeyRing.Check"/>: required on durable storage, 32 bytes each, a current one).
/// </summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.AllowedNetworkEntries().Select(e => WebhookAddressPolicy.CheckNetwork(e, out _)).OfType<string>()
            .Concat(WebhookSecretKeyRing.Check(options)).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
