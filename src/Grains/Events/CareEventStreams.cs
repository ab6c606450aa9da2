namespace CareGrid.Grains.Events;

/// <summary>Names of the Orleans stream that carries <see cref="CareEvent"/>s between silos: one stream per tenant.</summary>
public static class CareEventStreams
{
    /// <summary>The stream provider's name (registered by every hosting mode: embedded, durable, test cluster).</summary>
    public const string Provider = "care-events";

    /// <summary>The stream namespace; the stream key is the tenant id (<c>StreamId.Create(Namespace, tenantId)</c>).</summary>
    public const string Namespace = "case-events";
}
