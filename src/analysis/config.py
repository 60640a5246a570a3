"""Project paths, resolved from this file so that notebooks and scripts never hard-code them."""

import os
from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = PROJ_ROOT / "data" / "raw"
PROCESSED_DIR = PROJ_ROOT / "data" / "processed"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = PROJ_ROOT / "reports"
SITE_DIR = REPORTS_DIR / "site"


def processed_dir() -> Path:
    """Where notebooks read the tables: ANALYSIS_DATA_DIR when the site renderer sets it, else data/processed."""
    return Path(os.environ.get("ANALYSIS_DATA_DIR") or PROCESSED_DIR)
