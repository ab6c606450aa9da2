using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CareGrid.GraphApi.Configuration;

/// <summary>
/// One way to read a CareGrid configuration section: bind it to its options class and check it with that class's
/// validator, so that a bad value stops the process at start with a message naming the key (docs/operations.md
/// "Configuration"). <see cref="AddValidatedOptions{TOptions, TValidator}"/> registers the options for injection and
/// validation on start; <see cref="Bind{TOptions}"/> reads the same class with the same validator where a value is needed
/// while the host is being built (the Orleans silo, the storage provider, the GraphQL schema).
/// </summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> (<c>BindConfiguration</c>), registers
    /// <typeparamref name="TValidator"/> and validates on start: the host's start throws <see cref="OptionsValidationException"/>
    /// listing every failure (or the binder's <see cref="InvalidOperationException"/> naming the key of a value of the wrong type).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// Binds <paramref name="section"/> of <paramref name="configuration"/> to a new <typeparamref name="TOptions"/> and checks
    /// it with <paramref name="validator"/>. <paramref name="failures"/> lists what is wrong, each naming its key (a value that
    /// does not convert is reported with the binder's message, which names the key); empty when the options are usable.
    /// </summary>
    public static TOptions Bind<TOptions>(IConfiguration configuration, string section, IValidateOptions<TOptions> validator, out IReadOnlyList<string> failures)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(validator);
        var options = new TOptions();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            failures = [e.Message];
            return options;
        }

        var result = validator.Validate(Options.DefaultName, options);
        failures = result.Failed ? [.. result.Failures] : [];
        return options;
    }

    /// <summary>
    /// <see cref="Bind{TOptions}"/> for the host being built: the bound options when they are valid, otherwise the defaults
    /// (<c>new TOptions()</c>), because the same failure then stops the host at start, before any service starts or any port
    /// is opened, when <see cref="AddValidatedOptions{TOptions, TValidator}"/> registered the class.
    /// </summary>
    public static TOptions BindOrDefaults<TOptions>(IConfiguration configuration, string section, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        var options = Bind(configuration, section, validator, out var failures);
        return failures.Count == 0 ? options : new TOptions();
    }

    /// <summary><see cref="Bind{TOptions}"/>, throwing when the options are not usable.</summary>
    /// <exception cref="InvalidOperationException">A value is invalid; the message lists every failure, each naming its key.</exception>
    public static TOptions BindOrThrow<TOptions>(IConfiguration configuration, string section, IValidateOptions<TOptions> validator)
        where TOptions : class, new()
    {
        var options = Bind(configuration, section, validator, out var failures);
        return failures.Count == 0 ? options : throw new InvalidOperationException(string.Join("; ", failures));
    }
}
