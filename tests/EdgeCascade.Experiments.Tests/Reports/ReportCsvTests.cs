using EdgeCascade.Experiments.Reports;
using EdgeCascade.Simulation.Reports;

namespace EdgeCascade.Experiments.Tests.Reports;

public sealed class ReportCsvTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("\"cam,1\",2,", new[] { "cam,1", "2", "" })]
    [InlineData("\"say \"\"hi\"\"\",x", new[] { "say \"hi\"", "x" })]
    public void Split_Rfc4180Record_ReturnsFields(string record, string[] expected)
    {
        var fields = new List<string>();

        Assert.True(ReportCsv.Split(record, fields));
        Assert.Equal(expected, fields);
    }

    [Fact]
    public void Split_UnclosedQuote_ReturnsFalse()
    {
        Assert.False(ReportCsv.Split("\"line\nbreak", []));
    }

    [Fact]
    public void Rows_QuotedFieldWithLineBreak_JoinsTheRecord()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "time_seconds,link,utilization_percent,active_transfers,bytes\n0.1,\"a\nb->c\",1,0,5\n");

            var rows = ReportCsv.Rows(path, "links.csv", CsvHeaders.Links).ToList();

            Assert.Single(rows);
            Assert.Equal("a\nb->c", rows[0].Fields[1]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
