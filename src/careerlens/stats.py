"""The statistics behind the report and the claim check: Wilson intervals for shares, bootstrap intervals for medians.

Both are small, vectorised and deterministic, so that a figure in the report
can be recomputed by hand and a rebuilt report shows the same numbers.
"""

from __future__ import annotations

import zlib

import numpy as np

#: The normal quantile for a two-sided 95% interval.
Z95 = 1.959963984540054

def wilson_interval(k, n, z: float = Z95):
    """Wilson score interval for a share ``k / n``, which stays inside [0, 1] even for tiny n.

    Parameters
    ----------
    k, n : int or array-like
        Successes (postings asking for a topic) and trials (postings). ``n`` may be 0,
        which gives NaN bounds.
    z : float
        Normal quantile; 1.96 for 95%.

    Returns
    -------
    (low, high) : tuple of float or numpy arrays
    """
    k = np.asarray(k, dtype=float)
    n = np.asarray(n, dtype=float)
    if np.any(k < 0) or np.any(k > n):
        raise ValueError("wilson_interval needs 0 <= k <= n")
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denominator = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denominator
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
        low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
        high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def stable_rng(seed: int, *keys: str) -> np.random.Generator:
    """A generator seeded by ``seed`` and the names of a cell (role, topic).

    Each cell gets its own stream, so adding a role or a topic to the data
    does not change the intervals of the others.
    """
    return np.random.default_rng([seed, *(zlib.crc32(k.encode("utf-8")) for k in keys)])


def bootstrap_medians(values, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Medians of ``n_boot`` resamples (with replacement) of ``values``, drawn exactly without building them.

    A resample is ``x[ceil(n * U)]`` (sorted ``x``) for ``n`` uniforms ``U``, so its
    median is set by the middle order statistics of ``n`` uniforms, whose laws are
    Beta: the cost is one sort plus ``n_boot`` draws, not ``n * n_boot``, which
    matters at a million postings.
    """
    x = np.sort(np.asarray(values, dtype=float))
    n = x.size
    if n == 0:
        raise ValueError("bootstrap_medians needs at least one value")
    middle = (n + 1) // 2                                   # the (lower) middle order statistic
    u_low = rng.beta(middle, n - middle + 1, size=n_boot)   # its law for n uniforms
    low = x[_order_index(u_low, n)]
    if n % 2:
        return low
    # The next order statistic: the least of the n - middle uniforms left above u_low.
    u_high = u_low + (1 - u_low) * rng.beta(1, n - middle, size=n_boot)
    return (low + x[_order_index(u_high, n)]) / 2


def _order_index(u, n: int) -> np.ndarray:
    return np.clip(np.ceil(u * n).astype(np.int64) - 1, 0, n - 1)


def percentile_interval(replicates, level: float = 0.95) -> tuple[float, float]:
    """The percentile bootstrap interval of ``replicates``."""
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(np.asarray(replicates, dtype=float), [tail, 100 - tail])
    return float(low), float(high)
