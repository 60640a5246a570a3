"""Copy-paste: how much of a report's problems-and-improvements text was already written elsewhere.

Texts are compared as sets of character 5-grams (Jaccard similarity). Each
report is compared with the same issuer's report of the previous year, and
with the most similar report of another issuer in the same year; candidates
for the second come from MinHash signatures with banded locality-sensitive
hashing (so the work grows with the number of reports, not its square), and
every candidate's similarity is then computed exactly.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import numpy as np
import polars as pl

SHINGLE = 5
NEAR_COPY = 0.8  # Jaccard similarity of character 5-grams at or above which a pair is a near-copy
N_HASHES, BANDS = 64, 16  # 16 bands of 4 rows: pairs above ~0.5 similarity become candidates
_PRIME = (1 << 61) - 1
_RNG = np.random.default_rng(20081001)  # fixed seed: signatures and results are reproducible
_A = _RNG.integers(1, _PRIME, N_HASHES, dtype=np.uint64)
_B = _RNG.integers(0, _PRIME, N_HASHES, dtype=np.uint64)


def shingles(text: str, k: int = SHINGLE) -> frozenset[str]:
    s = "".join(text.split())
    return frozenset(s[i : i + k] for i in range(max(0, len(s) - k + 1)))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def _signature(sh: frozenset[str]) -> np.ndarray:
    h = np.fromiter((int.from_bytes(hashlib.blake2b(x.encode(), digest_size=8).digest(), "little") >> 3 for x in sh), dtype=np.uint64, count=len(sh))
    # (a·h + b) mod p, computed in floating-free uint64 arithmetic with wraparound; good enough as a hash family.
    return ((_A[:, None] * h[None, :] + _B[:, None]) % np.uint64(_PRIME)).min(axis=1)


def similarities(texts: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """Per report: similarity to the issuer's previous-year report and to the nearest other-issuer report of its year."""
    meta = docs.select("report_id", "year", "adcode", "issuer", "jurisdiction")
    data = texts.join(meta, on="report_id").filter(pl.col("text").str.len_chars() > 0)
    rows = list(data.sort("report_id").iter_rows(named=True))
    sh = {r["report_id"]: shingles(r["text"]) for r in rows}
    issuer = {r["report_id"]: f"{r['adcode']}|{r['issuer'] or r['jurisdiction']}" for r in rows}
    by_key_year = {(issuer[r["report_id"]], r["year"]): r["report_id"] for r in rows if r["year"] is not None}

    # LSH candidates within each year.
    candidates: dict[str, set[str]] = defaultdict(set)
    by_year: dict[int | None, list[str]] = defaultdict(list)
    for r in rows:
        by_year[r["year"]].append(r["report_id"])
    per = N_HASHES // BANDS
    for ids in by_year.values():
        buckets: dict[tuple, list[str]] = defaultdict(list)
        for rid in ids:
            if not sh[rid]:
                continue
            sig = _signature(sh[rid])
            for band in range(BANDS):
                buckets[(band, sig[band * per : (band + 1) * per].tobytes())].append(rid)
        for members in buckets.values():
            for rid in members:
                candidates[rid].update(m for m in members if m != rid)

    out = []
    for r in rows:
        rid = r["report_id"]
        prev = by_key_year.get((issuer[rid], r["year"] - 1)) if r["year"] is not None else None
        prev_sim = jaccard(sh[rid], sh[prev]) if prev else None
        others = [(jaccard(sh[rid], sh[c]), c) for c in candidates[rid] if issuer[c] != issuer[rid]]
        best_sim, best = max(others, default=(None, None))
        out.append({
            "report_id": rid, "previous_report_id": prev, "previous_similarity": prev_sim,
            "nearest_report_id": best, "nearest_similarity": best_sim,
            "is_near_copy_of_previous": None if prev_sim is None else prev_sim >= NEAR_COPY,
            "is_near_copy_of_other": None if best_sim is None else best_sim >= NEAR_COPY,
        })
    return pl.DataFrame(out, schema={
        "report_id": pl.String, "previous_report_id": pl.String, "previous_similarity": pl.Float64,
        "nearest_report_id": pl.String, "nearest_similarity": pl.Float64,
        "is_near_copy_of_previous": pl.Boolean, "is_near_copy_of_other": pl.Boolean,
    })
