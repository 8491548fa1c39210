"""The statistics behind the report: Wilson intervals for shares, bootstrap intervals for medians.

Both are small, vectorised and deterministic, so that a figure in the report
can be recomputed by hand and a rebuilt report shows the same numbers.
"""

from __future__ import annotations

import zlib

import numpy as np

#: The normal quantile for a two-sided 95% interval.
Z95 = 1.959963984540054

#: Resampled values held in memory at once by :func:`bootstrap_medians` (bounds memory, not results).
BOOTSTRAP_CHUNK_VALUES = 4_000_000


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
    """Medians of ``n_boot`` resamples (with replacement) of ``values``.

    Resamples are drawn in chunks so memory stays bounded for large groups.
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        raise ValueError("bootstrap_medians needs at least one value")
    per_chunk = max(1, BOOTSTRAP_CHUNK_VALUES // values.size)
    out = np.empty(n_boot)
    for start in range(0, n_boot, per_chunk):
        stop = min(n_boot, start + per_chunk)
        picks = rng.integers(0, values.size, size=(stop - start, values.size))
        out[start:stop] = np.median(values[picks], axis=1)
    return out


def percentile_interval(replicates, level: float = 0.95) -> tuple[float, float]:
    """The percentile bootstrap interval of ``replicates``."""
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(np.asarray(replicates, dtype=float), [tail, 100 - tail])
    return float(low), float(high)
