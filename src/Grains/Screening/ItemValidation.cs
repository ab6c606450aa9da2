using CareGrid.Grains.Errors;

namespace CareGrid.Grains.Screening;

/// <summary>Shared answer-set checks with the messages and field paths the API shows.</summary>
internal static class ItemValidation
{
    /// <summary>Throws unless <paramref name="items"/> has exactly <paramref name="count"/> entries (field <c>answers</c>).</summary>
    public static void RequireCount(string instrument, IReadOnlyList<int?> items, int count)
    {
        if (items.Count != count)
        {
            throw CareGridException.Validation("answers", $"{instrument} needs {count} answers, got {items.Count}.");
        }
    }

    /// <summary>Throws when a present item lies outside <paramref name="min"/>–<paramref name="max"/> (field <c>answers[i]</c>).</summary>
    public static void RequireRange(IReadOnlyList<int?> items, int min, int max, string? meaning = null)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is int value && (value < min || value > max))
            {
                var suffix = meaning is null ? string.Empty : $" ({meaning})";
                throw CareGridException.Validation(Field(i), $"{Field(i)} must be {min}–{max}{suffix}, got {value}.");
            }
        }
    }

    /// <summary>Throws for the first null item (field <c>answers[i]</c>): the instrument needs every item.</summary>
    public static void RequireAll(string instrument, IReadOnlyList<int?> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw CareGridException.Validation(Field(i), $"{Field(i)} is missing: {instrument} needs every item answered.");
            }
        }
    }

    /// <summary>The GraphQL-style path of item <paramref name="index"/>: <c>answers[index]</c>.</summary>
    public static string Field(int index) => $"answers[{index}]";

    /// <summary>The sum of items known to be present.</summary>
    public static int Sum(IReadOnlyList<int?> items)
    {
        var sum = 0;
        foreach (var item in items)
        {
            sum += item ?? 0;
        }

        return sum;
    }
}
