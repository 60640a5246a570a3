"""Copy-paste similarity updated near the new reports gives what a full recomputation gives."""

import random

import numpy as np
import polars as pl

from analysis import similarity as S
from analysis.similarity import PRINT_SCHEMA, fingerprint, in_years, similarities_from_prints, update_similarities

from conftest import RAW

SENTENCES = [s + "。" for p in sorted(RAW.glob("*.txt")) for s in p.read_text(encoding="utf-8").split("。") if len(s) > 12]


def _corpus(n: int, seed: int, years=(2019, 2020, 2021)):
    """n reports whose texts are drawn from a few model texts (near-copies in buckets far bigger than BUCKET_CAP)
    and from random real sentences (texts with few neighbours)."""
    rng = random.Random(seed)
    models = [rng.sample(SENTENCES, 12) for _ in range(3)]
    rows, texts = [], {}
    for i in range(n):
        rid = f"r{seed}-{i:05d}"
        if rng.random() < 0.7:
            base = rng.choice(models)
            text = "".join(s for s in base if rng.random() < 0.97)
        else:
            text = "".join(rng.sample(SENTENCES, 8))
        issuer = f"局{rng.randrange(max(1, n // 3))}"
        rows.append((rid, rng.choice(years), str(rng.randrange(5)), issuer, "某县"))
        texts[rid] = text
    docs = pl.DataFrame(rows, schema={"report_id": pl.String, "year": pl.Int64, "adcode": pl.String, "issuer": pl.String, "jurisdiction": pl.String},
                        orient="row")
    prints = pl.DataFrame([{**fingerprint(r, texts[r]), "year": y} for r, y, *_ in rows if fingerprint(r, texts[r])], schema=PRINT_SCHEMA)
    return docs, prints


def _with_year(result: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    return result.join(docs.select("report_id", "year"), on="report_id", how="left")  # as the build stores it


def _old_candidate_pairs(members, sigs):
    """The pairing as first written (a loop over distances in each band's sorted buckets): the reference."""
    per = S.N_HASHES // S.BANDS
    found = []
    with np.errstate(over="ignore"):
        for band in range(S.BANDS):
            cols = sigs[members, band * per : (band + 1) * per]
            key = cols[:, 0].copy()
            for c in range(1, per):
                key = key * S._MIX + cols[:, c]
            order = np.argsort(key, kind="stable")
            k, rows = key[order], members[order]
            for d in range(1, min(S.BUCKET_CAP, members.size - 1) + 1):
                same = k[d:] == k[:-d]
                if not same.any():
                    break
                a, b = rows[:-d][same], rows[d:][same]
                found.append(np.stack((np.minimum(a, b), np.maximum(a, b)), axis=1))
    return np.unique(np.concatenate(found).astype(np.int64), axis=0) if found else np.zeros((0, 2), dtype=np.int64)


def test_candidate_pairs_are_those_of_the_reference_pairing():
    docs, prints = _corpus(400, seed=1)
    sigs = np.frombuffer(b"".join(prints["signature"].to_list()), dtype=np.uint64).reshape(prints.height, S.N_HASHES)
    members = np.arange(prints.height)
    pairs = S._candidate_pairs(members, sigs)
    assert pairs.shape[0] > S.BUCKET_CAP * 100  # big buckets: the cap is exercised
    assert np.array_equal(pairs, _old_candidate_pairs(members, sigs))
    sub = members[::3]
    assert np.array_equal(S._candidate_pairs(sub, sigs), _old_candidate_pairs(sub, sigs))


def test_focused_pairs_are_every_pair_of_the_focused_rows():
    docs, prints = _corpus(300, seed=2)
    sigs = np.frombuffer(b"".join(prints["signature"].to_list()), dtype=np.uint64).reshape(prints.height, S.N_HASHES)
    members = np.arange(prints.height)
    focus = np.zeros(prints.height, dtype=bool)
    focus[[5, 77, 150]] = True
    every = {tuple(p) for p in S._candidate_pairs(members, sigs).tolist()}
    some = {tuple(p) for p in S._candidate_pairs(members, sigs, focus).tolist()}
    assert some <= every
    assert {p for p in every if focus[p[0]] or focus[p[1]]} <= some


def test_adding_reports_updates_near_them_and_equals_a_full_recomputation():
    docs, prints = _corpus(600, seed=3)
    extra_docs, extra_prints = _corpus(12, seed=4)  # new reports, some copies of the same models, some of old issuers
    first, digests = update_similarities(lambda years: prints, docs, None, None)
    # and a copy, by another issuer, of the old report with the least similar neighbour: its row must change
    lonely = first.filter(pl.col("nearest_similarity").is_not_null()).sort("nearest_similarity")["report_id"][0]
    copy_doc = docs.filter(pl.col("report_id") == lonely).with_columns(report_id=pl.lit("zcopy"), issuer=pl.lit("另一局"))
    copy_print = prints.filter(pl.col("report_id") == lonely).with_columns(report_id=pl.lit("zcopy"))
    docs1, prints1 = pl.concat([docs, extra_docs, copy_doc]), pl.concat([prints, extra_prints, copy_print])
    loads = []

    def load(years):
        loads.append(years)
        return prints1 if years is None else prints1.filter(in_years(years))

    updated, _ = update_similarities(load, docs1, _with_year(first, docs), digests)
    full = similarities_from_prints(prints1, docs1).sort("report_id")
    assert updated.columns == full.columns
    assert updated.equals(full)
    assert loads and None not in loads  # not a full recomputation
    assert updated.filter(pl.col("report_id") == lonely)["nearest_report_id"].item() == "zcopy"


def test_only_rows_near_the_new_report_are_recomputed(monkeypatch):
    docs, prints = _corpus(500, seed=5)
    first, digests = update_similarities(lambda years: prints, docs, None, None)
    new_docs, new_prints = _corpus(1, seed=6, years=(2020,))
    docs1, prints1 = pl.concat([docs, new_docs]), pl.concat([prints, new_prints])
    computed = []
    jaccard = S.jaccard

    def counting(a, b):
        computed.append(1)
        return jaccard(a, b)

    monkeypatch.setattr(S, "jaccard", counting)
    updated, _ = update_similarities(lambda years: prints1.filter(in_years(years)), docs1, _with_year(first, docs), digests)
    n_2020 = docs1.filter(pl.col("year") == 2020).height
    assert len(computed) < 4 * n_2020 / 2, "a full recomputation of the year would compare every report of it"
    monkeypatch.setattr(S, "jaccard", jaccard)
    assert updated.equals(similarities_from_prints(prints1, docs1).sort("report_id"))


def test_a_year_that_lost_a_report_is_recomputed_whole():
    docs, prints = _corpus(300, seed=7)
    first, digests = update_similarities(lambda years: prints, docs, None, None)
    gone = docs.filter(pl.col("year") == 2021)["report_id"][0]
    docs1, prints1 = docs.filter(pl.col("report_id") != gone), prints.filter(pl.col("report_id") != gone)
    updated, _ = update_similarities(lambda years: prints1.filter(in_years(years)), docs1, _with_year(first, docs), digests)
    assert updated.equals(similarities_from_prints(prints1, docs1).sort("report_id"))
    assert gone not in updated["report_id"].to_list()


# ------------------------------------------------------------------ prints filed by year (reruns)


def _part(folder, rows):
    from analysis.similarity import PRINT_SCHEMA

    folder.mkdir(parents=True)
    pl.DataFrame(rows, schema=PRINT_SCHEMA, orient="row").write_parquet(folder / "prints.parquet")
    from analysis.corpus import Published

    return Published(folder, set())


def _oracle(parts, years):
    from analysis.corpus import read_all, in_years

    every = read_all(parts, "prints").collect()
    return (every.filter(in_years(years)) if years is not None else every).sort("report_id")


def test_prints_are_filed_by_year_and_a_rerun_reads_only_the_years_it_needs(tmp_path):
    from analysis.corpus import PRINTS_BY_YEAR, prints_of_years

    store = tmp_path / "store"
    b = store / "batches"
    parts = [_part(b / "b1", [("r1", b"s1", b"g1", 2020), ("r2", b"s2", b"g2", 2021), ("r3", b"s3", b"g3", None)]),
             _part(b / "b2", [("r4", b"s4", b"g4", 2021), ("r5", b"s5", b"g5", 2022)])]
    assert prints_of_years(parts, {2021}, store).sort("report_id").equals(_oracle(parts, {2021}))
    filed = store / PRINTS_BY_YEAR
    assert sorted(f.name for f in filed.glob("*.parquet")) == ["y2020.parquet", "y2021.parquet", "y2022.parquet", "ynull.parquet"]
    inode_2020 = (filed / "y2020.parquet").stat().st_ino
    # A rerun adds a part holding a report of 2021: that year's file is rewritten, the others stay the same files.
    parts.append(_part(b / "b3", [("r6", b"s6", b"g6", 2021)]))
    got = prints_of_years(parts, {2020, 2021}, store)
    assert got.sort("report_id").equals(_oracle(parts, {2020, 2021}))
    assert (filed / "y2020.parquet").stat().st_ino == inode_2020
    assert pl.read_parquet(filed / "y2021.parquet")["report_id"].sort().to_list() == ["r2", "r4", "r6"]
    assert prints_of_years(parts, None, store).sort("report_id").equals(_oracle(parts, None))
    assert prints_of_years(parts, {None, 2023}, store).sort("report_id").equals(_oracle(parts, {None, 2023}))
    # A part of the last build gone (merged away): everything is filed again from the parts.
    del parts[1]
    assert prints_of_years(parts, {2021}, store).sort("report_id").equals(_oracle(parts, {2021}))
    assert sorted(f.name for f in filed.glob("*.parquet")) == ["y2020.parquet", "y2021.parquet", "ynull.parquet"]
    assert pl.read_parquet(filed / "y2021.parquet")["report_id"].sort().to_list() == ["r2", "r6"]


def test_prints_of_a_year_the_new_part_adds_but_the_rerun_does_not_read_are_filed_too(tmp_path):
    from analysis.corpus import PRINTS_BY_YEAR, prints_of_years

    store = tmp_path / "store"
    parts = [_part(store / "batches" / "b1", [("r1", b"s1", b"g1", 2020)])]
    prints_of_years(parts, {2020}, store)
    parts.append(_part(store / "batches" / "b2", [("r2", b"s2", b"g2", 2020), ("r3", b"s3", b"g3", 2024)]))
    assert prints_of_years(parts, {2020}, store)["report_id"].sort().to_list() == ["r1", "r2"]
    assert pl.read_parquet(store / PRINTS_BY_YEAR / "y2024.parquet")["report_id"].to_list() == ["r3"]
    assert prints_of_years(parts, {2024}, store)["report_id"].to_list() == ["r3"]
