using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.Tests.Entropy;

public sealed class GaussianConditionalTablesTests
{
    // torch.exp(torch.linspace(math.log(0.11), math.log(256), 64)) in float32 (torch 1.13), as raw bits.
    private static readonly int[] s_torchScaleBits =
    [
        1038174126, 1040107411, 1041240624, 1042476999, 1043875272, 1045456644, 1047245092, 1048921866,
        1050065613, 1051359130, 1052822030, 1054476490, 1056347596, 1057714162, 1058910772, 1060264073,
        1061794584, 1063525510, 1065418155, 1066525117, 1067777031, 1069192878, 1070794126, 1072605052,
        1074197468, 1075355591, 1076665366, 1078146652, 1079821906, 1081716527, 1082994839, 1084206488,
        1085576794, 1087126540, 1088879222, 1090690225, 1091811099, 1093078746, 1094512388, 1096133764,
        1097967448, 1099474448, 1100647128, 1101973364, 1103473265, 1105169574, 1107088007, 1108276957,
        1109503833, 1110891364, 1112460592, 1114235296, 1115963632, 1117098595, 1118382173, 1119833836,
        1121475590, 1123332325, 1124752829, 1125940248, 1127283150, 1128801906, 1130519538, 1132462080,
    ];

    // torch.ceil(scale_table * -scipy.stats.norm.ppf(1e-9 / 2)) (torch 1.13).
    private static readonly int[] s_torchCenters =
    [
        1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 7, 7, 8, 9, 11, 12, 13, 15, 17, 19, 22, 24, 27, 31,
        35, 39, 45, 50, 57, 64, 73, 82, 93, 105, 119, 134, 151, 171, 194, 219, 247, 280, 316, 358, 404, 457, 517,
        585, 661, 748, 846, 957, 1082, 1223, 1383, 1565,
    ];

    private static readonly GaussianConditionalTables s_default = GaussianConditionalTables.CreateDefault();

    [Fact]
    public void CreateDefaultScaleTable_Always_WithinOneUlpOfTorch()
    {
        float[] table = GaussianConditionalTables.CreateDefaultScaleTable();
        for (int i = 0; i < table.Length; i++)
        {
            Assert.InRange(BitConverter.SingleToInt32Bits(table[i]) - s_torchScaleBits[i], -1, 1);
        }
    }

    [Fact]
    public void BuildCdfs_DefaultTable_LengthsAndOffsetsFollowTorchCenters()
    {
        for (int i = 0; i < 64; i++)
        {
            Assert.Equal((2 * s_torchCenters[i]) + 3, s_default.Cdfs.GetLength(i));
            Assert.Equal(-s_torchCenters[i], s_default.Cdfs.GetOffset(i));
        }
    }

    [Fact]
    public void BuildCdfs_SmallScales_MatchCompressAiReferenceRows()
    {
        // Rows from CompressAI's update() evaluated with torch float32 erfc.
        Assert.Equal(new[] { 0, 1, 65534, 65535, 65536 }, s_default.Cdfs.GetCdf(0).ToArray());
        Assert.Equal(
            new[] { 0, 1, 2, 3, 17, 217, 1717, 8011, 22872, 42658, 57519, 63813, 65313, 65513, 65527, 65528, 65529, 65530, 65536 },
            s_default.Cdfs.GetCdf(20).ToArray());
    }

    [Theory]
    [InlineData(0.01f, 0)]
    [InlineData(0.11f, 0)]
    [InlineData(1000f, 63)]
    [InlineData(float.NaN, 63)]
    [InlineData(float.PositiveInfinity, 63)]
    [InlineData(float.NegativeInfinity, 0)]
    public void BuildIndexes_EdgeScales_ReturnsExpectedIndex(float scale, int expected)
    {
        var indexes = new int[1];
        s_default.BuildIndexes([scale], indexes);
        Assert.Equal(expected, indexes[0]);
    }

    [Fact]
    public void BuildIndexes_RandomScales_MatchesCompressAiCountingFormula()
    {
        var random = new Random(5);
        ReadOnlySpan<float> table = s_default.ScaleTable;
        var scales = new float[5000];
        for (int i = 0; i < scales.Length; i++)
        {
            scales[i] = i < 64 ? table[i] : i < 128 ? MathF.BitIncrement(table[i - 64]) : (float)Math.Exp((random.NextDouble() * 8) - 3);
        }

        var indexes = new int[scales.Length];
        s_default.BuildIndexes(scales, indexes);
        for (int i = 0; i < scales.Length; i++)
        {
            float bounded = MathF.Max(scales[i], 0.11f);
            int count = 0;
            for (int j = 0; j < 63; j++)
            {
                count += bounded <= table[j] ? 1 : 0;
            }

            Assert.Equal(63 - count, indexes[i]);
        }
    }

    [Fact]
    public void Constructor_MismatchedCdfCount_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new GaussianConditionalTables([0.11f, 0.2f], s_default.Cdfs));
    }
}
