from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl
import pytest

from analysis import tables
from analysis.build import build
from analysis.schema import TABLES

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
SEEDS = {
    "hongze": "000_4c968f10fc5de52b.txt",
    "xiangtan": "001_a1ae499f7f2fe0ec.txt",
    "wendeng": "002_8a329b465c1fe65d.txt",
    "etuoke": "003_5b48e1924422d7f6.txt",
    "shayibake": "004_76a12578b32a6522.txt",
}


def seed_bytes(name: str) -> bytes:
    return (RAW / SEEDS[name]).read_bytes()


def seed_text(name: str) -> str:
    return seed_bytes(name).decode("utf-8")


def checksums(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> dict[str, pl.DataFrame]:
    """One build of the shipped data/raw (the five seeds + SOURCES.csv) for read-only tests."""
    out = tmp_path_factory.mktemp("seeds") / "processed"
    build(RAW, out, jobs=1, progress=False)
    return {t.name: tables.load(t.name, out) for t in TABLES}


@pytest.fixture
def make_raw(tmp_path):
    """Write a raw folder from {relative path: bytes or str}."""

    def make(files: dict[str, bytes | str]) -> Path:
        raw = tmp_path / "raw"
        raw.mkdir(exist_ok=True)
        for rel, content in files.items():
            path = raw / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return raw

    return make
