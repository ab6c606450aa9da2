using Azure.Data.Tables;
using CareGrid.GraphApi.Configuration;
using Microsoft.Extensions.Options;

namespace CareGrid.Silo;

/// <summary>
/// Where grain state, membership, reminders and the read side live, configuration section <c>Storage</c>
/// (docs/operations.md "Durable mode").
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Storage";

    /// <summary><c>Memory</c> (default; also when empty) or <c>AzureTable</c>, case-insensitive.</summary>
    public string? Provider { get; set; } = nameof(StorageProvider.Memory);

    /// <summary>Azure Storage connection string; required for <c>AzureTable</c> (<c>UseDevelopmentStorage=true</c> = Azurite on 127.0.0.1:10002).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The chosen provider (<see cref="StorageProvider.Memory"/> when <see cref="Provider"/> names none; the validator refuses that).</summary>
    public StorageProvider Kind => StorageProviders.TryParse(Provider, out var provider) ? provider : StorageProvider.Memory;
}

/// <summary>
/// Checks <see cref="StorageOptions"/>: <c>Storage:Provider</c> is <c>Memory</c>, <c>AzureTable</c> or empty; with
/// <c>AzureTable</c>, <c>Storage:ConnectionString</c> is a well-formed Azure Storage connection string (it is never echoed: it
/// holds the account key).
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var check = new OptionsCheck(StorageOptions.Section)
            .Require(StorageProviders.TryParse(options.Provider, out var provider), nameof(options.Provider), "must be Memory or AzureTable", $"'{options.Provider}'");
        if (provider == StorageProvider.AzureTable)
        {
            check.Require(!string.IsNullOrWhiteSpace(options.ConnectionString), nameof(options.ConnectionString),
                    "must be set when Storage:Provider is AzureTable (UseDevelopmentStorage=true for Azurite on its default port)", "empty")
                .Require(string.IsNullOrWhiteSpace(options.ConnectionString) || IsConnectionString(options.ConnectionString), nameof(options.ConnectionString),
                    "must be an Azure Storage connection string", "not shown");
        }

        return check.Result();
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            // Parses the string only; no request is sent.
            _ = new TableServiceClient(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>Where grain state, membership, reminders and the read side live (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>In this process only (embedded default): lost on restart.</summary>
    Memory,

    /// <summary>Azure Table Storage (Azurite locally): durable and shared by every silo of the cluster.</summary>
    AzureTable,
}

/// <summary>Parses <c>Storage:Provider</c>.</summary>
public static class StorageProviders
{
    /// <summary><see cref="StorageProvider.Memory"/> when empty; otherwise the named provider, case-insensitive.</summary>
    /// <exception cref="InvalidOperationException">The value names no provider.</exception>
    public static StorageProvider Parse(string? value) =>
        TryParse(value, out var provider)
            ? provider
            : throw new InvalidOperationException($"Storage:Provider '{value}' is not supported; use Memory or AzureTable.");

    /// <summary>True, with <see cref="StorageProvider.Memory"/> for an empty value or the named provider (case-insensitive, by name only).</summary>
    public static bool TryParse(string? value, out StorageProvider provider)
    {
        provider = StorageProvider.Memory;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        return char.IsAsciiLetter(value.Trim()[0]) && Enum.TryParse(value.Trim(), ignoreCase: true, out provider) && Enum.IsDefined(provider);
    }
}
