namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// A string, number, boolean or null. <see cref="Text"/> is the string value or the number as written.
/// Numeric and unit conversions also accept strings (so <c>"42"</c> and <c>10 Mbps</c>, which is a
/// string in HOCON, both convert).
/// </summary>
public sealed class HoconScalar : HoconValue
{
    internal HoconScalar(ScalarNode node, string path)
        : base(node.Position, path)
    {
        Kind = node.Kind;
        Text = node.Text;
    }

    public HoconScalarKind Kind { get; }

    public string Text { get; }

    public override bool IsNull => Kind == HoconScalarKind.Null;

    public override string AsString()
    {
        RejectNull("a string", "\"text\"");
        return Text;
    }

    public override double AsDouble()
    {
        RejectNull("a number", "1.5");
        if (Kind is HoconScalarKind.Number or HoconScalarKind.String && HoconNumbers.TryParseDouble(Text.Trim(), out double value))
        {
            return value;
        }

        throw Mismatch("a number", "1.5");
    }

    public override int AsInt()
    {
        long value = AsLong();
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new HoconException(Position, Path, $"{Text} is outside the range of a 32-bit integer", $"use a value between {int.MinValue} and {int.MaxValue}");
        }

        return (int)value;
    }

    public override long AsLong()
    {
        RejectNull("an integer", "42");
        if (Kind is HoconScalarKind.Number or HoconScalarKind.String && HoconNumbers.TryParseDecimal(Text.Trim(), out decimal value))
        {
            if (decimal.Truncate(value) != value)
            {
                throw new HoconException(Position, Path, $"expected an integer but found {Text}", "remove the fractional part");
            }

            if (value is < long.MinValue or > long.MaxValue)
            {
                throw new HoconException(Position, Path, $"{Text} is outside the range of a 64-bit integer", "use a smaller value");
            }

            return (long)value;
        }

        throw Mismatch("an integer", "42");
    }

    public override bool AsBool()
    {
        if (Kind is HoconScalarKind.Boolean or HoconScalarKind.String)
        {
            switch (Text)
            {
                case "true" or "yes" or "on":
                    return true;
                case "false" or "no" or "off":
                    return false;
                default:
                    break;
            }
        }

        throw new HoconException(Position, Path, $"expected a boolean but found {Describe()}", $"use true or false (yes/no and on/off also work), e.g. {LastKey()} = true");
    }

    public override TimeSpan AsDuration()
    {
        decimal nanoseconds = Scale("a duration", HoconUnits.NanosecondsPerUnit, 1_000_000m, "500ms, 2 s, 1.5 min, 1h, 3 days");
        decimal ticks = decimal.Truncate(nanoseconds / 100m);
        if (ticks < TimeSpan.MinValue.Ticks || ticks > TimeSpan.MaxValue.Ticks)
        {
            throw new HoconException(Position, Path, $"duration {Text} is out of range", "use a smaller duration");
        }

        return TimeSpan.FromTicks((long)ticks);
    }

    public override long AsBytes()
    {
        decimal bytes = decimal.Truncate(Scale("a size", HoconUnits.BytesPerUnit, 1m, "512B, 64KiB, 1.5 GB, 2GiB"));
        if (bytes is < long.MinValue or > long.MaxValue)
        {
            throw new HoconException(Position, Path, $"size {Text} is out of range", "use a size below 8 EiB");
        }

        return (long)bytes;
    }

    public override double AsBitsPerSecond() =>
        (double)Scale("a bandwidth", HoconUnits.BitsPerSecondPerUnit, 1m, "100 kbps, 20 Mbps, 10 Gbps, 1 MiB/s");

    public override double AsFlops() =>
        (double)Scale("a compute rate", HoconUnits.FlopsPerUnit, 1m, "500 GFLOPS, 15 TFLOPS, 2e12");

    internal override string Describe() => Kind switch
    {
        HoconScalarKind.Number => $"number {Text}",
        HoconScalarKind.Boolean => $"boolean {Text}",
        HoconScalarKind.Null => "null",
        _ => $"string \"{(Text.Length <= 40 ? Text : Text[..37] + "...")}\"",
    };

    private decimal Scale(string expected, IReadOnlyDictionary<string, decimal> units, decimal defaultUnit, string examples)
    {
        RejectNull(expected, examples.Split(',')[0]);
        if (Kind == HoconScalarKind.Boolean)
        {
            throw new HoconException(Position, Path, $"expected {expected} but found {Describe()}", $"use a number with a unit, e.g. {examples}");
        }

        string? error = HoconUnits.TryScale(Text, units, defaultUnit, out decimal value);
        if (error is not null)
        {
            throw new HoconException(
                Position,
                Path,
                $"expected {expected}: {error}",
                $"use a number with a unit, e.g. {examples}; valid units: {HoconUnits.Describe(units)}");
        }

        return value;
    }

    private void RejectNull(string expected, string example)
    {
        if (Kind == HoconScalarKind.Null)
        {
            throw new HoconException(Position, Path, $"expected {expected} but the value is null", $"set a value, e.g. {LastKey()} = {example}, or remove the key to use the default");
        }
    }
}
