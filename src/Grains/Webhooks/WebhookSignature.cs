using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CareGrid.Grains.Webhooks;

/// <summary>
/// The Standard Webhooks signature (standard-webhooks.md, "Signature scheme"; docs/webhooks.md): the signed content is
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> in UTF-8, the signature <c>v1,</c> and the base64 of its HMAC-SHA256
/// under the secret's key; the <c>webhook-signature</c> header lists one signature per signing secret, separated by a space.
/// </summary>
/// <remarks>
/// Written on <see cref="HMACSHA256"/> rather than the <c>StandardWebhooks</c> 1.1.2 package: that package brings the whole
/// ASP.NET Core framework into the domain assembly, verifies against the wall clock (not the injected domain clock), holds one
/// secret per instance (rotation needs two) and stack-allocates up to 256 KiB per call (docs/webhooks.md "Why no package").
/// </remarks>
public static class WebhookSignature
{
    /// <summary>The signature scheme's version tag.</summary>
    public const string Version = "v1";

    /// <summary>The content that is signed: <c>{id}.{timestamp}.{body}</c>, <paramref name="timestamp"/> in unix seconds.</summary>
    public static string SignedContent(string id, long timestamp, string body) =>
        string.Concat(id, ".", timestamp.ToString(CultureInfo.InvariantCulture), ".", body);

    /// <summary>One signature, <c>v1,&lt;base64&gt;</c>, of the message by <paramref name="secret"/> (a <c>whsec_</c> secret).</summary>
    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(WebhookSecret.KeyOf(secret), Encoding.UTF8.GetBytes(SignedContent(id, timestamp, body)));
        return Version + "," + Convert.ToBase64String(mac);
    }

    /// <summary>The <c>webhook-signature</c> header value: one signature per secret, in order, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string id, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, id, timestamp, body)));

    /// <summary>
    /// True when any <c>v1</c> signature of <paramref name="header"/> is the signature of the message by <paramref name="secret"/>,
    /// compared in constant time (what a receiver does, docs/webhooks.md "Verifying").
    /// </summary>
    public static bool Verify(string secret, string id, long timestamp, string body, string header)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, timestamp, body));
        foreach (var candidate in (header ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate)))
            {
                return true;
            }
        }

        return false;
    }
}
