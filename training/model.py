"""EdgeCascade ec-mshp-v1 level model and HCF transforms (see models/ARCHITECTURE.md).

Own implementation of the CompressAI semantics described in CompressAI's entropy models and CDF tables:
GDN with non-negative reparametrisation, EntropyBottleneck (factorized density, quantiles,
aux loss), GaussianConditional (mean-scale), pmf -> 16-bit quantized CDF.
"""
import math
import os
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# The shipped levels, lowest quality first. Levels 5..9 are CompressAI's q1..q5; every step below q1 halves lambda
# so the family reaches ~0.05 bpp, where a learned codec gains the most over JPEG and where thin edge links need it.
# Level 1 takes a further half step (0.0001125 / sqrt(2)) since v9: at 0.0001125 it stopped at 0.055 bpp on data/eval.
LAMBDAS = [0.0000795, 0.000225, 0.00045, 0.0009, 0.0018, 0.0035, 0.0067, 0.0130, 0.0250]
K = len(LAMBDAS)  # every level is fine-tuned from its upper neighbour; level K from the training root below
# The training chain starts one step above the shipped top, at CompressAI's q6: level K+1 is trained from scratch
# (block-KLT init, klt.py) and only serves to fine-tune level K. It is not shipped: at M=192 a level's weights take
# 3.6 MB, and ten levels with their transforms would pass the 40 MB budget. 0 = no root (level K from scratch).
ROOT_LAMBDA = 0.0483
N_DEFAULT = 48
# M = 4N = 192: the width the KLT init needs (a 2x2 neighbourhood of 48 coefficients of 8x8 blocks). v3/v4 had
# M = 48..64, which capped the top level's unquantized autoencoder near 30 dB (training/README.md, "Latent width").
M_WIDTH = 192
# Trial families (train_all.sh with EC_CKPT side directories) may set other lambdas (lowest first), root and width.
if os.environ.get("EC_LAMBDAS"):
    LAMBDAS = [float(v) for v in os.environ["EC_LAMBDAS"].split(",")]
    K = len(LAMBDAS)
ROOT_LAMBDA = float(os.environ.get("EC_ROOT_LAMBDA", ROOT_LAMBDA))
M_WIDTH = int(os.environ.get("EC_M", M_WIDTH))
TRAIN_LAMBDAS = LAMBDAS + ([ROOT_LAMBDA] if ROOT_LAMBDA > 0 else [])  # the chain train_all.sh trains, top = root
M_DEFAULT = [M_WIDTH] * len(TRAIN_LAMBDAS)
PHI_WIDTH = 48
SCALE_MIN, SCALE_MAX, SCALE_LEVELS = 0.11, 256.0, 64
PRECISION = 16


# ---------------------------------------------------------------- helpers
class _LowerBoundFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, bound):
        ctx.save_for_backward(x, bound)
        return torch.max(x, bound)

    @staticmethod
    def backward(ctx, g):
        x, bound = ctx.saved_tensors
        pass_through = (x >= bound) | (g < 0)
        return pass_through.type(g.dtype) * g, None


def lower_bound(x, b):
    return _LowerBoundFn.apply(x, torch.as_tensor(b, dtype=x.dtype, device=x.device))


def ste_round(x):
    return torch.round(x) - x.detach() + x


class NonNegParam(nn.Module):
    """CompressAI-style non-negative reparametrisation: value = max(p, bound)^2 - pedestal."""

    def __init__(self, minimum=0.0, reparam_offset=2 ** -18):
        super().__init__()
        self.pedestal = reparam_offset ** 2
        self.bound = (minimum + self.pedestal) ** 0.5

    def init(self, x):
        return torch.sqrt(torch.clamp(x + self.pedestal, min=self.pedestal))

    def forward(self, p):
        return lower_bound(p, self.bound) ** 2 - self.pedestal


class GDN(nn.Module):
    def __init__(self, c, inverse=False, beta_min=1e-6, gamma_init=0.1):
        super().__init__()
        self.inverse = inverse
        self.beta_reparam = NonNegParam(minimum=beta_min)
        self.gamma_reparam = NonNegParam()
        self.beta = nn.Parameter(self.beta_reparam.init(torch.ones(c)))
        self.gamma = nn.Parameter(self.gamma_reparam.init(gamma_init * torch.eye(c)))

    def effective(self):
        return self.beta_reparam(self.beta), self.gamma_reparam(self.gamma)

    def forward(self, x):
        beta, gamma = self.effective()
        c = x.shape[1]
        norm = F.conv2d(x * x, gamma.view(c, c, 1, 1), beta)
        norm = torch.sqrt(norm)
        return x * norm if self.inverse else x / norm


def conv(i, o, k=5, s=2):
    return nn.Conv2d(i, o, k, stride=s, padding=k // 2)


def subpel(i, o):
    # 3x3 conv to 4*o channels + PixelShuffle(2): two modules (indices matter for names)
    return [nn.Conv2d(i, o * 4, 3, padding=1), nn.PixelShuffle(2)]


# ---------------------------------------------------------------- entropy models
class EntropyBottleneck(nn.Module):
    def __init__(self, c, tail_mass=1e-9, init_scale=10.0, filters=(3, 3, 3, 3)):
        super().__init__()
        self.c = c
        self.tail_mass = tail_mass
        f = (1,) + tuple(filters) + (1,)
        scale = init_scale ** (1 / (len(filters) + 1))
        self.matrices = nn.ParameterList()
        self.biases = nn.ParameterList()
        self.factors = nn.ParameterList()
        for i in range(len(filters) + 1):
            init = math.log(math.expm1(1 / scale / f[i + 1]))
            self.matrices.append(nn.Parameter(torch.full((c, f[i + 1], f[i]), init)))
            self.biases.append(nn.Parameter(torch.rand(c, f[i + 1], 1) - 0.5))
            if i < len(filters):
                self.factors.append(nn.Parameter(torch.zeros(c, f[i + 1], 1)))
        self.quantiles = nn.Parameter(torch.tensor([-init_scale, 0, init_scale]).repeat(c, 1, 1))
        t = math.log(2 / tail_mass - 1)
        self.register_buffer("target", torch.tensor([-t, 0, t]))

    def logits_cumulative(self, x, stop_gradient=False):
        # x: (C, 1, B)
        for i in range(len(self.matrices)):
            m = self.matrices[i]
            b = self.biases[i]
            if stop_gradient:
                m, b = m.detach(), b.detach()
            x = torch.matmul(F.softplus(m), x) + b
            if i < len(self.factors):
                a = self.factors[i]
                if stop_gradient:
                    a = a.detach()
                x = x + torch.tanh(a) * torch.tanh(x)
        return x

    @torch.no_grad()
    def update_quantiles(self, lo=-1e4, hi=1e4, iters=60):
        """set quantiles exactly (bisection on the monotone cumulative logits) instead of relying on the
        aux-loss optimisation having converged (cf. CompressAI _update_quantiles)."""
        C = self.c
        dev = self.quantiles.device  # the bisection runs where the density's parameters are
        q = torch.empty(C, 1, 3, device=dev)
        for j, t in enumerate(self.target.tolist()):
            a = torch.full((C, 1, 1), lo, device=dev)
            b = torch.full((C, 1, 1), hi, device=dev)
            for _ in range(iters):
                mid = (a + b) / 2
                v = self.logits_cumulative(mid, stop_gradient=True)
                below = v < t
                a = torch.where(below, mid, a)
                b = torch.where(below, b, mid)
            q[:, :, j] = ((a + b) / 2)[:, :, 0]
        self.quantiles.data.copy_(q)

    def medians(self):
        return self.quantiles[:, 0, 1].detach()

    def aux_loss(self):
        logits = self.logits_cumulative(self.quantiles, stop_gradient=True)
        return torch.abs(logits - self.target).sum()

    def likelihood(self, v):
        # v: (B, C, H, W) -> likelihood per element
        B, C, H, W = v.shape
        x = v.permute(1, 0, 2, 3).reshape(C, 1, -1)
        lower = self.logits_cumulative(x - 0.5)
        upper = self.logits_cumulative(x + 0.5)
        sign = -torch.sign(lower + upper).detach()
        lik = torch.abs(torch.sigmoid(sign * upper) - torch.sigmoid(sign * lower))
        lik = lower_bound(lik, 1e-9)
        return lik.reshape(C, B, H, W).permute(1, 0, 2, 3)

    def forward(self, z, training=True):
        """returns (z_hat for h_s, likelihoods). Mixed quantization when training."""
        med = self.medians().view(1, -1, 1, 1)
        if training:
            z_noisy = z + torch.empty_like(z).uniform_(-0.5, 0.5)
            lik = self.likelihood(z_noisy)
            z_hat = ste_round(z - med) + med
        else:
            z_hat = torch.round(z - med) + med
            lik = self.likelihood(z_hat)
        return z_hat, lik

    @torch.no_grad()
    def build_tables(self):
        q = self.quantiles.detach()
        medians = q[:, 0, 1]
        minima = torch.clamp(torch.ceil(medians - q[:, 0, 0]).int(), min=0)
        maxima = torch.clamp(torch.ceil(q[:, 0, 2] - medians).int(), min=0)
        offset = -minima
        pmf_start = medians - minima
        pmf_length = maxima + minima + 1
        max_length = int(pmf_length.max().item())
        samples = torch.arange(max_length, dtype=torch.float32, device=q.device)[None, None, :] + pmf_start[:, None, None]
        lower = self.logits_cumulative(samples - 0.5, stop_gradient=True)
        upper = self.logits_cumulative(samples + 0.5, stop_gradient=True)
        sign = -torch.sign(lower + upper)
        pmf = torch.abs(torch.sigmoid(sign * upper) - torch.sigmoid(sign * lower))[:, 0, :]
        tail = torch.sigmoid(lower[:, 0, :1]) + torch.sigmoid(-upper[:, 0, -1:])
        # the tables are built and returned on the CPU (numpy, the exported format) wherever the model runs
        cdf, cdf_len = pmf_to_cdf_table(pmf.cpu(), tail[:, 0].cpu(), pmf_length.cpu(), max_length)
        return dict(medians=medians.float().cpu(), quantized_cdf=cdf, cdf_length=cdf_len,
                    offset=offset.int().cpu())


def scale_table():
    return torch.exp(torch.linspace(math.log(SCALE_MIN), math.log(SCALE_MAX), SCALE_LEVELS))


def std_cdf(x):
    return 0.5 * torch.erfc(-x * (2 ** -0.5))


class GaussianConditional(nn.Module):
    def __init__(self, tail_mass=1e-9):
        super().__init__()
        self.tail_mass = tail_mass
        self.register_buffer("scale_table", scale_table())

    def likelihood(self, v, scales):
        # v = y - means
        scales = lower_bound(scales, SCALE_MIN)
        v = torch.abs(v)
        upper = std_cdf((0.5 - v) / scales)
        lower = std_cdf((-0.5 - v) / scales)
        return lower_bound(upper - lower, 1e-9)

    def forward(self, y, scales, means, training=True):
        if training:
            noisy = y + torch.empty_like(y).uniform_(-0.5, 0.5)
            lik = self.likelihood(noisy - means, scales)
            y_hat = ste_round(y - means) + means
        else:
            y_hat = torch.round(y - means) + means
            lik = self.likelihood(y_hat - means, scales)
        return y_hat, lik

    def build_indexes(self, scales):
        scales = torch.clamp(scales, min=SCALE_MIN)
        idx = torch.full(scales.shape, SCALE_LEVELS - 1, dtype=torch.int32, device=scales.device)
        for s in self.scale_table[:-1]:
            idx -= (scales <= s).int()
        return idx

    @torch.no_grad()
    def build_tables(self):
        # multiplier = -Phi^-1(tail/2); computed like CompressAI via scipy-free erfinv
        mult = -float(math.sqrt(2) * torch.erfinv(torch.tensor(2 * (self.tail_mass / 2) - 1, dtype=torch.float64)))
        st32 = self.scale_table.float().cpu()  # tables are CPU/numpy data wherever the model runs
        center = torch.ceil(st32 * mult).int()
        pmf_length = 2 * center + 1
        max_length = int(pmf_length.max().item())
        samples = torch.abs(torch.arange(max_length).int()[None, :] - center[:, None]).float()
        sc = st32[:, None]
        upper = std_cdf((0.5 - samples) / sc)
        lower = std_cdf((-0.5 - samples) / sc)
        pmf = upper - lower
        tail = 2 * lower[:, 0]
        cdf, cdf_len = pmf_to_cdf_table(pmf, tail, pmf_length, max_length)
        return dict(scale_table=st32, quantized_cdf=cdf, cdf_length=cdf_len, offset=(-center).int())


# ---------------------------------------------------------------- pmf -> quantized cdf (CompressAI's pmf_to_quantized_cdf)
def _round_half_away(x):
    r = np.trunc(x)
    return r + ((x - r) >= 0.5)


def pmf_to_quantized_cdf(pmf, precision=PRECISION):
    """pmf: 1-D float32 array (pmf entries + tail). Returns python list of len(pmf)+1 ints."""
    pmf = np.asarray(pmf, dtype=np.float32)
    scaled = pmf * np.float32(1 << precision)  # float32 like the C++ float * int
    freq = [int(v) for v in _round_half_away(scaled.astype(np.float64))]
    cdf = [0] + freq
    total = sum(cdf)
    cdf = [((1 << precision) * p) // total for p in cdf]
    for i in range(1, len(cdf)):
        cdf[i] += cdf[i - 1]
    cdf[-1] = 1 << precision
    n = len(cdf)
    for i in range(n - 1):
        if cdf[i] == cdf[i + 1]:
            best_freq = None
            best_steal = -1
            for j in range(n - 1):
                f = cdf[j + 1] - cdf[j]
                if f > 1 and (best_freq is None or f < best_freq):
                    best_freq = f
                    best_steal = j
            assert best_steal != -1
            if best_steal < i:
                for j in range(best_steal + 1, i + 1):
                    cdf[j] -= 1
            else:
                assert best_steal > i
                for j in range(i + 1, best_steal + 1):
                    cdf[j] += 1
    return cdf


def pmf_to_cdf_table(pmf, tail, pmf_length, max_length):
    rows = pmf.shape[0]
    table = torch.zeros(rows, max_length + 2, dtype=torch.int32)
    for i in range(rows):
        L = int(pmf_length[i])
        p = torch.cat([pmf[i, :L], tail[i:i + 1]]).float().numpy()
        c = pmf_to_quantized_cdf(p)
        table[i, :len(c)] = torch.tensor(c, dtype=torch.int32)
    return table, (pmf_length + 2).int()


# ---------------------------------------------------------------- level model
class LevelModel(nn.Module):
    def __init__(self, N=N_DEFAULT, M=96):
        super().__init__()
        self.N, self.M = N, M
        self.g_a = nn.Sequential(conv(3, N), GDN(N), conv(N, N), GDN(N), conv(N, N), GDN(N), conv(N, M))
        self.g_s = nn.Sequential(*subpel(M, N), GDN(N, inverse=True), *subpel(N, N), GDN(N, inverse=True),
                                 *subpel(N, N), GDN(N, inverse=True), *subpel(N, 3))
        self.h_a = nn.Sequential(conv(M, N, 3, 1), nn.LeakyReLU(0.01), conv(N, N, 5, 2), nn.LeakyReLU(0.01),
                                 conv(N, N, 5, 2))
        self.h_s = nn.Sequential(*subpel(N, N), nn.LeakyReLU(0.01), *subpel(N, N), nn.LeakyReLU(0.01),
                                 nn.Conv2d(N, 2 * M, 3, padding=1))
        self.entropy_bottleneck = EntropyBottleneck(N)
        self.gaussian_conditional = GaussianConditional()

    def entropy_params(self, z_hat):
        p = self.h_s(z_hat)
        scales, means = p[:, :self.M], p[:, self.M:]
        return scales, means

    def code_latent(self, y, training=True):
        """rate path of level k applied to latent y: returns y_hat, lik_y, lik_z, extras"""
        z = self.h_a(y)
        z_hat, lik_z = self.entropy_bottleneck(z, training)
        scales, means = self.entropy_params(z_hat)
        y_hat, lik_y = self.gaussian_conditional(y, scales, means, training)
        return y_hat, lik_y, lik_z, dict(z=z, z_hat=z_hat, scales=scales, means=means)

    def forward(self, x, training=True):
        y = self.g_a(x)
        y_hat, lik_y, lik_z, ex = self.code_latent(y, training)
        x_hat = self.g_s(y_hat)
        ex["y"] = y
        ex["y_hat"] = y_hat
        return x_hat, lik_y, lik_z, ex

    def aux_loss(self):
        return self.entropy_bottleneck.aux_loss()


def pad64(x):
    H, W = x.shape[-2:]
    ph, pw = (-H) % 64, (-W) % 64
    return F.pad(x, (0, pw, 0, ph)), (H, W)


def rd_loss(x, x_hat, lik_y, lik_z, lam):
    npix = x.shape[0] * x.shape[2] * x.shape[3]
    bpp = (torch.log(lik_y).sum() + torch.log(lik_z).sum()) / (-math.log(2) * npix)
    mse = F.mse_loss(x_hat, x)
    return lam * 255 ** 2 * mse + bpp, bpp, mse


def init_from_upper(lower, upper, gain=1.0):
    """Copy weights of the upper level into the lower one; slice latent channels when M shrinks.
    gain s > 1 reparametrises the latent as y' = y / s (g_a.6 / s, g_s.0 * s, h_a.0 * s, h_s.6 / s): the same
    continuous model, but a quantization step s times coarser in the old units, i.e. a lower-rate starting
    point. High-rate theory gives step ~ 1/sqrt(lambda), so s = sqrt(lambda_upper / lambda_lower)."""
    sd_u = upper.state_dict()
    sd_l = lower.state_dict()
    Mu, Ml = upper.M, lower.M
    for k, v in sd_l.items():
        u = sd_u[k]
        if u.shape == v.shape:
            sd_l[k] = u.clone()
            continue
        if k in ("g_a.6.weight", "g_a.6.bias"):
            sd_l[k] = u[:Ml].clone()
        elif k == "g_s.0.weight":
            sd_l[k] = u[:, :Ml].clone()
        elif k == "h_a.0.weight":
            sd_l[k] = u[:, :Ml].clone()
        elif k in ("h_s.6.weight", "h_s.6.bias"):
            sd_l[k] = torch.cat([u[:Ml], u[Mu:Mu + Ml]], 0).clone()
        else:
            raise RuntimeError("cannot map %s %s -> %s" % (k, tuple(u.shape), tuple(v.shape)))
    if gain != 1.0:
        for k in ("g_a.6.weight", "g_a.6.bias", "h_s.6.weight", "h_s.6.bias"):
            sd_l[k] = sd_l[k] / gain
        for k in ("g_s.0.weight", "h_a.0.weight"):
            sd_l[k] = sd_l[k] * gain
    lower.load_state_dict(sd_l)


# ---------------------------------------------------------------- HCF transform
class ResidualGdn(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1)
        self.gdn = GDN(c)

    def forward(self, x):
        return x + self.gdn(self.conv2(F.leaky_relu(self.conv1(x), 0.01)))


class ResidualLrelu(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return x + F.leaky_relu(self.conv2(F.leaky_relu(self.conv1(x), 0.01)), 0.01)


class ResidualUnit(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(c, c // 2, 1), nn.ReLU(), nn.Conv2d(c // 2, c // 2, 3, padding=1),
                                  nn.ReLU(), nn.Conv2d(c // 2, c, 1))

    def forward(self, x):
        return F.relu(x + self.conv(x))


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv_a = nn.Sequential(ResidualUnit(c), ResidualUnit(c), ResidualUnit(c))
        self.conv_b = nn.Sequential(ResidualUnit(c), ResidualUnit(c), ResidualUnit(c), nn.Conv2d(c, c, 1))

    def forward(self, x):
        return self.conv_a(x) * torch.sigmoid(self.conv_b(x)) + x


class Phi(nn.Module):
    def __init__(self, m_in, m_out, w=PHI_WIDTH):
        super().__init__()
        self.skip = nn.Conv2d(m_in, m_out, 1)
        self.body = nn.Sequential(nn.Conv2d(m_in, w, 1), ResidualGdn(w), Attention(w), ResidualLrelu(w),
                                  nn.Conv2d(w, m_out, 1))
        # start near the linear map: last conv of the body small
        nn.init.normal_(self.body[4].weight, std=1e-3)
        nn.init.zeros_(self.body[4].bias)

    def forward(self, x):
        return self.skip(x) + self.body(x)


def round_weights_f16(model):
    """Round conv weights/biases to F16 in place (what gets exported)."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith(".weight") or name.endswith(".bias"):
                if "entropy_bottleneck" in name:
                    continue
                p.copy_(p.half().float())
