using System.Globalization;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Experiments.Analysis;
using EdgeCascade.Experiments.Results;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Experiments.Runners;

/// <summary>
/// HCF Fig. 3: the differential entropy of the latent after each operator of a 4-level, 2-stage cascade
/// over the family's top four levels (s = K, d = K − 3, n_q = 2) for each policy, by the Kozachenko-Leonenko estimator.
/// </summary>
/// <remarks>
/// A sample is the channel vector at one latent position (dimension M_k); vectors are pooled over the images and
/// subsampled (seeded) to at most <see cref="MaxSamples"/>. The paper does not say what its samples were
/// (HCF §4.2 and Fig. 3), so only the ordering of the jumps is comparable: the edge policy should add the least
/// entropy at the final quantization.
/// </remarks>
public static class EntropyExperiment
{
    public const int MaxSamples = 4000;

    public static ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int source = context.Engine.Levels;
        int target = Math.Max(1, source - 3);
        var policies = PolicySpace.Enumerate(source, target, 2);
        var series = new List<EntropySeries>();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var policy in policies)
        {
            var steps = new List<(string Label, List<float[]> Vectors, int Dimension)>();
            foreach (var image in context.Images)
            {
                Trace(context, policy, image.Image, steps);
                context.Report($"entropy {policy} on {image.Name}");
            }

            var points = new List<EntropyPoint>();
            double? previous = null;
            var jumps = new List<string>();
            foreach (var (label, vectors, dimension) in steps)
            {
                var estimate = Estimate(vectors, dimension, context.Seed);
                points.Add(new EntropyPoint(label, dimension, estimate.Samples,
                    ExperimentContext.Finite(estimate.Bits), ExperimentContext.Finite(estimate.BitsPerDimension)));
                if (label.StartsWith("Q", StringComparison.Ordinal) && previous is { } before)
                {
                    jumps.Add($"{label}: {ExperimentContext.Signed(estimate.Bits - before, 1)}");
                }

                previous = estimate.Bits;
            }

            series.Add(new EntropySeries(policy.ToString(), points));
            rows.Add([policy.ToString(), string.Join(", ", jumps)]);
        }

        var document = ExperimentDocument.Compose(context.Header(ExperimentKind.Entropy),
            new EntropyBody(source, target, MaxSamples, series), ExperimentJsonContext.Default.EntropyBody);
        return new ExperimentResult(ExperimentKind.Entropy, document,
            [new ExperimentTable("entropy (HCF Fig. 3): change of the KL differential entropy (bits per latent vector) at each quantization",
                ["policy", "entropy jump at each quantization"], rows)]);
    }

    // Records the latent after every operator: analysis, each φ, and each quantization (the decoded ŷ).
    private static void Trace(ExperimentContext context, QuantizationPolicy policy, Codec.Imaging.RgbImage image, List<(string, List<float[]>, int)> steps)
    {
        var engine = context.Engine;
        var index = 0;
        void Record(string label, Tensor latent)
        {
            if (steps.Count <= index)
            {
                steps.Add((label, [], latent.C));
            }

            steps[index].Item2.Add(Vectors(latent));
            index++;
        }

        var current = engine.Analyze(image, Source(policy), out var geometry);
        Record($"g_a^{policy.SourceLevel}", current);
        for (var level = policy.SourceLevel; level >= policy.TargetLevel; level--)
        {
            if (policy.IsTransmitted(level))
            {
                var quantized = engine.Encode(current, level, geometry).QuantizedLatent;
                Record(string.Create(CultureInfo.InvariantCulture, $"Q^{level}"), quantized);
                if (level == policy.TargetLevel)
                {
                    return;
                }

                current = engine.Inter(quantized, level);
                Record(string.Create(CultureInfo.InvariantCulture, $"phi_inter_{level}"), current);
            }
            else
            {
                current = engine.Intra(current, level);
                Record(string.Create(CultureInfo.InvariantCulture, $"phi_intra_{level}"), current);
            }
        }
    }

    private static int Source(QuantizationPolicy policy) => policy.SourceLevel;

    // Position-major channel vectors: sample p holds latent[c, p] for every channel c.
    private static float[] Vectors(Tensor latent)
    {
        var plane = latent.H * latent.W;
        var values = latent.Span;
        var vectors = new float[latent.C * plane];
        for (var c = 0; c < latent.C; c++)
        {
            for (var p = 0; p < plane; p++)
            {
                vectors[(p * latent.C) + c] = values[(c * plane) + p];
            }
        }

        return vectors;
    }

    private static DifferentialEntropyEstimate Estimate(List<float[]> perImage, int dimension, long seed)
    {
        var all = perImage.SelectMany(v => v).ToArray();
        var count = all.Length / dimension;
        if (count > MaxSamples)
        {
            // Seeded subsample without replacement (partial Fisher-Yates over sample indexes).
            var random = new Random(unchecked((int)seed));
            var order = Enumerable.Range(0, count).ToArray();
            for (var i = 0; i < MaxSamples; i++)
            {
                var j = i + random.Next(count - i);
                (order[i], order[j]) = (order[j], order[i]);
            }

            var picked = new float[MaxSamples * dimension];
            for (var i = 0; i < MaxSamples; i++)
            {
                Array.Copy(all, order[i] * dimension, picked, i * dimension, dimension);
            }

            all = picked;
        }

        return KozachenkoLeonenko.Estimate(all, dimension);
    }
}
