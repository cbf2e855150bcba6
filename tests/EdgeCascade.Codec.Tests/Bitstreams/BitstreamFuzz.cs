namespace EdgeCascade.Codec.Tests.Bitstreams;

/// <summary>Seeded mutations for container fuzz tests: bit flips, byte overwrites, truncation, extension.</summary>
internal static class BitstreamFuzz
{
    public static byte[] Mutate(Random random, byte[] valid)
    {
        byte[] input = (byte[])valid.Clone();
        switch (random.Next(5))
        {
            case 0:
                for (int flips = random.Next(1, 5); flips > 0; flips--)
                {
                    input[random.Next(input.Length)] ^= (byte)(1 << random.Next(8));
                }

                break;
            case 1:
                // Header region, where lengths and sizes live.
                input[random.Next(Math.Min(24, input.Length))] = (byte)random.Next(256);
                break;
            case 2:
                input = input.AsSpan(0, random.Next(input.Length)).ToArray();
                break;
            case 3:
                Array.Resize(ref input, input.Length + random.Next(1, 16));
                break;
            default:
                input = new byte[random.Next(0, 64)];
                random.NextBytes(input);
                if (input.Length >= 5 && random.Next(2) == 0)
                {
                    valid.AsSpan(0, 5).CopyTo(input);
                }

                break;
        }

        return input;
    }
}
