"""Word segmentation for the problems-and-improvements text.

jieba (precise mode) is the reference segmenter; rjieba, its Rust port, gives
the same Han tokens about 15× faster and is used when it is installed (a test
checks that both give identical tokens on the seeds and fixtures). Both load
the domain user dictionary ``data/userdict.tsv`` so that terms of the genre
(依申请公开, 政策解读…) stay whole.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from .datafiles import read_text, read_tsv

HAN = re.compile(r"[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def user_dictionary() -> tuple[tuple[str, int, str], ...]:
    """(term, freq, pos) of the domain dictionary."""
    return tuple((r["term"], int(r["freq"]), r["pos"]) for r in read_tsv("userdict.tsv"))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(line.strip() for line in read_text("stopwords.txt").splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=2)
def segmenter(engine: str = "auto"):
    """A tokenizer with the user dictionary loaded: rjieba if available (engine auto/rjieba), else jieba."""
    if engine in ("auto", "rjieba"):
        try:
            import rjieba
        except ImportError:
            if engine == "rjieba":
                raise
        else:
            seg = rjieba.Jieba()
            for term, freq, pos in user_dictionary():
                seg.add_word(term, freq, pos)
            return "rjieba", lambda text: list(seg.cut(text))
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    for term, freq, pos in user_dictionary():
        tok.add_word(term, freq, pos)
    return "jieba", lambda text: tok.lcut(text, HMM=True)


def han_tokens(text: str, engine: str = "auto") -> list[str]:
    """Segmented tokens that contain at least one Han character (digits, Latin and punctuation dropped)."""
    _, cut = segmenter(engine)
    return [t for t in cut(text) if HAN.search(t)]
