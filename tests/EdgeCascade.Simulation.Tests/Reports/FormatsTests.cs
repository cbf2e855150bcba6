using EdgeCascade.Simulation.Reports;

namespace EdgeCascade.Simulation.Tests.Reports;

public sealed class FormatsTests
{
    // Issue 17, failure 11: names with ',' or '"' broke the CSV files; they are now quoted as RFC 4180 says.
    [Theory]
    [InlineData("cam-1", "cam-1")]
    [InlineData("cam,1", "\"cam,1\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void CsvField_Name_QuotedOnlyWhenNeeded(string name, string expected)
    {
        Assert.Equal(expected, Formats.CsvField(name));
    }
}
