using CareGrid.Grains.Errors;
using CareGrid.Grains.Screening;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CareGrid.Tests.Screening;

/// <summary>Shared helpers for the screening tests.</summary>
internal static class ScreeningAssert
{
    public static ScreeningResult Score(ScreeningInstrument instrument, params int?[] items) =>
        ScreeningScorer.Score(new ScreeningAnswers(instrument, items));

    /// <summary>Asserts a VALIDATION_FAILED error with the given field path and exact message.</summary>
    public static CareGridException Invalid(Action act, string field, string message)
    {
        var error = Assert.Throws<CareGridException>(act);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(field, error.Details["field"]);
        Assert.Equal(message, error.Message);
        return error;
    }

    /// <summary>
    /// <paramref name="count"/> items in <paramref name="min"/>–<paramref name="max"/> summing to <paramref name="total"/>,
    /// filled from the first item on (so the last items stay at <paramref name="min"/> as long as possible).
    /// </summary>
    public static int?[] ItemsWithTotal(int count, int total, int min, int max)
    {
        var items = new int?[count];
        var remaining = total - (count * min);
        Assert.InRange(remaining, 0, count * (max - min));
        for (var i = 0; i < count; i++)
        {
            var extra = Math.Min(max - min, remaining);
            items[i] = min + extra;
            remaining -= extra;
        }

        return items;
    }

    /// <summary>Round-trips a value through the Orleans serializer, as grain state and grain calls do.</summary>
    public static T RoundTrip<T>(T value)
    {
        using var services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(ScreeningResult).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }
}
