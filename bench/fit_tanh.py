#!/usr/bin/env python3
"""Fits the rational approximation behind the float tanh in lib/DeepPrep/Backends/Managed/Tanh.cs:

    tanh x ≈ x·P(s)/Q(s),  s = x²,  P = 1 + p1·s + … + p4·s⁴,  Q = 1 + q1·s + … + q4·s⁴,  on 0 ≤ x ≤ 9.1

minimising the largest relative error. Method: for fixed Q the error x·P − t·Q is linear in the unknowns, so
each round solves a weighted least-squares problem, divided by t·Q from the previous round (so it approximates the
relative error), and multiplies each point's weight by its current error (Lawson's iteration), which pushes the
least-squares solution towards the minimax one. Reference values come from mpmath at 30 digits.
Needs numpy and mpmath (Debian: python3-numpy, python3-mpmath). Prints the coefficients rounded to float."""
import mpmath as mp
import numpy as np

mp.mp.dps = 30
LIMIT, DEGREE = 9.1, 4

x = np.sort(np.concatenate([np.linspace(1e-3, LIMIT, 8000), np.geomspace(1e-7, 1e-3, 300)]))
t = np.array([float(mp.tanh(mp.mpf(v))) for v in x])
s = x * x
powers = np.stack([s ** k for k in range(1, DEGREE + 1)], axis=1)   # s, s², s³, s⁴
weights = np.full(len(x), 1.0 / len(x))
q_prev = np.ones_like(x)
for _ in range(60):
    # x·(1 + Σ p_k s^k) − t·(1 + Σ q_k s^k) = 0  ⇔  Σ p_k x s^k − Σ q_k t s^k = t − x
    a = np.hstack([x[:, None] * powers, -t[:, None] * powers])
    b = t - x
    row_scale = np.sqrt(weights) / (t * q_prev)
    coef, *_ = np.linalg.lstsq(a * row_scale[:, None], b * row_scale, rcond=None)
    p = np.concatenate([[1.0], coef[:DEGREE]])
    q = np.concatenate([[1.0], coef[DEGREE:]])
    P = np.polyval(p[::-1], s)
    Q = np.polyval(q[::-1], s)
    err = (x * P / Q - t) / t
    q_prev = Q
    weights *= np.abs(err)
    weights /= weights.sum()

print(f"largest relative error in exact arithmetic: {np.max(np.abs(err)):.3g}")
for name, c in (("p", p), ("q", q)):
    for k in range(1, DEGREE + 1):
        print(f"{name}{k} = {np.float32(c[k])!r}f")
