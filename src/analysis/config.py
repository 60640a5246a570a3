"""Project paths, resolved from this file so that notebooks and scripts never hard-code them."""

from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[2]
RAW_DIR = PROJ_ROOT / "data" / "raw"
PROCESSED_DIR = PROJ_ROOT / "data" / "processed"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = PROJ_ROOT / "reports"
SITE_DIR = REPORTS_DIR / "site"
