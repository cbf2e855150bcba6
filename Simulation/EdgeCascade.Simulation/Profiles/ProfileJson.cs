using System.Globalization;
using System.Text;
using System.Text.Json;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Codec.Files;

namespace EdgeCascade.Simulation.Profiles;

/// <summary>
/// Reads and writes <see cref="SimulationProfile"/> JSON (schema <see cref="SimulationProfile.SchemaId"/>,
/// documented in Simulation/SCHEMA.md). Reading validates everything a run relies on and names the
/// JSON path of the first problem.
/// </summary>
public static class ProfileJson
{
    /// <summary>
    /// Largest profile file read (64 MiB): a profile of every cascade of a 9-level family over hundreds of images is a
    /// few MB; a wrong path such as /dev/zero fails at once instead of exhausting memory.
    /// </summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>
    /// Largest image side (65536, the .ecb format's own limit): a 10^9-pixel-wide profile image made one transfer
    /// outlast the simulator's nanosecond clock, and the run spun at time 0.
    /// </summary>
    public const int MaxImageSide = 1 << 16;

    /// <summary>Largest bits per pixel a level may state: 24-bit RGB costs 24 raw, so more is a broken profile.</summary>
    public const double MaxBitsPerPixel = 64;

    /// <summary>
    /// Largest FLOPs or activation bytes one operation may state (10^15): about a 65536x65536 image through the
    /// largest level; beyond it a job outlasts the simulator's nanosecond clock on slow GPUs.
    /// </summary>
    public const double MaxOperationCost = 1e15;

    private static readonly (StageOpKind Kind, string Name)[] OperationNames =
    [
        (StageOpKind.Analysis, "analysis"),
        (StageOpKind.IntraTransform, "intra"),
        (StageOpKind.QuantizeEncode, "quantize_encode"),
        (StageOpKind.Decode, "decode"),
        (StageOpKind.InterTransform, "inter"),
        (StageOpKind.Synthesis, "synthesis"),
    ];

    /// <summary>Loads and validates the profile at <paramref name="path"/>.</summary>
    /// <exception cref="ProfileException">Missing file, bad JSON, wrong schema, or an invalid value.</exception>
    public static SimulationProfile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ProfileException($"no simulation profile at {path}; build it with 'edgecascade profile build' or pass --profile FILE");
        }

        byte[] bytes;
        try
        {
            bytes = SafeFile.ReadAllBytes(path, MaxFileBytes, "a simulation profile (JSON)");
        }
        catch (SafeFileException error)
        {
            throw new ProfileException(error.Message, error);
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses and validates profile JSON; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="ProfileException">Bad JSON, wrong schema, or an invalid value.</exception>
    public static SimulationProfile Parse(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException error)
        {
            throw new ProfileException($"{sourceName}: not valid JSON (line {error.LineNumber + 1}): {error.Message}", error);
        }

        using (document)
        {
            return new Reader(sourceName).ReadProfile(document.RootElement);
        }
    }

    /// <summary>Parses and validates profile JSON text.</summary>
    public static SimulationProfile Parse(string json, string sourceName) => Parse(Encoding.UTF8.GetBytes(json), sourceName);

    /// <summary>
    /// Writes <paramref name="profile"/> to <paramref name="path"/> (indented, invariant numbers) through a temporary
    /// file renamed over it, so a failed write keeps the previous profile.
    /// </summary>
    public static void Save(SimulationProfile profile, string path)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(path);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        SafeFile.WriteAllBytes(path, ToUtf8(profile));
    }

    /// <summary>The profile as indented UTF-8 JSON.</summary>
    public static byte[] ToUtf8(SimulationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", SimulationProfile.SchemaId);
            writer.WriteString("model_family", profile.ModelFamily);
            writer.WriteStartObject("image_set");
            writer.WriteString("name", profile.ImageSet.Name);
            writer.WriteString("description", profile.ImageSet.Description);
            writer.WriteStartArray("images");
            foreach (string image in profile.ImageSet.Images)
            {
                writer.WriteStringValue(image);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNumber("image_width", profile.ImageWidth);
            writer.WriteNumber("image_height", profile.ImageHeight);
            writer.WriteStartArray("levels");
            foreach (LevelProfile level in profile.Levels)
            {
                writer.WriteStartObject();
                writer.WriteNumber("level", level.Level);
                WriteValues(writer, "bpp", level.BitsPerPixel);
                WriteValues(writer, "psnr_db", level.PsnrDb);
                if (level.MsSsim is not null)
                {
                    WriteValues(writer, "ms_ssim", level.MsSsim);
                }

                WriteOperations(writer, level.Operations);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("cascades");
            foreach (CascadeProfile cascade in profile.Cascades)
            {
                writer.WriteStartObject();
                writer.WriteNumber("source_level", cascade.SourceLevel);
                writer.WriteNumber("target_level", cascade.TargetLevel);
                writer.WriteString("policy", cascade.Policy);
                writer.WriteStartArray("hops");
                foreach (HopProfile hop in cascade.Hops)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("level", hop.Level);
                    WriteValues(writer, "bpp", hop.BitsPerPixel);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                WriteValues(writer, "psnr_db", cascade.PsnrDb);
                if (cascade.MsSsim is not null)
                {
                    WriteValues(writer, "ms_ssim", cascade.MsSsim);
                }

                WriteOperations(writer, cascade.Operations);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>The JSON name of an operator kind (<c>analysis</c>, <c>intra</c>, <c>quantize_encode</c>, <c>decode</c>, <c>inter</c>, <c>synthesis</c>).</summary>
    public static string OperationName(StageOpKind kind) => Array.Find(OperationNames, n => n.Kind == kind).Name ?? kind.ToString();

    private static void WriteValues(Utf8JsonWriter writer, string name, EmpiricalValues values)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("mean", values.Mean);
        writer.WriteStartArray("per_image");
        foreach (double value in values.PerImage)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteOperations(Utf8JsonWriter writer, IReadOnlyList<OperationProfile> operations)
    {
        writer.WriteStartArray("operations");
        foreach (OperationProfile operation in operations)
        {
            writer.WriteStartObject();
            writer.WriteString("op", OperationName(operation.Kind));
            writer.WriteNumber("level", operation.Level);
            writer.WriteNumber("flops", operation.Flops);
            writer.WriteNumber("peak_memory_bytes", operation.PeakMemoryBytes);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private sealed class Reader(string source)
    {
        private int _imageCount;

        public SimulationProfile ReadProfile(JsonElement root)
        {
            Expect(root, JsonValueKind.Object, "$");
            string schema = String(root, "schema", "$");
            if (schema != SimulationProfile.SchemaId)
            {
                throw Error("$.schema", $"unsupported schema '{schema}', expected '{SimulationProfile.SchemaId}'");
            }

            string family = String(root, "model_family", "$");
            JsonElement set = Property(root, "image_set", "$", JsonValueKind.Object);
            var images = new List<string>();
            JsonElement imageArray = Property(set, "images", "$.image_set", JsonValueKind.Array);
            int index = 0;
            foreach (JsonElement image in imageArray.EnumerateArray())
            {
                Expect(image, JsonValueKind.String, $"$.image_set.images[{index++}]");
                images.Add(image.GetString()!);
            }

            if (images.Count == 0)
            {
                throw Error("$.image_set.images", "the image set is empty; a profile needs at least one measured image");
            }

            _imageCount = images.Count;
            var imageSet = new ProfileImageSet(
                String(set, "name", "$.image_set"),
                OptionalString(set, "description") ?? string.Empty,
                images);
            int width = BoundedInt(root, "image_width", "$", MaxImageSide);
            int height = BoundedInt(root, "image_height", "$", MaxImageSide);

            var levels = new List<LevelProfile>();
            int i = 0;
            foreach (JsonElement level in Property(root, "levels", "$", JsonValueKind.Array).EnumerateArray())
            {
                levels.Add(ReadLevel(level, $"$.levels[{i++}]"));
            }

            var cascades = new List<CascadeProfile>();
            i = 0;
            foreach (JsonElement cascade in Property(root, "cascades", "$", JsonValueKind.Array).EnumerateArray())
            {
                cascades.Add(ReadCascade(cascade, $"$.cascades[{i++}]"));
            }

            return new SimulationProfile(family, imageSet, width, height, levels, cascades);
        }

        private LevelProfile ReadLevel(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.Object, path);
            int level = PositiveInt(element, "level", path);
            return new LevelProfile(
                level,
                Values(element, "bpp", path, required: true)!,
                Values(element, "psnr_db", path, required: true)!,
                Values(element, "ms_ssim", path, required: false),
                Operations(element, path));
        }

        private CascadeProfile ReadCascade(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.Object, path);
            int source = PositiveInt(element, "source_level", path);
            int target = PositiveInt(element, "target_level", path);
            string policyText = String(element, "policy", path);
            QuantizationPolicy policy = ParsePolicy(policyText, source, target, $"{path}.policy");
            var hops = new List<HopProfile>();
            int i = 0;
            foreach (JsonElement hop in Property(element, "hops", path, JsonValueKind.Array).EnumerateArray())
            {
                string hopPath = $"{path}.hops[{i}]";
                Expect(hop, JsonValueKind.Object, hopPath);
                int level = PositiveInt(hop, "level", hopPath);
                if (i >= policy.NQ || policy.TransmitLevels[i] != level)
                {
                    throw Error($"{hopPath}.level", $"policy {policy} transmits levels [{string.Join(",", policy.TransmitLevels)}]; hop {i} cannot be level {level}");
                }

                hops.Add(new HopProfile(level, Values(hop, "bpp", hopPath, required: true)!));
                i++;
            }

            if (hops.Count != policy.NQ)
            {
                throw Error($"{path}.hops", $"policy {policy} has {policy.NQ} transmissions but {hops.Count} hop entries");
            }

            return new CascadeProfile(
                source,
                target,
                policy.ToString(),
                hops,
                Values(element, "psnr_db", path, required: true)!,
                Values(element, "ms_ssim", path, required: false),
                Operations(element, path));
        }

        private List<OperationProfile> Operations(JsonElement element, string path)
        {
            var operations = new List<OperationProfile>();
            if (!element.TryGetProperty("operations", out JsonElement array))
            {
                return operations;
            }

            Expect(array, JsonValueKind.Array, $"{path}.operations");
            int i = 0;
            foreach (JsonElement item in array.EnumerateArray())
            {
                string itemPath = $"{path}.operations[{i++}]";
                Expect(item, JsonValueKind.Object, itemPath);
                string name = String(item, "op", itemPath);
                (StageOpKind kind, string found) = Array.Find(OperationNames, n => n.Name == name);
                if (found is null)
                {
                    throw Error($"{itemPath}.op", $"unknown operator '{name}'; use one of {string.Join(", ", OperationNames.Select(n => n.Name))}");
                }

                int level = PositiveInt(item, "level", itemPath);
                double flops = BoundedNumber(item, "flops", itemPath, MaxOperationCost);
                double memory = BoundedNumber(item, "peak_memory_bytes", itemPath, MaxOperationCost);
                operations.Add(new OperationProfile(kind, level, flops, (long)memory));
            }

            return operations;
        }

        private EmpiricalValues? Values(JsonElement element, string name, string path, bool required)
        {
            if (!element.TryGetProperty(name, out JsonElement values))
            {
                return required ? throw Error($"{path}.{name}", "missing") : null;
            }

            string valuesPath = $"{path}.{name}";
            Expect(values, JsonValueKind.Object, valuesPath);
            var perImage = new List<double>();
            int i = 0;
            foreach (JsonElement value in Property(values, "per_image", valuesPath, JsonValueKind.Array).EnumerateArray())
            {
                perImage.Add(Finite(value, $"{valuesPath}.per_image[{i++}]"));
            }

            if (perImage.Count != _imageCount)
            {
                throw Error($"{valuesPath}.per_image", $"expected {_imageCount} values (one per image of the set), got {perImage.Count}");
            }

            double mean = values.TryGetProperty("mean", out JsonElement meanElement)
                ? Finite(meanElement, $"{valuesPath}.mean")
                : perImage.Average();
            if (name == "bpp" && perImage.Append(mean).FirstOrDefault(v => v is < 0 or > MaxBitsPerPixel, double.NaN) is var bad && !double.IsNaN(bad))
            {
                throw Error(valuesPath, string.Create(CultureInfo.InvariantCulture,
                    $"bits per pixel {bad:R} is outside 0..{MaxBitsPerPixel} (raw 24-bit RGB costs 24); rebuild the profile with 'edgecascade profile build'"));
            }

            return new EmpiricalValues(mean, perImage);
        }

        private static QuantizationPolicy ParsePolicyCore(string text, int source)
        {
            string trimmed = text.Trim();
            if (trimmed.Length < 2 || trimmed[0] != '[' || trimmed[^1] != ']')
            {
                throw new FormatException("expected a 0/1 vector such as [1,0,0,1]");
            }

            int[] bits = trimmed[1..^1].Split(',', StringSplitOptions.TrimEntries)
                .Select(b => int.Parse(b, NumberStyles.None, CultureInfo.InvariantCulture))
                .ToArray();
            return QuantizationPolicy.FromBits(source, bits);
        }

        private QuantizationPolicy ParsePolicy(string text, int source, int target, string path)
        {
            QuantizationPolicy policy;
            try
            {
                policy = ParsePolicyCore(text, source);
            }
            catch (Exception error) when (error is FormatException or ArgumentException or OverflowException)
            {
                throw Error(path, $"bad policy '{text}': {error.Message}");
            }

            if (policy.TargetLevel != target)
            {
                throw Error(path, $"policy {policy} from s={source} ends at level {policy.TargetLevel}, not target_level {target}");
            }

            return policy;
        }

        private JsonElement Property(JsonElement element, string name, string path, JsonValueKind kind)
        {
            if (!element.TryGetProperty(name, out JsonElement value))
            {
                throw Error($"{path}.{name}", "missing");
            }

            Expect(value, kind, $"{path}.{name}");
            return value;
        }

        private string String(JsonElement element, string name, string path)
        {
            string value = Property(element, name, path, JsonValueKind.String).GetString()!;
            return value.Length == 0 ? throw Error($"{path}.{name}", "must not be empty") : value;
        }

        private static string? OptionalString(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private int PositiveInt(JsonElement element, string name, string path)
        {
            JsonElement value = Property(element, name, path, JsonValueKind.Number);
            return value.TryGetInt32(out int result) && result > 0 ? result : throw Error($"{path}.{name}", $"expected a positive integer, got {value.GetRawText()}");
        }

        private int BoundedInt(JsonElement element, string name, string path, int max)
        {
            int value = PositiveInt(element, name, path);
            return value <= max
                ? value
                : throw Error($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"{value} is above the maximum {max} that can be simulated; rebuild the profile with 'edgecascade profile build'"));
        }

        private double BoundedNumber(JsonElement element, string name, string path, double max)
        {
            double value = NonNegativeNumber(element, name, path);
            return value <= max
                ? value
                : throw Error($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"{value:R} is above the maximum {max:R} that can be simulated; rebuild the profile with 'edgecascade profile build'"));
        }

        private double NonNegativeNumber(JsonElement element, string name, string path)
        {
            double value = Finite(Property(element, name, path, JsonValueKind.Number), $"{path}.{name}");
            return value >= 0 ? value : throw Error($"{path}.{name}", $"must be non-negative, got {value.ToString("R", CultureInfo.InvariantCulture)}");
        }

        private double Finite(JsonElement element, string path)
        {
            Expect(element, JsonValueKind.Number, path);
            double value = element.GetDouble();
            return double.IsFinite(value) ? value : throw Error(path, "must be a finite number");
        }

        private void Expect(JsonElement element, JsonValueKind kind, string path)
        {
            if (element.ValueKind != kind)
            {
                throw Error(path, $"expected {kind.ToString().ToLowerInvariant()}, got {element.ValueKind.ToString().ToLowerInvariant()}");
            }
        }

        private ProfileException Error(string path, string reason) => new($"{source}: {path}: {reason}");
    }
}
