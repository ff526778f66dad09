#!/usr/bin/python3
"""Reference posteriors of the vendored BLR data sets, by long Hamiltonian Monte Carlo.

For each data set in data/ (breast_cancer, sonar, ionosphere) this script builds the same
posterior as the engine (src/engine/targets/blr): the stratified seeded 80/20 split
(mulberry32, transcribed bit for bit from split.ts), every feature standardised with the mean
and population sd of the training rows (constant columns dropped), no intercept, prior
N(0, 5^2 I), and log pi(w) = sum_n [y_n z_n - softplus(z_n)] - ||w||^2 / 50 on the training rows.

Sampler (written here, NumPy only; Debian's python3-numpy and python3-scipy, no PyPI):
  - The Laplace approximation (Newton to the mode, H^-1) gives the starting metric and
    over-dispersed starting points: mode + 2 L xi, one per chain.
  - Static HMC in whitened coordinates w = L z (L the Cholesky factor of the metric), all chains
    advanced together; each iteration draws one step size eps * U(0.8, 1.2) and a path length
    T * U(0.5, 1.5) shared by the chains (independent of the state, so the chain stays exact),
    n_steps = ceil(length / step).
  - Warm-up: dual averaging of the step size towards acceptance 0.8 (Hoffman and Gelman 2014,
    gamma 0.05, t0 10, kappa 0.75), restarted each time the metric changes; the metric is
    replaced twice by the pooled chains' sample covariance of a warm-up window, regularised as
    Stan does (n / (n + 5) S + 1e-3 * 5 / (n + 5) I).
  - Diagnostics per coordinate: rank-normalised split R-hat (the larger of bulk and folded) and
    bulk ESS (Vehtari, Gelman, Simpson, Carpenter, Buerkner 2021; Geyer's initial monotone
    sequence), plus divergences (energy error > 1000) and the mean acceptance.

Output: data/reference/<set>.json with the posterior mean and variances of all kept draws,
2000 thinned draws (6 significant digits), R-hat and ESS per coordinate, the split's test rows,
the settings and seed, and a check value (log pi at the posterior mean) that the engine's test
recomputes. Run with

    /usr/bin/python3 scripts/reference/blr_reference.py [--sets sonar,ionosphere] [--chains 8]
        [--warmup 3000] [--samples 10000] [--seed 20]
"""

import argparse
import csv
import json
import math
import os
import sys
import time

import numpy as np
from scipy import special, stats

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
SETS = {'breast-cancer': 'breast_cancer.csv', 'sonar': 'sonar.csv', 'ionosphere': 'ionosphere.csv'}
PRIOR_SD = 5.0
TEST_FRACTION = 0.2
SPLIT_SEED = 0
DRAWS_KEPT = 2000
M32 = 0xFFFFFFFF


# --- data, split and standardisation: the engine's rules -------------------------------------

def mulberry32(seed):
    """The engine's mulberry32 (split.ts): uniform 32-bit integers."""
    state = seed & M32

    def imul(a, b):
        return (a * b) & M32

    def nxt():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M32
        return (t ^ (t >> 14)) & M32

    return nxt


def stratified_split(y, test_fraction=TEST_FRACTION, seed=SPLIT_SEED):
    """The engine's stratifiedSplit: class 0 then class 1, one generator, Fisher-Yates."""
    nxt = mulberry32(seed)
    is_test = np.zeros(len(y), dtype=bool)
    for c in (0, 1):
        rows = [i for i in range(len(y)) if y[i] == c]
        for i in range(len(rows) - 1, 0, -1):
            j = nxt() % (i + 1)
            rows[i], rows[j] = rows[j], rows[i]
        k = int(math.floor(test_fraction * len(rows) + 0.5))  # JavaScript's Math.round
        if len(rows) >= 2:
            k = min(max(k, 1), len(rows) - 1)
        is_test[rows[:k]] = True
    return np.flatnonzero(~is_test), np.flatnonzero(is_test)


def load(name):
    with open(os.path.join(ROOT, 'data', SETS[name])) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    assert header[-1] == 'label'
    x = np.array([[float(v) for v in r[:-1]] for r in body])
    y = np.array([int(r[-1]) for r in body])
    return header[:-1], x, y


def problem(name):
    features, x, y = load(name)
    train, test = stratified_split(y)
    xt = x[train]
    center = xt.mean(axis=0)
    scale = np.sqrt(((xt - center) ** 2).mean(axis=0))
    keep = scale > 1e-10 * (1 + np.abs(center))
    xs = (x[:, keep] - center[keep]) / scale[keep]
    return {
        'features': [f for f, k in zip(features, keep) if k],
        'x': xs[train], 'y': y[train].astype(float),
        'test_rows': test.tolist(),
    }


# --- the posterior ---------------------------------------------------------------------------

def log_density(p, w):
    """log pi at each row of w: (C, d)."""
    z = p['x'] @ w.T  # (n, C)
    ll = (p['y'][:, None] * z - np.logaddexp(0.0, z)).sum(axis=0)
    return ll - 0.5 * (w * w).sum(axis=1) / PRIOR_SD ** 2


def score(p, w):
    z = p['x'] @ w.T
    r = p['y'][:, None] - special.expit(z)
    return (p['x'].T @ r).T - w / PRIOR_SD ** 2


def laplace(p):
    d = p['x'].shape[1]
    w = np.zeros(d)
    for _ in range(100):
        g = score(p, w[None])[0]
        s = special.expit(p['x'] @ w)
        h = (p['x'] * (s * (1 - s))[:, None]).T @ p['x'] + np.eye(d) / PRIOR_SD ** 2
        step = np.linalg.solve(h, g)
        t, f0 = 1.0, log_density(p, w[None])[0]
        while log_density(p, (w + t * step)[None])[0] < f0 and t > 1e-12:
            t /= 2
        w = w + t * step
        if np.linalg.norm(g) < 1e-10:
            break
    s = special.expit(p['x'] @ w)
    h = (p['x'] * (s * (1 - s))[:, None]).T @ p['x'] + np.eye(d) / PRIOR_SD ** 2
    return w, np.linalg.inv(h)


# --- HMC -------------------------------------------------------------------------------------

class DualAveraging:
    def __init__(self, eps):
        self.mu = math.log(10 * eps)
        self.hbar = 0.0
        self.xbar = 0.0
        self.t = 0
        self.log_eps = math.log(eps)

    def update(self, accept, target=0.8, gamma=0.05, t0=10.0, kappa=0.75):
        self.t += 1
        eta = 1.0 / (self.t + t0)
        self.hbar = (1 - eta) * self.hbar + eta * (target - accept)
        self.log_eps = self.mu - math.sqrt(self.t) / gamma * self.hbar
        w = self.t ** -kappa
        self.xbar = w * self.log_eps + (1 - w) * self.xbar

    @property
    def eps(self):
        return math.exp(self.log_eps)

    @property
    def final(self):
        return math.exp(self.xbar)


def hmc_iteration(p, w, lp, chol, eps, length, rng):
    """One HMC transition of every chain (rows of w) in the coordinates z = chol^-1 w."""
    c, d = w.shape
    step = eps * rng.uniform(0.8, 1.2)
    n_steps = max(1, int(math.ceil(length * rng.uniform(0.5, 1.5) / step)))
    mom = rng.standard_normal((c, d))
    z = np.linalg.solve(chol, w.T).T
    h0 = -lp + 0.5 * (mom * mom).sum(axis=1)
    grad = score(p, w) @ chol  # grad_z log pi = L^T grad_w, as rows
    zn, mn = z.copy(), mom + 0.5 * step * grad
    for k in range(n_steps):
        zn = zn + step * mn
        wn = zn @ chol.T
        grad = score(p, wn) @ chol
        mn = mn + (step if k < n_steps - 1 else 0.5 * step) * grad
    lpn = log_density(p, wn)
    h1 = -lpn + 0.5 * (mn * mn).sum(axis=1)
    dh = h0 - h1
    dh = np.where(np.isfinite(dh), dh, -np.inf)
    accept = np.minimum(1.0, np.exp(np.minimum(dh, 0.0)))
    take = np.log(rng.uniform(size=c)) < dh
    w = np.where(take[:, None], wn, w)
    lp = np.where(take, lpn, lp)
    return w, lp, accept, int((dh < -1000).sum()), n_steps


def regularised_cov(draws):
    n, d = draws.shape
    s = np.cov(draws, rowvar=False)
    return (n / (n + 5.0)) * s + 1e-3 * (5.0 / (n + 5.0)) * np.eye(d)


def run_hmc(p, chains, warmup, samples, seed, length=1.5):
    rng = np.random.default_rng(seed)
    d = p['x'].shape[1]
    mode, cov = laplace(p)
    chol = np.linalg.cholesky(cov)
    w = mode + 2.0 * rng.standard_normal((chains, d)) @ chol.T
    lp = log_density(p, w)
    da = DualAveraging(0.5)
    # Warm-up: [0, a) step size only; [a, b) and [b, c) collect draws, the metric is re-estimated
    # at b and c; [c, warmup) step size only.
    a, b, c = int(0.07 * warmup), int(0.4 * warmup), int(0.85 * warmup)
    window = []
    divergent_warmup = 0
    for it in range(warmup):
        w, lp, acc, div, _ = hmc_iteration(p, w, lp, chol, da.eps, length, rng)
        divergent_warmup += div
        da.update(float(acc.mean()))
        if a <= it < c:
            window.append(w.copy())
        if it + 1 in (b, c):
            chol = np.linalg.cholesky(regularised_cov(np.concatenate(window)))
            window = []
            da = DualAveraging(da.eps)
    eps = da.final
    draws = np.empty((chains, samples, d))
    acc_sum, divergent, steps_sum = 0.0, 0, 0
    for it in range(samples):
        w, lp, acc, div, n_steps = hmc_iteration(p, w, lp, chol, eps, length, rng)
        draws[:, it] = w
        acc_sum += float(acc.mean())
        divergent += div
        steps_sum += n_steps
    return draws, {
        'step_size': eps,
        'path_length': length,
        'mean_leapfrog_steps': steps_sum / samples,
        'acceptance': acc_sum / samples,
        'divergences': divergent,
        'divergences_warmup': divergent_warmup,
        'laplace_mode': mode,
        'laplace_var': np.diag(cov),
    }


# --- diagnostics (Vehtari et al. 2021) -------------------------------------------------------

def _autocov(x):
    n = len(x)
    f = np.fft.rfft(x - x.mean(), 2 * n)
    ac = np.fft.irfft(f * np.conj(f))[:n] / n
    return ac


def ess(chains):
    """Bulk-free ESS of chains: (m, n) by Geyer's initial monotone sequence."""
    m, n = chains.shape
    acov = np.array([_autocov(ch) for ch in chains])
    chain_mean = chains.mean(axis=1)
    chain_var = acov[:, 0] * n / (n - 1.0)
    mean_var = chain_var.mean()
    var_plus = mean_var * (n - 1.0) / n + (chain_mean.var(ddof=1) if m > 1 else 0.0)
    rho = 1.0 - (mean_var - acov.mean(axis=0)) / var_plus
    rho[0] = 1.0
    # Geyer: sum pairs while positive, enforce monotone pairs.
    total, prev = 0.0, math.inf
    t = 0
    while t + 1 < n:
        pair = rho[t] + rho[t + 1]
        if pair < 0:
            break
        pair = min(pair, prev)
        total += pair
        prev = pair
        t += 2
    tau = -1.0 + 2.0 * total
    return m * n / max(tau, 1.0 / math.log10(m * n))


def _split(chains):
    m, n = chains.shape
    h = n // 2
    return np.concatenate([chains[:, :h], chains[:, n - h:]])


def _rank_normal(chains):
    r = stats.rankdata(chains, method='average').reshape(chains.shape)
    return stats.norm.ppf((r - 3.0 / 8.0) / (chains.size + 0.25))


def _rhat(chains):
    m, n = chains.shape
    w = chains.var(axis=1, ddof=1).mean()
    b = n * chains.mean(axis=1).var(ddof=1)
    return math.sqrt(((n - 1.0) / n * w + b / n) / w)


def diagnostics(draws):
    """Per coordinate: rank-normalised split R-hat (max of bulk and folded) and bulk ESS."""
    _, _, d = draws.shape
    rhat, bulk = np.empty(d), np.empty(d)
    for k in range(d):
        ch = _split(draws[:, :, k])
        z = _rank_normal(ch)
        folded = _rank_normal(np.abs(ch - np.median(ch)))
        rhat[k] = max(_rhat(z), _rhat(folded))
        bulk[k] = ess(z)
    return rhat, bulk


# --- main ------------------------------------------------------------------------------------

def sig(v, digits=6):
    return float(f'{v:.{digits}g}')


def make(name, args):
    p = problem(name)
    d = p['x'].shape[1]
    t0 = time.time()
    draws, info = run_hmc(p, args.chains, args.warmup, args.samples, args.seed)
    seconds = time.time() - t0
    rhat, bulk = diagnostics(draws)
    flat = draws.reshape(-1, d)
    mean, var = flat.mean(axis=0), flat.var(axis=0)
    per_chain = DRAWS_KEPT // args.chains
    idx = (np.arange(per_chain) * (args.samples // per_chain))
    kept = draws[:, idx].reshape(-1, d)
    mcse_mean = np.sqrt(var / bulk)
    lap_mode, lap_var = info.pop('laplace_mode'), info.pop('laplace_var')
    out = {
        'dataSet': name,
        'dim': d,
        'features': p['features'],
        'rows': {'train': int(len(p['y'])), 'test': len(p['test_rows'])},
        'split': {'seed': SPLIT_SEED, 'testFraction': TEST_FRACTION, 'stratified': True, 'generator': 'mulberry32', 'testRows': p['test_rows']},
        'prior': {'sd': PRIOR_SD},
        'mean': mean.tolist(),
        'variance': var.tolist(),
        'draws': [[sig(v) for v in row] for row in kept],
        'diagnostics': {
            'rhat': [round(float(v), 5) for v in rhat],
            'essBulk': [round(float(v), 1) for v in bulk],
            'maxRhat': float(rhat.max()),
            'minEssBulk': float(bulk.min()),
            'mcseMeanOverSd': float((mcse_mean / np.sqrt(var)).max()),
            'acceptance': info['acceptance'],
            'divergences': info['divergences'],
            'divergencesWarmup': info['divergences_warmup'],
        },
        'laplace': {'mode': lap_mode.tolist(), 'variance': lap_var.tolist()},
        'check': {'note': 'log pi (unnormalised, as the engine computes it) at the posterior mean', 'logDensityAtMean': float(log_density(p, mean[None])[0])},
        'settings': {
            'sampler': 'static HMC, dense metric, whitened coordinates (scripts/reference/blr_reference.py)',
            'chains': args.chains, 'warmup': args.warmup, 'samples': args.samples, 'seed': args.seed,
            'stepSize': info['step_size'], 'pathLength': info['path_length'],
            'meanLeapfrogSteps': info['mean_leapfrog_steps'], 'drawsKept': int(len(kept)),
            'thinning': f'every {args.samples // per_chain}th draw of each chain',
            'seconds': round(seconds, 1), 'numpy': np.__version__,
        },
    }
    path = os.path.join(ROOT, 'data', 'reference', f'{name}.json')
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'{name}: d = {d}, {len(p["y"])} training rows; {args.chains} chains x {args.samples} draws after {args.warmup} warm-up, '
          f'{seconds:.0f} s; step {info["step_size"]:.3f}, {info["mean_leapfrog_steps"]:.1f} leapfrog steps, acceptance {info["acceptance"]:.3f}, '
          f'divergences {info["divergences"]}; max R-hat {rhat.max():.4f}, min bulk ESS {bulk.min():.0f}, '
          f'max MCSE(mean)/sd {out["diagnostics"]["mcseMeanOverSd"]:.4f}; wrote {path}')
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--sets', default=','.join(SETS))
    ap.add_argument('--chains', type=int, default=8)
    ap.add_argument('--warmup', type=int, default=3000)
    ap.add_argument('--samples', type=int, default=10000)
    ap.add_argument('--seed', type=int, default=20)
    args = ap.parse_args()
    for name in args.sets.split(','):
        if name not in SETS:
            print(f'unknown set {name!r} (valid: {", ".join(SETS)})', file=sys.stderr)
            return 2
        make(name, args)
    return 0


if __name__ == '__main__':
    sys.exit(main())
