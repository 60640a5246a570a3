"""Government information disclosure annual reports (政府信息公开工作年度报告) → tidy tables and a site."""

import os

# NumPy (the MinHash signatures, the Stata writer) starts OpenBLAS's thread pool on import, whose idle threads
# spin for CPU the build's own threads need; the project does no linear algebra. A user's setting is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
