namespace EdgeCascade.Codec.Cascade;

/// <summary>Where a progressive decoder places an element inside the interval its received layers narrowed it to.</summary>
public enum ProgressiveReconstruction
{
    /// <summary>The mean of the Gaussian prior N(mean, scale²) restricted to the interval (lower distortion).</summary>
    ConditionalMean,

    /// <summary>The interval midpoint (DeepHQ's rule, DeepHQ's nested quantization at coding time step 4).</summary>
    Midpoint,
}
