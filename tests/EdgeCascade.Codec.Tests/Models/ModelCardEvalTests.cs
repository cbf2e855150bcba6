using System.Globalization;
using System.Text.Json;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Codec.Models;
using Xunit.Abstractions;

namespace EdgeCascade.Codec.Tests.Models;

/// <summary>
/// The committed family's card reports rate and PSNR on <c>data/eval</c> measured by PyTorch (bpp estimated from the
/// likelihoods). The C# engine codes the same images for real: its coded sizes must agree within 2 % (issue 4) and
/// its reconstructions must give the same PSNR.
/// </summary>
public class ModelCardEvalTests
{
    private const double RateTolerance = 0.02;
    private const double PsnrToleranceDb = 0.02;

    private readonly ITestOutputHelper _output;

    public ModelCardEvalTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void EncodeImage_EvalImagesAtEveryLevel_CodedSizeAndPsnrMatchCard()
    {
        string familyDirectory = CommittedFamily.FamilyDirectory;
        var engine = new CascadeEngine(ModelFamily.Load(familyDirectory));
        using JsonDocument card = JsonDocument.Parse(File.ReadAllText(Path.Combine(familyDirectory, ModelCard.FileName)));
        JsonElement levels = card.RootElement.GetProperty("eval").GetProperty("levels");
        RgbImage[] images = [.. Directory.GetFiles(CommittedFamily.EvalImages, "*.png").Order(StringComparer.Ordinal).Select(ImageFile.Read)];
        Assert.Equal(5, images.Length);

        for (int level = 1; level <= engine.Levels; level++)
        {
            double streamBpp = 0, fileBpp = 0, psnr = 0;
            foreach (RgbImage image in images)
            {
                EcbContainer container = engine.EncodeImage(image, level);
                int streamBytes = container.HyperStream.Length + container.MainStream.Length;
                streamBpp += BitRate.BitsPerPixel(streamBytes, image.Height, image.Width) / images.Length;
                fileBpp += BitRate.BitsPerPixel(EcbWriter.ToBytes(container).Length, image.Height, image.Width) / images.Length;
                psnr += Psnr.Compute(image, engine.DecodeImage(container)) / images.Length;
            }

            JsonElement expected = levels.GetProperty(level.ToString(CultureInfo.InvariantCulture));
            double likelihoodBpp = expected.GetProperty("bpp_lik").GetDouble();
            double expectedPsnr = expected.GetProperty("psnr").GetDouble();
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"level {level}: C# streams {streamBpp:0.#####} bpp (file {fileBpp:0.#####}), PyTorch likelihoods {likelihoodBpp:0.#####} bpp ({(streamBpp / likelihoodBpp - 1) * 100:+0.00;-0.00} %); PSNR C# {psnr:0.###} dB, PyTorch {expectedPsnr:0.###} dB"));
            Assert.InRange(streamBpp / likelihoodBpp - 1, -RateTolerance, RateTolerance);
            Assert.InRange(psnr - expectedPsnr, -PsnrToleranceDb, PsnrToleranceDb);
        }
    }
}
