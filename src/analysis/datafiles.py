"""The package's data files (rule tables, dictionaries, gazetteer), read one way everywhere."""

from __future__ import annotations

import csv
from importlib import resources


def read_text(name: str) -> str:
    """A file of ``analysis/data/`` as text."""
    return resources.files("analysis").joinpath(f"data/{name}").read_text(encoding="utf-8")


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a tab-separated rule table; lines starting with '#' are its documentation."""
    lines = [line for line in read_text(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
