using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Imaging;

/// <summary>One evaluation image and the name it is reported under.</summary>
public sealed record EvalImage(string Name, RgbImage Image);
