"""The trainer of the logistic regressions corplint ships as package data.

Plain stochastic gradient descent on the log loss, with a step that decays by
epoch and a small weight decay; deterministic for a given example list. The
models are sparse (a few features per example, each a string of characters),
so a dict of weights in pure Python trains them in seconds to minutes, and no
machine-learning library is needed to rebuild them.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict


def train(
    data: list[tuple[tuple[str, ...], bool]], epochs: int, bias: float
) -> tuple[dict[str, float], float]:
    """Weights and bias fitted to ``data`` (features, label); ``bias`` starts at
    the prior log-odds of a positive. ``data`` is shuffled in place."""
    weights: dict[str, float] = defaultdict(float)
    rng = random.Random(0)
    for epoch in range(epochs):
        rng.shuffle(data)
        step = 0.2 / (1 + epoch)
        for feats, label in data:
            z = bias + sum(weights[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g = (1.0 if label else 0.0) - p
            for f in feats:
                weights[f] += step * (g - 1e-6 * weights[f])
            bias += step * g * 0.1
    return dict(weights), bias
