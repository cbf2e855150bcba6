using System.Diagnostics;
using System.Text;
using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Topologies.Tests.Hocon;

/// <summary>
/// Seeded random mutations of valid files: every input must either load or throw
/// <see cref="HoconException"/>, never another exception, and must finish quickly.
/// </summary>
public sealed class HoconFuzzTests
{
    private const int MaxInputLength = 6000;

    private static readonly string[] s_insertions =
    [
        "{", "}", "[", "]", ",", ":", "=", "+=", "\"", "\"\"\"", "${", "${?", "}", "\n", " ", "\t", "#", "//",
        ".", "\\", "\\u", "$", "+", "?", "a", "1", "-", "e", "10 Mbps", "include ", "include \"x\"", "required(", ")", "null", "true",
    ];

    private static readonly string[] s_snippets =
    [
        "a = 1\nb = ${a}\nc = ${?b} [1]\nd.e.f = \"x\"\ng += 2\ng += 3\nh = \"\"\"t\"q\"\"\"\ni { j = ${d} { k = 2 } }",
        "path = [a]\npath = ${path} [b]\nx = ${path}\nlink { bandwidth = 20 Mbps, latency = 5ms, size = 64KiB }",
        "bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }\nfoo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }",
    ];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void LoadString_RandomMutations_ParseOrThrowHoconException(int seed)
    {
        var random = new Random(seed);
        List<string> corpus = LoadCorpus();
        using var empty = new TempDirectory();
        var options = new HoconLoadOptions { Environment = name => name == "HOME" ? "/home/fuzz" : null, MaxIncludeDepth = 4 };
        var total = Stopwatch.StartNew();
        int loaded = 0;
        for (int iteration = 0; iteration < 400; iteration++)
        {
            string input = Mutate(corpus[random.Next(corpus.Count)], random);
            var one = Stopwatch.StartNew();
            try
            {
                HoconObject config = HoconLoader.LoadString(input, "fuzz.conf", options: options, baseDirectory: empty.Path);
                _ = config.ToJson();
                Exercise(config);
                loaded++;
            }
            catch (HoconException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Hint), $"empty hint for: {e.Message}");
                Assert.DoesNotContain('\n', e.Message);
                Assert.StartsWith(e.Position.ToString(), e.Message, StringComparison.Ordinal);
                Assert.True(e.Position.Line >= 0 && e.Position.Column >= 0);
            }
            catch (Exception e)
            {
                Assert.Fail($"seed {seed} iteration {iteration}: {e.GetType().Name}: {e.Message}\ninput:\n{input}");
            }

            Assert.True(one.ElapsedMilliseconds < 2000, $"seed {seed} iteration {iteration} took {one.ElapsedMilliseconds} ms");
        }

        Assert.True(loaded > 0, "some mutated inputs should still load");
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(30));
    }

    private static void Exercise(HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                foreach (string key in obj.Keys)
                {
                    Exercise(obj[key]);
                }

                break;
            case HoconArray array:
                foreach (HoconValue item in array.Items)
                {
                    Exercise(item);
                }

                break;
            default:
                Func<HoconValue, object>[] conversions =
                [
                    v => v.AsString(), v => v.AsInt(), v => v.AsLong(), v => v.AsDouble(), v => v.AsBool(),
                    v => v.AsDuration(), v => v.AsBytes(), v => v.AsBitsPerSecond(), v => v.AsFlops(),
                ];
                foreach (Func<HoconValue, object> convert in conversions)
                {
                    try
                    {
                        convert(value);
                    }
                    catch (HoconException)
                    {
                        // Expected for values of the wrong type.
                    }
                }

                break;
        }
    }

    private static string Mutate(string seed, Random random)
    {
        var text = new StringBuilder(seed.Length > MaxInputLength ? seed[..MaxInputLength] : seed);
        int mutations = random.Next(1, 6);
        for (int m = 0; m < mutations; m++)
        {
            int position = text.Length == 0 ? 0 : random.Next(text.Length);
            switch (random.Next(5))
            {
                case 0:
                    text.Remove(position, Math.Min(random.Next(1, 8), text.Length - position));
                    break;
                case 1:
                    text.Insert(position, s_insertions[random.Next(s_insertions.Length)]);
                    break;
                case 2:
                    int length = Math.Min(random.Next(1, 40), text.Length - position);
                    if (text.Length + length <= MaxInputLength)
                    {
                        text.Insert(random.Next(text.Length + 1), text.ToString(position, length));
                    }

                    break;
                case 3:
                    if (text.Length > 0)
                    {
                        text[position] = (char)random.Next(32, 127);
                    }

                    break;
                default:
                    if (text.Length > 0)
                    {
                        int other = random.Next(text.Length);
                        (text[position], text[other]) = (text[other], text[position]);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    private static List<string> LoadCorpus()
    {
        var corpus = new List<string>(s_snippets);
        foreach (string file in Directory.GetFiles(ConformanceFiles.Directory, "*.conf", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            corpus.Add(File.ReadAllText(file));
        }

        return corpus;
    }
}
