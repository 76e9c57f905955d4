"""Time disclosure control on typical feelsafe tables and report how much it hides.

Run: PYTHONPATH=. python bench/bench_disclosure.py
Prints median microseconds per call, the ratio against a primary-only pass over the same table
(the least any suppression can cost), and the share of inner cells hidden.
"""

from __future__ import annotations

import random
import statistics
import time

from analysis.disclosure import k_anonymise, suppress_counts, suppress_crosstab

OPTIONS = [
    "very safe",
    "quite safe",
    "not very safe",
    "not safe at all",
    "don't know",
    "rather not say",
]
WEIGHTS = [0.35, 0.35, 0.12, 0.05, 0.08, 0.05]


def _groups(rng: random.Random, n_groups: int, small: int) -> dict[tuple[str, str], int]:
    counts = {}
    for g in range(n_groups):
        base = rng.randint(3, 9) if g < small else rng.randint(15, 120)
        picks = rng.choices(OPTIONS, WEIGHTS, k=base)
        for o in OPTIONS:
            counts[(o, f"group{g:02d}")] = picks.count(o)
    return counts


def _primary_only(counts: dict[tuple[str, str], int], k: int) -> int:
    return sum(1 for v in counts.values() if 0 < v < k)


def _median_us(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def main() -> None:
    rng = random.Random(6)
    k = 10
    print(f"{'table':<34}{'median us':>10}{'x primary-only':>16}{'cells hidden':>14}")
    cases = [
        ("one-way, 6 options, base 700", None, 700),
        ("6 options x 5 year groups", 5, 0),
        ("6 options x 4 genders (1 small)", 4, 1),
        ("6 options x 40 schools (4 small)", 40, 4),
        ("6 options x 40 schools (10 small)", 40, 10),
    ]
    for name, n_groups, extra in cases:
        if n_groups is None:
            picks = rng.choices(OPTIONS, WEIGHTS, k=extra)
            one = {o: picks.count(o) for o in OPTIONS}
            t = _median_us(lambda one=one: suppress_counts(one, k), 2000)
            base = _median_us(lambda one=one: sum(1 for v in one.values() if 0 < v < k), 2000)
            hidden = sum(c.suppressed for c in suppress_counts(one, k).cells.values()) / len(one)
        else:
            tables = [_groups(rng, n_groups, extra) for _ in range(20)]
            runs = []
            bases = []
            shares = []
            for counts in tables:
                runs.append(_median_us(lambda c=counts: suppress_crosstab(c, k), 25))
                bases.append(_median_us(lambda c=counts: _primary_only(c, k), 25))
                table = suppress_crosstab(counts, k)
                shares.append(sum(c.suppressed for c in table.cells.values()) / len(counts))
            t, base, hidden = (
                statistics.median(runs),
                statistics.median(bases),
                statistics.mean(shares),
            )
        print(f"{name:<34}{t:>10.0f}{t / base:>16.1f}{hidden:>13.0%}")

    records = [
        {
            "school": f"s{rng.randint(1, 12)}",
            "year_group": rng.choice(["y7", "y8", "y9", "y10", "y11"]),
            "gender": rng.choice(["girl", "boy", "other", None]),
            "send": rng.choice(["yes", "no", "no", "no"]),
            "language": rng.choice(["en"] * 6 + ["ta", "ur", "pl", "pt", "ar"]),
            "variant": rng.choice(["standard"] * 4 + ["easy_read"]),
        }
        for _ in range(700)
    ]
    qis = list(records[0])
    hier = {
        "year_group": [
            {
                "y7": "Years 7-8",
                "y8": "Years 7-8",
                "y9": "Years 9-11",
                "y10": "Years 9-11",
                "y11": "Years 9-11",
            },
        ],
        "language": [
            {
                "en": "English",
                "ta": "Other",
                "ur": "Other",
                "pl": "Other",
                "pt": "Other",
                "ar": "Other",
            }
        ],
        "school": [
            {f"s{i}": ("Secondary" if i <= 9 else "Special or alternative") for i in range(1, 13)}
        ],
    }
    t = _median_us(lambda: k_anonymise(records, qis, k, hier), 5)
    result = k_anonymise(records, qis, k, hier)
    print(f"\nk_anonymise, 700 records, 6 quasi-identifiers, k={k}: median {t / 1000:.1f} ms")
    print(f"  dropped {result.suppressed_records}; levels {result.levels}; masked {result.masked}")
    print(f"  rule: {result.rule}")


if __name__ == "__main__":
    main()
