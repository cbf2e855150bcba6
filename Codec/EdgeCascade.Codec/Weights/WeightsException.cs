namespace EdgeCascade.Codec.Weights;

/// <summary>A weights or model file is missing, malformed, or does not match the architecture; names file and tensor.</summary>
public sealed class WeightsException : Exception
{
    public const string MissingFileHint = "run training/train_all.sh or check --models DIR";

    public WeightsException()
    {
    }

    public WeightsException(string message)
        : base(message)
    {
    }

    public WeightsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WeightsException(string message, string? filePath, string? tensorName, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        TensorName = tensorName;
    }

    /// <summary>The file being read, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The tensor at fault, when the problem concerns one tensor.</summary>
    public string? TensorName { get; }

    public static WeightsException MissingFile(string path) =>
        new($"Weights file '{path}' does not exist ({MissingFileHint}).", path, null);

    public static WeightsException MissingTensor(string path, string tensor) =>
        new($"Tensor '{tensor}' is missing from '{path}'.", path, tensor);

    public static WeightsException WrongShape(string path, string tensor, IReadOnlyList<int> expected, IReadOnlyList<long> actual) =>
        new($"Tensor '{tensor}' in '{path}' has shape {FormatShape(actual)}, expected {FormatShape(expected)}.", path, tensor);

    public static WeightsException WrongDType(string path, string tensor, string expected, SafeTensorsDType actual) =>
        new($"Tensor '{tensor}' in '{path}' has dtype {actual}, expected {expected}.", path, tensor);

    public static WeightsException Corrupt(string path, string detail, string? tensor = null, Exception? innerException = null) =>
        new($"Weights file '{path}' is corrupt: {detail}", path, tensor, innerException);

    internal static string FormatShape<T>(IReadOnlyList<T> shape) =>
        "[" + string.Join(", ", shape.Select(d => d is int i && i < 0 ? "*" : d?.ToString())) + "]";
}
