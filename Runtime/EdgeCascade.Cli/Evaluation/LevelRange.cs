using System.Globalization;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>The quality levels an evaluation covers, <c>First..Last</c> inclusive (1 = lowest quality).</summary>
internal readonly record struct LevelRange(int First, int Last)
{
    public IEnumerable<int> Levels => Enumerable.Range(First, Last - First + 1);

    public int Count => Last - First + 1;

    /// <summary>Parses <c>A..B</c> or a single level <c>K</c>; null or empty means every level of the family.</summary>
    /// <exception cref="UserInputException">Malformed, reversed, or outside 1..<paramref name="familyLevels"/>.</exception>
    public static LevelRange Parse(string? text, int familyLevels, string familyId)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new LevelRange(1, familyLevels);
        }

        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || !parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
        {
            throw new UserInputException($"--levels '{text}' is not a level or a range A..B (e.g. 1..{familyLevels})");
        }

        var first = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var last = int.Parse(parts[^1], CultureInfo.InvariantCulture);
        if (first > last)
        {
            throw new UserInputException($"--levels {text} is reversed; write the lower level first ({last}..{first})");
        }

        if (first < 1 || last > familyLevels)
        {
            throw new UserInputException($"--levels {text} is outside 1..{familyLevels} of family '{familyId}'");
        }

        return new LevelRange(first, last);
    }
}
