namespace CareGrid.Silo.Cli;

/// <summary>
/// The configuration overrides the service accepts on its command line, as ASP.NET Core reads them: <c>--Key=value</c>,
/// <c>--Key value</c>, <c>/Key=value</c>, <c>/Key value</c> and <c>Key=value</c>, where the key's first segment (before any
/// <c>:</c>) is a CareGrid configuration section or a setting of ASP.NET Core and .NET hosting (docs/operations.md
/// "Configuration"), case-insensitive; under a CareGrid section the whole key must be one CareGrid reads
/// (<see cref="ConfigurationKeys"/>). Anything else is an unknown verb or option: a typo such as <c>--Stroage:Provider</c>
/// or <c>--Auth:Authorty</c> is refused rather than silently ignored.
/// </summary>
public static class HostArguments
{
    /// <summary>First key segments accepted: CareGrid's sections, then ASP.NET Core's and the .NET host's settings.</summary>
    public static readonly IReadOnlySet<string> KnownRoots = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Storage", "Orleans", "Auth", "GraphQL", "RateLimits", "Deadlines", "Memory", "Clock", "Seed", "Templates", "Console", "Dashboard", "Webhooks",
        "Urls", "Http_Ports", "Https_Ports", "AllowedHosts", "Logging", "Kestrel", "Environment", "ContentRoot",
        "ApplicationName", "WebRoot", "DetailedErrors", "ShutdownTimeoutSeconds", "HostingStartupAssemblies",
        "HostingStartupExcludeAssemblies", "PreventHostingStartup", "SuppressStatusMessages", "CaptureStartupErrors",
    };

    /// <summary>
    /// Turns <paramref name="tokens"/> (what the command line left after the verbs and named options) into the host's
    /// arguments, each as <c>--Key=value</c>, in order (a later value of a key wins, as in ASP.NET Core).
    /// </summary>
    /// <returns>False with a bilingual <paramref name="error"/> (Simplified Chinese / English) naming the first token that is
    /// not a configuration override, or a key given without a value.</returns>
    public static bool TryTranslate(IReadOnlyList<string> tokens, out List<string> hostArgs, out string? error)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        hostArgs = [];
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var prefixed = token.StartsWith("--", StringComparison.Ordinal) || token.StartsWith('/');
            var body = token.StartsWith("--", StringComparison.Ordinal) ? token[2..] : token.StartsWith('/') ? token[1..] : token;
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (!prefixed && equals < 0)
            {
                error = $"未知的命令或参数 '{token}'。命令：token、import。 / Unknown verb or argument '{token}'. Verbs: token, import.";
                return false;
            }

            var key = equals >= 0 ? body[..equals] : body;
            if (!IsConfigurationKey(key))
            {
                error = $"未知的选项 '{token}'。 / Unknown option '{token}'.";
                return false;
            }

            if (equals < 0 && (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                error = $"选项 '{token}' 缺少值（例如 --{key}=value）。 / Option '{token}' needs a value (e.g. --{key}=value).";
                return false;
            }

            var value = equals >= 0 ? body[(equals + 1)..] : tokens[++i];
            hostArgs.Add($"--{key}={value}");
        }

        error = null;
        return true;
    }

    /// <summary>
    /// True when <paramref name="key"/> is a configuration key the service reads: under a CareGrid section, exactly a key
    /// of <see cref="ConfigurationKeys"/> (so <c>--Auth:Authorty</c> is refused, not ignored); under an ASP.NET Core or
    /// host setting in <see cref="KnownRoots"/>, any key; and the OpenTelemetry SDK's <c>OTEL_…</c> variables (one segment).
    /// </summary>
    public static bool IsConfigurationKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var segments = key.Split(':');
        // The OpenTelemetry SDK's own variables (OTEL_EXPORTER_OTLP_ENDPOINT, …; docs/observability.md) may come as options too.
        if (segments.Length == 1 && key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase) && !key.Any(char.IsWhiteSpace))
        {
            return true;
        }

        if (key.Length == 0 || key.Any(char.IsWhiteSpace) || segments.Any(string.IsNullOrEmpty) || !KnownRoots.Contains(segments[0]))
        {
            return false;
        }

        return !ConfigurationKeys.IsCareGridRoot(segments[0]) || ConfigurationKeys.IsCareGridKey(key);
    }
}
