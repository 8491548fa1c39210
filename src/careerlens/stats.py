"""The statistics behind the report and the claim check: Wilson intervals for shares, intervals for median differences.

Both are small and deterministic, so that a figure in the report
can be recomputed by hand and a rebuilt report shows the same numbers.
"""

from __future__ import annotations

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


def median_standard_error(values) -> float:
    """The distribution-free standard error of a sample median (Price and Bonett, 2001).

    From two order statistics around the median, ``x[a]`` and ``x[n - a + 1]`` with
    ``a = round(n / 2 - sqrt(n))``, scaled by the normal quantile of their exact
    binomial coverage. It needs no resampling and stays sensible where values tie
    (salaries in round numbers), where a percentile bootstrap of the median can
    only take a few values and puts its estimate at one end of the interval.
    NaN for fewer than two values.
    """
    from statistics import NormalDist

    from scipy.stats import binom

    x = np.sort(np.asarray(values, dtype=float))
    n = x.size
    a = max(int(round(n / 2 - np.sqrt(n))), 1)
    z0 = NormalDist().inv_cdf(1 - float(binom.cdf(a - 1, n, 0.5))) if n >= 2 else 0.0
    return float((x[n - a] - x[a - 1]) / (2 * z0)) if z0 > 0 else float("nan")


def median_difference(first, second, z: float = Z95) -> tuple[float, float, float, float]:
    """``median(first) - median(second)`` with its standard error and 95% interval (Bonett and Price, 2002).

    Returns
    -------
    (difference, se, low, high) : the interval is ``difference +- z * se``, with
        ``se = sqrt(se1 ** 2 + se2 ** 2)`` from :func:`median_standard_error`.
    """
    difference = float(np.median(first) - np.median(second))
    se = float(np.hypot(median_standard_error(first), median_standard_error(second)))
    return difference, se, difference - z * se, difference + z * se
