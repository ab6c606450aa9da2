namespace CareGrid.GraphApi.Auth;

/// <summary>
/// The development signing key file exists but is not used: other users can read or write it (a key they can read lets them
/// sign tokens for every tenant and role), it holds no base64 key of at least 32 bytes, or it cannot be read. The file is
/// left as it is. The message is Chinese, then English, on two lines, and names the file and what to do; the silo prints it
/// as a start refused by configuration (exit code 1, docs/operations.md), the CLI verbs as their error.
/// </summary>
/// <param name="keyPath">The key file's path.</param>
/// <param name="message">The bilingual message.</param>
public sealed class DevelopmentKeyFileException(string keyPath, string message) : IOException(message)
{
    /// <summary>The key file's path.</summary>
    public string KeyPath { get; } = keyPath;
}
