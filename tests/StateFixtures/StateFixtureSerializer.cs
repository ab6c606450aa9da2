using CareGrid.Grains.Cases;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CareGrid.StateFixtures;

/// <summary>
/// The serializer grain storage uses: Orleans' <see cref="Serializer"/> over CareGrid's grain types (the silo stores state
/// with it, see <c>SiloHostingExtensions</c>). The generator writes with it and the fixture tests read with it.
/// </summary>
public static class StateFixtureSerializer
{
    /// <summary>A new serializer over the grain assembly (<c>CareGrid.Grains</c>).</summary>
    public static Serializer Create() => new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(CaseState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    /// <summary>
    /// The bytes grain storage keeps for <paramref name="sample"/>: serialized with the sample's own type as the declared
    /// type, as grain storage does for an <c>IPersistentState&lt;TState&gt;</c> (so no type header precedes the fields).
    /// </summary>
    public static byte[] SerializeAsStored(Serializer serializer, object sample) =>
        (byte[])typeof(Serializer).GetMethods()
            .Single(m => m.Name == nameof(Serializer.SerializeToArray) && m.IsGenericMethodDefinition && m.GetParameters().Length == 1)
            .MakeGenericMethod(sample.GetType())
            .Invoke(serializer, [sample])!;
}
