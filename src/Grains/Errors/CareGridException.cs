namespace CareGrid.Grains.Errors;

/// <summary>
/// A refused request with a stable <see cref="Code"/> (see <see cref="ErrorCodes"/>). Thrown by grains
/// and by the API before any state is changed; the GraphQL layer turns it into an error whose
/// <c>extensions.code</c> is <see cref="Code"/> and whose other extensions are <see cref="Details"/>.
/// Serializable across silos.
/// </summary>
[GenerateSerializer, Alias("CareGrid.CareGridException")]
public sealed class CareGridException : Exception
{
    /// <summary>Creates an error with a code, a human-readable message and optional details.</summary>
    /// <param name="code">One of <see cref="ErrorCodes"/>.</param>
    /// <param name="message">A message safe to show a client (no internal detail).</param>
    /// <param name="details">Extra machine-readable facts (e.g. <c>field</c>, <c>state</c>).</param>
    public CareGridException(string code, string message, IReadOnlyDictionary<string, string>? details = null)
        : base(message)
    {
        Code = code;
        Details = details is null ? new Dictionary<string, string>() : new Dictionary<string, string>(details);
    }

    /// <summary>The stable error code.</summary>
    [Id(0)] public string Code { get; private set; }

    /// <summary>Extra machine-readable facts, copied into <c>extensions</c>.</summary>
    [Id(1)] public Dictionary<string, string> Details { get; private set; }

    /// <summary>Shorthand for a <see cref="ErrorCodes.ValidationFailed"/> error on one input field.</summary>
    public static CareGridException Validation(string field, string message) =>
        new(ErrorCodes.ValidationFailed, message, new Dictionary<string, string> { ["field"] = field });

    /// <summary>Shorthand for a <see cref="ErrorCodes.NotFound"/> error.</summary>
    public static CareGridException NotFound(string entity, string id) =>
        new(ErrorCodes.NotFound, $"{entity} '{id}' was not found.", new Dictionary<string, string> { ["entity"] = entity, ["id"] = id });
}
