"""Copy-paste: how much of a report's problems-and-improvements text was already written elsewhere.

Texts are compared as sets of character 5-grams (Jaccard similarity). Each
report is compared with the same issuer's report of the previous year, and
with the most similar report of another issuer in the same year; candidates
for the second come from MinHash signatures with banded locality-sensitive
hashing (so the work grows with the number of reports, not its square); each
report's three best candidates by MinHash estimate are then compared exactly on
the 5-gram sets.

A report's 5-grams are kept as a sorted array of 32-bit hashes and its MinHash
signature as 64 integers (:func:`fingerprint`): both are computed once per
report in the build's workers, so the corpus-wide step never holds texts.
With a few hundred to a few thousand 5-grams per text, a hash collision inside
one pair is rare enough (~1 in 10,000 pairs) not to move a similarity visibly.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import polars as pl

SHINGLE = 5
NEAR_COPY = 0.8  # Jaccard similarity of character 5-grams at or above which a pair is a near-copy
N_HASHES, BANDS = 64, 16  # 16 bands of 4 rows: pairs above ~0.5 similarity become candidates
EXACT_CANDIDATES = 3  # candidates per report whose similarity is computed exactly (the best by MinHash estimate)
BUCKET_CAP = 50  # a band bucket bigger than this (one boilerplate text used by hundreds) pairs each member with its next 50 only
_PRIME = (1 << 61) - 1
_RNG = np.random.default_rng(20081001)  # fixed seed: signatures and results are reproducible
_A = _RNG.integers(1, _PRIME, N_HASHES, dtype=np.uint64)
_B = _RNG.integers(0, _PRIME, N_HASHES, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_P = np.uint64(_PRIME)

SCHEMA = {
    "report_id": pl.String, "previous_report_id": pl.String, "previous_similarity": pl.Float64,
    "nearest_report_id": pl.String, "nearest_similarity": pl.Float64,
    "is_near_copy_of_previous": pl.Boolean, "is_near_copy_of_other": pl.Boolean,
}
PRINT_SCHEMA = {"report_id": pl.String, "signature": pl.Binary, "grams": pl.Binary, "year": pl.Int64}


def _gram_hashes64(text: str, k: int = SHINGLE) -> np.ndarray:
    s = "".join(text.split())
    codes = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = codes.size - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):  # polynomial hash of each window, wrapping mod 2**64
            h = h * np.uint64(1_000_003) + codes[j : j + n]
        h ^= h >> np.uint64(29)  # spread the bits (splitmix-style finaliser)
        h *= _MIX
        h ^= h >> np.uint64(32)
    return h


def gram_hashes(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the text's character 5-grams (whitespace removed).

    What ``np.unique`` gives, from a sort and a mask: NumPy 2's ``unique`` hashes first and sorts
    after, several times slower on these arrays.
    """
    h = np.sort((_gram_hashes64(text) >> np.uint64(32)).astype(np.uint32))
    return h[np.concatenate(([True], h[1:] != h[:-1]))] if h.size > 1 else h


def signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (64 values) of a set of 5-gram hashes: per hash function, min of (a·h + b) mod p.

    a·h + b wraps around at 2**64 (good enough as a hash family). The remainder by the Mersenne prime
    p = 2**61 - 1 is taken without dividing, several times faster than ``%`` and the same values:
    x = q·2**61 + r gives x ≡ q + r (mod p) with q + r < p + 8, so at most one p is subtracted (when
    x' < p, x' - p wraps around above every remainder and ``minimum`` keeps x').
    """
    h = hashes.astype(np.uint64)
    with np.errstate(over="ignore"):
        x = _A[:, None] * h[None, :] + _B[:, None]
        x = (x & _P) + (x >> np.uint64(61))
        np.minimum(x, x - _P, out=x)
    return x.min(axis=1)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique hash arrays (the smaller one looked up in the larger)."""
    if a.size > b.size:
        a, b = b, a
    if not a.size:
        return 0.0
    at = np.searchsorted(b, a)
    at[at == b.size] = 0
    inter = int(np.count_nonzero(b[at] == a))
    return inter / (a.size + b.size - inter)


def fingerprint(report_id: str, text: str) -> dict | None:
    """One row of the prints a build keeps per report; None for an empty text."""
    grams = gram_hashes(text)
    if not grams.size:
        return None
    return {"report_id": report_id, "signature": signature(grams).tobytes(), "grams": grams.tobytes(), "year": None}


def similarities(texts: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """From texts (report_id, text): see :func:`similarities_from_prints`."""
    rows = [fingerprint(r, t) for r, t in texts.select("report_id", "text").iter_rows()]
    return similarities_from_prints(pl.DataFrame([r for r in rows if r], schema=PRINT_SCHEMA), docs)


def similarities_from_prints(prints: pl.DataFrame, docs: pl.DataFrame, only_years: set[int | None] | None = None) -> pl.DataFrame:
    """Per report: similarity to the issuer's previous-year report and to the nearest other-issuer report of its year.

    Each report's LSH candidates are ranked by their MinHash estimate, and the exact similarity is computed
    for the best EXACT_CANDIDATES of them (the estimate's error, about 0.06, cannot hide a better one further
    down in practice; boilerplate shared by hundreds of reports would otherwise cost hundreds of exact
    comparisons per report). ``only_years``: rows only for reports of these years (the others are read as
    previous-year reports).
    """
    return _nearest(_indexed(prints, docs), only_years)


def _nearest(indexed: tuple, only_years: set[int | None] | None, new_ids: set[str] | None = None) -> pl.DataFrame:
    """:func:`similarities_from_prints` on prints already indexed (:func:`_indexed`).

    ``new_ids``: reports that joined ``only_years`` since the last computation (and none left); only the
    rows that can have changed are returned: the new reports' and those of the reports sharing an LSH
    bucket with one of them (see :func:`_bucket_mates`).
    """
    data, ids, years, issuer, grams, index_of = indexed
    if data.is_empty():
        return pl.DataFrame(schema=SCHEMA)
    sigs = np.frombuffer(b"".join(data["signature"].to_list()), dtype=np.uint64).reshape(len(ids), N_HASHES)
    wanted = [i for i, y in enumerate(years) if only_years is None or y in only_years]

    by_year: dict[int | None, list[int]] = defaultdict(list)
    for i in wanted:
        by_year[years[i]].append(i)
    focus = None
    if new_ids is not None:
        targets = np.array([i for i in wanted if ids[i] in new_ids], dtype=np.int64)
        focus = np.zeros(len(ids), dtype=bool)
        for members in by_year.values():
            focus |= _bucket_mates(np.array(members), sigs, targets[np.isin(targets, members)])
        wanted = [i for i in wanted if focus[i]]
    top: dict[int, list[int]] = defaultdict(list)
    issuer_code = pl.Series(issuer, dtype=pl.String).rank("dense").to_numpy().astype(np.int64)
    for members in by_year.values():
        for i, j in _best_candidates(np.array(members), sigs, issuer_code, focus):
            top[i].append(j)
    pair_sims: dict[tuple[int, int], float] = {}  # most candidate pairs are candidates both ways

    def sim(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if key not in pair_sims:
            pair_sims[key] = jaccard(grams[i], grams[j])
        return pair_sims[key]

    out = []
    for i in wanted:
        rid = ids[i]
        prev = index_of.get((issuer[i], years[i] - 1)) if years[i] is not None else None
        prev_sim = jaccard(grams[i], grams[prev]) if prev is not None else None
        best_sim, nearest = max(((sim(i, j), ids[j]) for j in top[i]), default=(None, None))
        out.append((rid, ids[prev] if prev is not None else None, prev_sim, nearest, best_sim,
                    None if prev_sim is None else prev_sim >= NEAR_COPY, None if best_sim is None else best_sim >= NEAR_COPY))
    return pl.DataFrame(out, schema=SCHEMA, orient="row")


def _indexed(prints: pl.DataFrame, docs: pl.DataFrame):
    """Prints joined to their reports, sorted by report id: (frame, ids, years, issuer keys, 5-gram arrays,
    (issuer, year) → row, the last by report id when an issuer has several reports in a year)."""
    meta = docs.select("report_id", "year", "adcode", "issuer", "jurisdiction")
    data = prints.select("report_id", "signature", "grams").join(meta, on="report_id").sort("report_id")
    ids = data["report_id"].to_list()
    years = data["year"].to_list()
    issuer = data.select(pl.format("{}|{}", pl.col("adcode").fill_null("None"),
                                   pl.when(pl.col("issuer").is_not_null() & (pl.col("issuer") != "")).then("issuer")
                                   .otherwise(pl.col("jurisdiction")).fill_null("None"))).to_series().to_list()
    grams = _Grams(data["grams"])
    index_of = {(issuer[i], years[i]): i for i in range(len(ids)) if years[i] is not None}
    return data, ids, years, issuer, grams, index_of


class _Grams:
    """The 5-gram hash arrays of the indexed rows, each made from its bytes when first compared: a rerun
    compares a few thousand of the tens of thousands of rows it indexes."""

    def __init__(self, column: pl.Series) -> None:
        self._raw = column.to_list()
        self._arrays: dict[int, np.ndarray] = {}

    def __getitem__(self, i: int) -> np.ndarray:
        a = self._arrays.get(i)
        if a is None:
            a = self._arrays[i] = np.frombuffer(self._raw[i], dtype=np.uint32)
        return a


def _best_candidates(members: np.ndarray, sigs: np.ndarray, issuer_code: np.ndarray, focus: np.ndarray | None = None) -> list[tuple[int, int]]:
    """(report, candidate) for each report's EXACT_CANDIDATES best other-issuer LSH candidates by MinHash estimate
    (only for the rows of ``focus``, a boolean mask, when given); ``issuer_code``: an integer per row, equal for
    the rows of one issuer."""
    p = _candidate_pairs(members, sigs, focus)
    if focus is not None and p.size:
        p = p[focus[p[:, 0]] | focus[p[:, 1]]]  # a focused row's bucket also pairs rows that are not
    if p.size:
        p = p[issuer_code[p[:, 0]] != issuer_code[p[:, 1]]]
    if not p.size:
        return []
    estimate = (sigs[p[:, 0]] == sigs[p[:, 1]]).mean(axis=1)
    src, dst, est = np.concatenate((p[:, 0], p[:, 1])), np.concatenate((p[:, 1], p[:, 0])), np.concatenate((estimate, estimate))
    if focus is not None:
        on = focus[src]
        src, dst, est = src[on], dst[on], est[on]
    order = np.lexsort((dst, -est, src))  # by report, best estimate first, then lowest index (= lowest report id)
    src, dst = src[order], dst[order]
    starts = np.flatnonzero(np.concatenate(([True], src[1:] != src[:-1])))
    rank = np.arange(src.size) - np.repeat(starts, np.diff(np.concatenate((starts, [src.size]))))
    keep = rank < EXACT_CANDIDATES
    return list(zip(src[keep].tolist(), dst[keep].tolist()))



def _band_keys(sigs: np.ndarray, members: np.ndarray):
    """For each LSH band, one integer key per member row: its band's hashes mixed (wrapping), so rows with
    equal keys share the band's bucket. Call under ``np.errstate(over="ignore")``."""
    per = N_HASHES // BANDS
    for band in range(BANDS):
        cols = sigs[members, band * per : (band + 1) * per]
        key = cols[:, 0].copy()
        for c in range(1, per):
            key = key * _MIX + cols[:, c]
        yield key

def _candidate_pairs(members: np.ndarray, sigs: np.ndarray, focus: np.ndarray | None = None) -> np.ndarray:
    """Pairs (i < j) of row indices sharing at least one LSH band bucket, as an array of shape (k, 2).

    In a bucket, each member is paired with the next BUCKET_CAP members (all of them in the usual small
    bucket). ``focus`` (a boolean mask over the rows): only the pairs of buckets holding a focused row,
    which are all the pairs of the focused rows.
    """
    if members.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    n_rows = np.int64(sigs.shape[0])
    found = []
    with np.errstate(over="ignore"):
        for key in _band_keys(sigs, members):
            order = np.argsort(key, kind="stable")
            k = key[order]
            rows = members[order]
            starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))  # one run per bucket
            ends = np.concatenate((starts[1:], [k.size]))
            size = ends - starts
            keep = size > 1
            if focus is not None:
                hit = np.add.reduceat(focus[rows].astype(np.int64), starts) > 0
                keep &= hit
            if not keep.any():
                continue
            starts, ends = starts[keep], ends[keep]
            # position p of a bucket [s, e) is paired with p + 1 … min(p + BUCKET_CAP, e - 1)
            pos = _ranges(starts, ends - 1)
            end_of = np.repeat(ends, ends - 1 - starts)
            count = np.minimum(BUCKET_CAP, end_of - 1 - pos)
            src = np.repeat(pos, count)
            first = np.cumsum(count) - count
            dst = src + 1 + (np.arange(src.size) - np.repeat(first, count))
            a, b = rows[src].astype(np.int64), rows[dst].astype(np.int64)
            found.append(np.minimum(a, b) * n_rows + np.maximum(a, b))  # a pair as one integer: unique in 1-D is fast
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // n_rows, codes % n_rows), axis=1)


def _ranges(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Concatenation of arange(s, e) for each pair, without a Python loop."""
    lengths = stops - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    first = np.cumsum(lengths) - lengths
    return np.repeat(starts - first, lengths) + np.arange(total)


def _bucket_mates(members: np.ndarray, sigs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Boolean mask over the rows: members sharing at least one band bucket with a target (the targets included).

    These are the only rows whose candidates can change when the targets join the year: a bucket without a
    target is as it was, and a row's candidates come from its buckets only.
    """
    mask = np.zeros(sigs.shape[0], dtype=bool)
    mask[targets] = True
    with np.errstate(over="ignore"):
        for key in _band_keys(sigs, members):
            tkey = key[np.isin(members, targets)]
            mask[members[np.isin(key, tkey)]] = True
    return mask


def year_digests(docs: pl.DataFrame) -> dict[int | None, str]:
    """Per reporting year, a digest of which reports (and issuers) it holds: what a year's similarities depend on.

    The count, XOR and wrapping sum of each report's hash of (report id, issuer key): independent of row order, and
    a hundred times cheaper than hashing the year's text (a rerun computes it over every report). Hash values
    may differ between Polars versions: every year then counts as changed once, and is recomputed in full.
    """
    key = pl.concat_str([pl.col("adcode"), pl.col("issuer"), pl.col("jurisdiction")], separator="|", ignore_nulls=True).fill_null("")
    row = pl.struct(pl.col("report_id"), key.alias("key")).hash(seed=0)
    sums = docs.group_by("year").agg(pl.len().alias("n"), row.bitwise_xor().alias("xor"), row.sum().alias("sum"))
    return {year: f"{n}:{x:016x}:{t:016x}" for year, n, x, t in sums.iter_rows()}


def update_similarities(load_prints, docs: pl.DataFrame, previous: pl.DataFrame | None,
                        previous_digests: dict[int | None, str] | None) -> tuple[pl.DataFrame, dict[int | None, str]]:
    """Similarities recomputed only for the years they can have changed in.

    A report's row depends on the reports of its own year (nearest other issuer) and of the year
    before (its issuer's previous report), so when the reports of year y change, the rows of y
    are recomputed, the previous-year columns of y + 1 are brought up to date, and every other row
    is kept. ``load_prints(years)`` returns the
    prints of the reports of those years (all years when ``years`` is None).
    """
    digests = year_digests(docs)
    if previous is None or previous_digests is None:
        return similarities_from_prints(load_prints(None), docs), digests
    changed = {y for y in set(digests) | set(previous_digests) if digests.get(y) != previous_digests.get(y)}
    full = {y for y in changed if y in digests}  # every row of these years is recomputed
    follow = {y + 1 for y in changed if y is not None and y + 1 in digests} - full  # only their previous-year columns
    if not full and not follow:
        return previous.join(docs.select("report_id"), on="report_id", how="semi").select(list(SCHEMA)), digests
    # A year that only gained reports (the usual rerun: a few reports added) recomputes the rows near the new
    # ones; the others keep theirs, with their previous-year columns brought up to date.
    gained = _gained(previous, docs, full)
    needed = full | follow | {y - 1 for y in full | follow if y is not None}
    indexed = _indexed(load_prints(needed), docs.filter(in_years(needed)))
    whole = full - set(gained)
    fresh = [_nearest(indexed, only_years=whole)] if whole else []
    if gained:
        fresh.append(_nearest(indexed, only_years=set(gained), new_ids=set().union(*gained.values())))
    fresh_df = pl.concat(fresh) if fresh else pl.DataFrame(schema=SCHEMA)
    previous = previous.select(list(SCHEMA))
    redo = follow | set(gained)
    redone = _previous_columns(indexed, redo, previous.join(fresh_df.select("report_id"), on="report_id", how="anti")) if redo else pl.DataFrame(schema=SCHEMA)
    keep = docs.filter(~in_years(full | follow)).select("report_id")
    result = pl.concat([previous.join(keep, on="report_id", how="semi"), fresh_df, redone])
    return result.sort("report_id"), digests


def _gained(previous: pl.DataFrame, docs: pl.DataFrame, years: set[int | None]) -> dict[int | None, set[str]]:
    """Years whose reports are those of the last computation plus some new ones: year → the new report ids.

    Needs the year of each previous row (a ``year`` column of ``previous``); without it, nothing."""
    if "year" not in previous.columns:
        return {}
    out = {}
    for y in years:
        before = set(previous.filter(in_years({y}))["report_id"].to_list())
        now = set(docs.filter(in_years({y}))["report_id"].to_list())
        if before and before <= now:
            out[y] = now - before
    return out


def _previous_columns(indexed: tuple, years: set[int | None], previous: pl.DataFrame) -> pl.DataFrame:
    """Rows of ``years`` (whose own reports did not change) with their previous-year columns brought up to date.

    Only a row whose previous-year report is now another one is recomputed; the others are kept as they were."""
    data, ids, yrs, issuer, grams, index_of = indexed
    targets = [i for i, y in enumerate(yrs) if y in years]
    prev_of = [index_of.get((issuer[i], yrs[i] - 1)) if yrs[i] is not None else None for i in targets]
    now = pl.DataFrame({"report_id": [ids[i] for i in targets], "row": targets, "prev_row": prev_of,
                        "prev_now": [ids[p] if p is not None else None for p in prev_of]},
                       schema={"report_id": pl.String, "row": pl.Int64, "prev_row": pl.Int64, "prev_now": pl.String})
    joined = previous.join(now, on="report_id", how="inner")
    moved = joined.filter(pl.col("prev_now").ne_missing(pl.col("previous_report_id")))
    if moved.is_empty():
        return joined.select(list(SCHEMA))
    sims = [jaccard(grams[i], grams[p]) if p is not None else None for i, p in moved.select("row", "prev_row").iter_rows()]
    fixed = moved.with_columns(pl.col("prev_now").alias("previous_report_id"), pl.Series("previous_similarity", sims, dtype=pl.Float64)).with_columns(
        (pl.col("previous_similarity") >= NEAR_COPY).alias("is_near_copy_of_previous"))
    kept = joined.filter(pl.col("prev_now").eq_missing(pl.col("previous_report_id")))
    return pl.concat([kept.select(list(SCHEMA)), fixed.select(list(SCHEMA))])


def in_years(years: set[int | None]) -> pl.Expr:
    """Rows whose year is in ``years`` (None stands for an unknown year)."""
    expr = pl.col("year").is_in([y for y in years if y is not None]).fill_null(False)
    return expr | pl.col("year").is_null() if None in years else expr
