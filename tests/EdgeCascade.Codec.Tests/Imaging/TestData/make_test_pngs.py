# Builds reference PNGs for the reader tests: PIL for standard modes, a hand-rolled encoder (all five
# filters, Adam7, 16-bit RGB) for what PIL cannot write. Expected pixels are written as raw RGB (.rgb).
import numpy as np, zlib, struct
from PIL import Image
rng = np.random.default_rng(42)
W, H = 13, 11

def save_expected(name, rgb):
    open(name + '.rgb', 'wb').write(np.asarray(rgb, dtype=np.uint8).tobytes())

def s16(v): return (v.astype(np.int64) * 255 + 32767) // 65535

# palette 8-bit and 4-bit
pal = rng.integers(0, 256, (16, 3), dtype=np.uint8)
idx = rng.integers(0, 16, (H, W), dtype=np.uint8)
im = Image.fromarray(idx, 'P'); im.putpalette(pal.flatten().tolist())
im.save('palette4.png', bits=4); save_expected('palette4', pal[idx])
pal8 = rng.integers(0, 256, (256, 3), dtype=np.uint8)
idx8 = rng.integers(0, 256, (H, W), dtype=np.uint8)
im8 = Image.fromarray(idx8, 'P'); im8.putpalette(pal8.flatten().tolist())
im8.save('palette8.png', optimize=False); save_expected('palette8', pal8[idx8])
# 16-bit gray
g16 = rng.integers(0, 65536, (H, W), dtype=np.uint16)
Image.fromarray(g16.astype('<u2'), 'I;16').save('gray16.png')
g8 = s16(g16); save_expected('gray16', np.stack([g8]*3, -1))
# gray + alpha
la = rng.integers(0, 256, (H, W, 2), dtype=np.uint8)
Image.fromarray(la, 'LA').save('grayalpha.png'); save_expected('grayalpha', np.stack([la[..., 0]]*3, -1))
# RGBA
rgba = rng.integers(0, 256, (H, W, 4), dtype=np.uint8)
Image.fromarray(rgba, 'RGBA').save('rgba.png'); save_expected('rgba', rgba[..., :3])
# 1-bit
bits = rng.integers(0, 2, (H, W)).astype(bool)
Image.fromarray(bits).save('gray1.png'); save_expected('gray1', np.stack([bits.astype(np.uint8) * 255]*3, -1))

def paeth(a, b, c):
    p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)

def filt(rows, bpp):
    out = b''; prev = bytes(len(rows[0]))
    for r, row in enumerate(rows):
        f = r % 5; o = bytearray([f])
        for i in range(len(row)):
            a = row[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
            pred = [0, a, b, (a + b) // 2, paeth(a, b, c)][f]
            o.append((row[i] - pred) & 255)
        out += bytes(o); prev = row
    return out

def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)

def png(name, w, h, depth, ctype, interlace, raw):
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, ctype, 0, 0, interlace))
    data += chunk(b'tEXt', b'Comment\x00hand-built test image')
    z = zlib.compress(raw, 9)
    data += chunk(b'IDAT', z[:len(z)//2]) + chunk(b'IDAT', z[len(z)//2:]) + chunk(b'IEND', b'')
    open(name + '.png', 'wb').write(data)

# 16-bit RGB, all filters
rgb16 = rng.integers(0, 65536, (H, W, 3), dtype=np.uint16)
rows = [rgb16[y].astype('>u2').tobytes() for y in range(H)]
png('rgb16filters', W, H, 16, 2, 0, filt(rows, 6)); save_expected('rgb16filters', s16(rgb16))
# 8-bit RGB smooth image, all filters
yy, xx = np.mgrid[0:H, 0:W]
rgb8 = np.stack([(xx * 19) % 256, (yy * 23) % 256, (xx * yy * 7) % 256], -1).astype(np.uint8)
rgb8[3:6, 4:9] = rng.integers(0, 256, (3, 5, 3))
png('rgb8filters', W, H, 8, 2, 0, filt([rgb8[y].tobytes() for y in range(H)], 3)); save_expected('rgb8filters', rgb8)
# Adam7 interlaced 8-bit RGB
passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
raw = b''
for (x0, y0, dx, dy) in passes:
    sub = rgb8[y0::dy, x0::dx]
    if sub.shape[0] == 0 or sub.shape[1] == 0: continue
    raw += filt([sub[y].tobytes() for y in range(sub.shape[0])], 3)
png('adam7', W, H, 8, 2, 1, raw); save_expected('adam7', rgb8)
# Adam7 on a 1x1 and 3x2 image (empty passes)
tiny = rgb8[:2, :3]
raw = b''
for (x0, y0, dx, dy) in passes:
    sub = tiny[y0::dy, x0::dx]
    if sub.shape[0] == 0 or sub.shape[1] == 0: continue
    raw += filt([sub[y].tobytes() for y in range(sub.shape[0])], 3)
png('adam7tiny', 3, 2, 8, 2, 1, raw); save_expected('adam7tiny', tiny)
