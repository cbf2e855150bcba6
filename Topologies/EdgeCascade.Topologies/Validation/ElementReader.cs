using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Topologies.Validation;

/// <summary>
/// Reads one config element (a node, link, flow...) against its defaults block in reference.conf:
/// the defaults' keys are the schema, so a key that is not there is reported with the closest valid one.
/// </summary>
internal sealed class ElementReader
{
    private readonly HoconObject _element;
    private readonly HoconObject _defaults;
    private readonly List<TopologyDiagnostic> _diagnostics;

    public ElementReader(HoconObject element, HoconObject defaults, string kind, List<TopologyDiagnostic> diagnostics)
    {
        _element = element;
        _defaults = defaults;
        _diagnostics = diagnostics;
        foreach (var key in element.Keys)
        {
            if (defaults.TryGetValue(key, out _))
            {
                continue;
            }

            element.TryGetValue(key, out var unknown);
            var closest = NameSuggester.Closest(key, defaults.Keys);
            var hint = closest is null
                ? $"valid {kind} keys: {string.Join(", ", defaults.Keys)}"
                : $"did you mean '{closest}'? valid {kind} keys: {string.Join(", ", defaults.Keys)}";
            Report(unknown!, $"unknown {kind} key '{key}'", hint);
        }
    }

    public HoconObject Element => _element;

    /// <summary>The user's value, else the default; null when both are absent or null.</summary>
    public HoconValue? Value(string key)
    {
        if (_element.TryGetValue(key, out var own) && !own.IsNull)
        {
            return own;
        }

        return _defaults.TryGetValue(key, out var fallback) && !fallback.IsNull ? fallback : null;
    }

    public T? Optional<T>(string key, Func<HoconValue, T> convert)
        where T : struct
    {
        var value = Value(key);
        return value is null ? null : Convert(value, convert);
    }

    public T? OptionalRef<T>(string key, Func<HoconValue, T> convert)
        where T : class
    {
        var value = Value(key);
        return value is null ? null : Convert(value, convert);
    }

    public T Required<T>(string key, Func<HoconValue, T> convert, T fallback, string hint)
    {
        var value = Value(key);
        if (value is null)
        {
            Report(_element, $"missing required key '{key}'", hint);
            return fallback;
        }

        var converted = Convert(value, v => (object?)convert(v));
        return converted is T typed ? typed : fallback;
    }

    public void Report(HoconValue at, string message, string hint) =>
        _diagnostics.Add(new TopologyDiagnostic(at.Position.File, at.Position.Line, at.Position.Column, at.Path, message, hint));

    private T? Convert<T>(HoconValue value, Func<HoconValue, T> convert)
    {
        try
        {
            return convert(value);
        }
        catch (HoconException error)
        {
            _diagnostics.Add(new TopologyDiagnostic(
                error.Position.File, error.Position.Line, error.Position.Column, error.KeyPath, error.Reason, error.Hint));
            return default;
        }
    }
}
