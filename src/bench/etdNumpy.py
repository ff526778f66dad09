#!/usr/bin/env python3
"""One ETD-B step in NumPy, the baseline `npm run bench` compares the Node runner with.

The same algorithm as src/engine/etd/step.ts on gmm-grid-4 (4 modes at (+-3, +-3), std 1):
clipped scores, pooled Langevin proposals (M per particle, sigma = sqrt(2 alpha)), importance
weights against the pooled mixture (floor max - 30, normalised), euclidean cost normalised by
its median over a strided subsample, balanced log-domain Sinkhorn with the ETD authors' stop
rule (max |f_new - f_old| < tol in normalised-cost units, tol = 1e-2, at most 50 iterations),
categorical update. Vectorised NumPy/SciPy-style log-sum-exp throughout.

stdin: JSON list of {x: [[x, y], ...], steps}; stdout: JSON list of {n, msPerStep, iterations}.
"""
import json
import sys
import time

import numpy as np

MODES = np.array([[3.0, 3.0], [3.0, -3.0], [-3.0, 3.0], [-3.0, -3.0]])


def lse(a, axis):
    m = np.max(a, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(a - m), axis=axis))


def log_pi(p):
    d = ((p[:, None, :] - MODES[None, :, :]) ** 2).sum(-1)
    return lse(-0.5 * d, 1)


def score(p):
    d = ((p[:, None, :] - MODES[None, :, :]) ** 2).sum(-1)
    w = np.exp(-0.5 * d - lse(-0.5 * d, 1)[:, None])
    return (w[:, :, None] * (MODES[None, :, :] - p[:, None, :])).sum(1)


def etd_step(x, rng, rule, eps=0.1, M=25, alpha=0.05, clip=5.0):
    n = len(x)
    s = score(x)
    norm = np.linalg.norm(s, axis=1, keepdims=True)
    s = np.where(norm > clip, s * clip / np.maximum(norm, 1e-300), s)
    sigma = np.sqrt(2 * alpha)
    mu = x + alpha * s
    y = (mu[:, None, :] + sigma * rng.standard_normal((n, M, 2))).reshape(-1, 2)
    d_mix = ((y[:, None, :] - mu[None, :, :]) ** 2).sum(-1)  # (P, N)
    log_q = lse(-d_mix / (2 * sigma * sigma), 1) - np.log(n) - np.log(2 * np.pi * sigma * sigma)
    log_b = log_pi(y) - log_q
    log_b = np.maximum(log_b, log_b.max() - 30)
    log_b -= lse(log_b, 0)
    C = 0.5 * ((x[:, None, :] - y[None, :, :]) ** 2).sum(-1)  # (N, P)
    flat = C.ravel()
    stride = max(1, len(flat) // 2048)
    C = C / max(np.median(flat[stride // 2::stride]), 1e-8)
    log_k = -C / eps
    log_a = np.full(n, -np.log(n))
    b = np.exp(log_b)
    f = np.zeros(n)
    g = np.zeros(len(y))
    it = 0
    max_iter = 50 if rule == 'authors' else 100
    t0 = time.perf_counter()
    while it < max_iter:
        f_new = eps * (log_a - lse(log_k + g[None, :] / eps, 1))
        col = lse(log_k + f_new[:, None] / eps, 0)
        it += 1
        if rule == 'authors':
            g = eps * (log_b - col)
            delta = np.max(np.abs(f_new - f))
            f = f_new
            if delta < 1e-2:
                break
        else:
            residual = np.abs(np.exp(g / eps + col) - b).sum()
            g = eps * (log_b - col)
            f = f_new
            if residual <= 3e-2:
                break
    sinkhorn_ms = (time.perf_counter() - t0) * 1000
    log_rows = log_k + g[None, :] / eps
    gbar = np.exp(log_rows - lse(log_rows, 1)[:, None])
    cdf = np.cumsum(gbar, axis=1)
    u = rng.random(n)[:, None]
    pick = np.minimum((cdf < u * cdf[:, -1:]).sum(1), len(y) - 1)
    return y[pick], it, sinkhorn_ms


out = []
for job in json.load(sys.stdin):
    rng = np.random.default_rng(1)
    x = np.array(job['x'], dtype=float)
    rule = job.get('rule', 'authors')
    x, _, _ = etd_step(x, rng, rule)  # warm-up
    best = None
    for _ in range(2):
        t = time.perf_counter()
        xs, total, sk = x, 0, 0.0
        for _ in range(job['steps']):
            xs, k, ms = etd_step(xs, rng, rule)
            total += k
            sk += ms
        took = (time.perf_counter() - t) * 1000 / job['steps']
        if best is None or took < best['msPerStep']:
            best = {'n': len(x), 'rule': rule, 'msPerStep': took, 'iterations': total / job['steps'], 'msPerIteration': sk / total}
    out.append(best)
json.dump({'numpy': np.__version__, 'results': out}, sys.stdout)
