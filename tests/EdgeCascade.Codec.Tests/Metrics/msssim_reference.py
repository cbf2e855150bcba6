# Run with /usr/bin/python3 (torch); prints the expected values pinned in PsnrTests and MsSsimTests.
# Reference MS-SSIM / PSNR with torch float64, following pytorch_msssim's ms_ssim (valid gaussian filter,
# avg_pool2d with padding = size % 2) and CompressAI's psnr, for the deterministic image pair used in tests.
import torch, torch.nn.functional as F, math, numpy as np
def pair(w, h):
    a = np.zeros((h, w, 3), np.int64); b = np.zeros((h, w, 3), np.int64); state = 12345
    for y in range(h):
        for x in range(w):
            for c in range(3):
                v = (x * 7 + y * 13 + c * 50 + ((x * y) % 17) * 3) % 256
                state = (state * 1103515245 + 12345) % (1 << 31)
                n = (state >> 16) % 41 - 20
                a[y, x, c] = v; b[y, x, c] = min(255, max(0, v + n))
    return a, b
def gwin(size=11, sigma=1.5):
    coords = torch.arange(size, dtype=torch.float64) - size // 2
    g = torch.exp(-(coords ** 2) / (2 * sigma ** 2)); return (g / g.sum())
def gf(x, win):
    C = x.shape[1]
    out = F.conv2d(x, win.view(1, 1, -1, 1).repeat(C, 1, 1, 1), groups=C)
    return F.conv2d(out, win.view(1, 1, 1, -1).repeat(C, 1, 1, 1), groups=C)
def ssim(X, Y, win, L=255.0):
    C1, C2 = (0.01 * L) ** 2, (0.03 * L) ** 2
    mu1, mu2 = gf(X, win), gf(Y, win)
    s1 = gf(X * X, win) - mu1 ** 2; s2 = gf(Y * Y, win) - mu2 ** 2; s12 = gf(X * Y, win) - mu1 * mu2
    cs = (2 * s12 + C2) / (s1 + s2 + C2); sm = ((2 * mu1 * mu2 + C1) / (mu1 ** 2 + mu2 ** 2 + C1)) * cs
    return sm.flatten(2).mean(-1), cs.flatten(2).mean(-1)
def msssim(X, Y):
    w = torch.tensor([0.0448, 0.2856, 0.3001, 0.2363, 0.1333], dtype=torch.float64); win = gwin(); mcs = []
    for i in range(5):
        s, cs = ssim(X, Y, win)
        if i < 4:
            mcs.append(torch.relu(cs)); pad = [d % 2 for d in X.shape[2:]]
            X = F.avg_pool2d(X, 2, padding=pad); Y = F.avg_pool2d(Y, 2, padding=pad)
    s = torch.relu(s); v = torch.stack(mcs + [s], 0)
    return torch.prod(v ** w.view(-1, 1, 1), 0).mean().item()
for (w, h) in [(203, 171), (256, 192)]:
    a, b = pair(w, h)
    A = torch.tensor(a, dtype=torch.float64).permute(2, 0, 1)[None]; B = torch.tensor(b, dtype=torch.float64).permute(2, 0, 1)[None]
    mse = ((A - B) ** 2).mean().item()
    m = msssim(A, B)
    print(w, h, 'psnr', repr(20 * math.log10(255) - 10 * math.log10(mse)), 'msssim', repr(m), 'db', repr(-10 * math.log10(1 - m)))
