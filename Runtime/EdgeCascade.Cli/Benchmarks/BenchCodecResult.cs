namespace EdgeCascade.Cli.Benchmarks;

/// <summary>What <c>bench codec --json</c> prints: C# against PyTorch on one image and level.</summary>
internal sealed record BenchCodecResult(
    string Image,
    int Width,
    int Height,
    string Family,
    int Level,
    int Threads,
    int Rounds,
    int Repeat,
    string TorchVersion,
    double CsharpEncodeSeconds,
    double CsharpDecodeSeconds,
    double CsharpPsnr,
    double PytorchEncodeSeconds,
    double PytorchDecodeSeconds,
    double PytorchPsnr,
    long ModelEncodeFlops,
    long ModelDecodeFlops,
    double RatioEncode,
    double RatioDecode,
    double Gflops);
