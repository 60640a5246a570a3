"""Government information disclosure annual reports (政府信息公开工作年度报告) → tidy tables and a site."""

__version__ = "0.1.0"
