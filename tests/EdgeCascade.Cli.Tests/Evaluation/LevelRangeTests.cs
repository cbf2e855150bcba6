using EdgeCascade.Cli.Evaluation;

namespace EdgeCascade.Cli.Tests.Evaluation;

public sealed class LevelRangeTests
{
    [Theory]
    [InlineData(null, 1, 9)]
    [InlineData("", 1, 9)]
    [InlineData("3..5", 3, 5)]
    [InlineData(" 2 .. 9 ", 2, 9)]
    [InlineData("7", 7, 7)]
    public void Parse_ValidText_GivesInclusiveRange(string? text, int first, int last)
    {
        var range = LevelRange.Parse(text, 9, "ec-test");

        Assert.Equal((first, last), (range.First, range.Last));
        Assert.Equal(Enumerable.Range(first, last - first + 1), range.Levels);
    }

    [Theory]
    [InlineData("0..3", "outside 1..9")]
    [InlineData("5..10", "outside 1..9")]
    [InlineData("6..2", "reversed")]
    [InlineData("a..b", "not a level")]
    [InlineData("1..2..3", "not a level")]
    public void Parse_BadText_ThrowsUserInputNamingTheProblem(string text, string expected)
    {
        var error = Assert.Throws<UserInputException>(() => LevelRange.Parse(text, 9, "ec-test"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
