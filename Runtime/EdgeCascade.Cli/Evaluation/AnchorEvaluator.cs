using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Experiments.Metrics;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>Measures a classic codec's curve on the evaluation images and the family's BD-rate against it.</summary>
internal static class AnchorEvaluator
{
    /// <param name="advance">Called once per image coded (at every quality).</param>
    public static AnchorResult Evaluate(IClassicCodec codec, IReadOnlyList<EvalImage> images, IReadOnlyList<LevelSummary> family, Action<string> advance)
    {
        var work = Directory.CreateTempSubdirectory("ec-anchor-").FullName;
        try
        {
            var perQuality = codec.Qualities.ToDictionary(q => q, _ => new List<(double Bpp, double Psnr, double? MsSsimDb)>());
            foreach (var image in images)
            {
                foreach (var coding in codec.Code(image.Image, work))
                {
                    var pixels = (double)image.Image.Width * image.Image.Height;
                    perQuality[coding.Quality].Add((
                        coding.Bytes * 8 / pixels,
                        Psnr.Compute(image.Image, coding.Decoded),
                        FamilyEvaluator.MsSsimDb(image.Image, coding.Decoded)));
                }

                advance($"{codec.Name} {image.Name}");
            }

            var points = codec.Qualities
                .Select(q => new AnchorPoint(
                    q,
                    perQuality[q].Average(m => m.Bpp),
                    perQuality[q].Average(m => m.Psnr),
                    QualityMeans.MeanOrNull(perQuality[q].Select(m => m.MsSsimDb))))
                .ToList();
            return WithBdRate(codec, points, family);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static AnchorResult WithBdRate(IClassicCodec codec, IReadOnlyList<AnchorPoint> points, IReadOnlyList<LevelSummary> family)
    {
        // At its lowest settings JPEG saturates (q 1 and 2 give the same image), and BD-rate needs distinct
        // qualities: like training/eval_reference.py, only the first point of each PSNR (to 1e-6 dB) is kept.
        var anchor = points
            .DistinctBy(p => Math.Round(p.Psnr, 6))
            .Select(p => new RdPoint(p.BitsPerPixel, p.Psnr))
            .ToList();
        var test = family.Select(l => new RdPoint(l.BitsPerPixel, l.Psnr)).ToList();
        try
        {
            return new AnchorResult(
                codec.Name,
                codec.Tool,
                points,
                Bjontegaard.BdRate(anchor, test, BjontegaardInterpolation.Cubic),
                Bjontegaard.BdRate(anchor, test, BjontegaardInterpolation.Pchip),
                null);
        }
        catch (ArgumentException error)
        {
            // Too few levels (a cubic needs 4) or no overlap in PSNR: the curve is still reported, the BD-rate is not.
            return new AnchorResult(codec.Name, codec.Tool, points, null, null, $"no BD-rate: {error.Message.Split(" (Parameter")[0]}");
        }
    }
}
