"""Pure-Python rANS64 (32-bit words, 16-bit precision) with CompressAI's escape/bypass (CompressAI's rANS coder (ryg_rans rans64)).
Used for fixture byte lengths and round-trip checks; slow, meant for small tensors."""
import numpy as np

L = 1 << 31
PREC = 16
BYP = 4
MAXB = (1 << BYP) - 1
M32 = 0xFFFFFFFF


def _syms(symbols, indexes, cdfs, cdf_lengths, offsets):
    out = []  # (start, range, bypass)
    for s, idx in zip(symbols, indexes):
        cdf = cdfs[idx]
        max_value = int(cdf_lengths[idx]) - 2
        value = int(s) - int(offsets[idx])
        raw = 0
        if value < 0:
            raw = -2 * value - 1
            value = max_value
        elif value >= max_value:
            raw = 2 * (value - max_value)
            value = max_value
        out.append((int(cdf[value]), int(cdf[value + 1]) - int(cdf[value]), False))
        if value == max_value:
            nb = 0
            while (raw >> (nb * BYP)) != 0:
                nb += 1
            v = nb
            while v >= MAXB:
                out.append((MAXB, 1, True))
                v -= MAXB
            out.append((v, 1, True))
            for j in range(nb):
                out.append(((raw >> (j * BYP)) & MAXB, 1, True))
    return out


def encode(symbols, indexes, cdfs, cdf_lengths, offsets):
    """returns bytes (little-endian uint32 words), like CompressAI's BufferedRansEncoder.flush()."""
    syms = _syms(list(symbols), list(indexes), cdfs, cdf_lengths, offsets)
    x = L
    words = []  # emitted in reverse order
    for start, rng, byp in reversed(syms):
        if not byp:
            x_max = ((L >> PREC) << 32) * rng
            if x >= x_max:
                words.append(x & M32)
                x >>= 32
            x = ((x // rng) << PREC) + (x % rng) + start
        else:
            freq = 1 << (PREC - BYP)
            x_max = ((L >> PREC) << 32) * freq
            if x >= x_max:
                words.append(x & M32)
                x >>= 32
            x = (x << BYP) | start
    words.append(x >> 32)
    words.append(x & M32)  # flush: low word ends up at the lower address
    stream = np.array(words[::-1], dtype="<u4")
    return stream.tobytes()


def decode(data, indexes, cdfs, cdf_lengths, offsets):
    w = np.frombuffer(data, dtype="<u4").astype(np.uint64).tolist()
    pos = 0
    x = int(w[0]) | (int(w[1]) << 32)
    pos = 2
    out = []

    def get_bits(n):
        nonlocal x, pos
        v = x & ((1 << n) - 1)
        x >>= n
        if x < L:
            x = ((x << 32) | int(w[pos])) & ((1 << 64) - 1)
            pos += 1
        return v

    for idx in indexes:
        cdf = cdfs[idx]
        max_value = int(cdf_lengths[idx]) - 2
        cum = x & ((1 << PREC) - 1)
        s = 0
        while int(cdf[s + 1]) <= cum:
            s += 1
        start, freq = int(cdf[s]), int(cdf[s + 1]) - int(cdf[s])
        x = freq * (x >> PREC) + (x & ((1 << PREC) - 1)) - start
        if x < L:
            x = (x << 32) | int(w[pos])
            pos += 1
        value = s
        if value == max_value:
            v = get_bits(BYP)
            nb = v
            while v == MAXB:
                v = get_bits(BYP)
                nb += v
            raw = 0
            for j in range(nb):
                raw |= get_bits(BYP) << (j * BYP)
            value = raw >> 1
            if raw & 1:
                value = -value - 1
            else:
                value += max_value
        out.append(value + int(offsets[idx]))
    return out
