"""Render the site: Quarto when it is installed, otherwise the same pages through nbclient/nbconvert.

Both paths read the page list and navbar from ``_quarto.yml``, run the notebooks
from the project root against the chosen data folder (``ANALYSIS_DATA_DIR``),
and publish into the output folder atomically. Prose pages (.qmd) hold no code:
everything computed lives in notebooks, so the fallback can render them as
plain Markdown.
"""

from __future__ import annotations

import atexit
import html
import os
import re
import posixpath
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import viewer
from .concordance import write_concordance
from .config import PROJ_ROOT
from .publish import Staging


@dataclass(frozen=True)
class RenderResult:
    path: str  # "quarto" or "fallback"
    why: str
    pages: int
    out: Path
    seconds: float

    def line(self) -> str:
        how = "Quarto" if self.path == "quarto" else "the nbclient/nbconvert fallback"
        return f"site: rendered {self.pages} pages with {how} ({self.why}) in {self.seconds:.1f} s → {self.out / 'index.html'}"


@dataclass(frozen=True)
class Page:
    source: str  # project-relative path of the .qmd or .ipynb
    text: str  # navbar label

    @property
    def target(self) -> str:
        return posixpath.splitext(self.source)[0] + ".html"


def site_config(root: Path = PROJ_ROOT) -> tuple[str, list[Page], list[str]]:
    """Site title, navbar pages and the full render list from _quarto.yml."""
    cfg = yaml.safe_load((root / "_quarto.yml").read_text(encoding="utf-8"))
    website = cfg.get("website", {})
    nav = [Page(item["href"], item.get("text", item["href"])) for item in website.get("navbar", {}).get("left", [])]
    render = cfg.get("project", {}).get("render") or [p.source for p in nav]
    return website.get("title", "Site"), nav, render


def find_quarto() -> str | None:
    venv_quarto = Path(os.sys.executable).parent / "quarto"
    return shutil.which("quarto") or (str(venv_quarto) if venv_quarto.exists() else None)


def render(data: Path, out: Path, renderer: str = "auto", root: Path = PROJ_ROOT) -> RenderResult:
    start = time.perf_counter()
    data, out = Path(data).resolve(), Path(out).resolve()
    if not (data / "documents.parquet").exists():
        raise FileNotFoundError(f"no built tables in {data}: run `analysis build` first")
    quarto = find_quarto()
    if renderer == "quarto" and not quarto:
        raise RuntimeError("--renderer quarto: quarto is not installed (not on PATH)")
    use_quarto = renderer == "quarto" or (renderer == "auto" and quarto is not None)
    why = f"quarto found at {quarto}" if use_quarto else ("requested" if renderer == "fallback" else "quarto not found on PATH")
    env = {**os.environ, "ANALYSIS_DATA_DIR": str(data)}
    with Staging(out) as stage:
        if use_quarto:
            pages = _render_quarto(quarto, root, stage.dir, env)
        else:
            pages = _render_fallback(root, stage.dir, env)
        copy_downloads(data, stage.dir / DOWNLOADS)
        viewer.write(data, stage.dir, root)  # the report viewer: a page of its own, from the tables, no kernel
        write_concordance(data, stage.dir)  # the concordance page's data and script (analysis.concordance)
    return RenderResult("quarto" if use_quarto else "fallback", why, pages, out, time.perf_counter() - start)


DOWNLOADS = "data/processed"


def copy_downloads(data: Path, dest: Path) -> None:
    """Every table as CSV and Parquet (folders of parts too), and build.json, next to the pages that link to them.

    Files are hard-linked where possible: the site then costs no time or space however big the tables are.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for f in sorted(data.iterdir()):
        if f.name.startswith("."):
            continue
        if f.is_dir():
            copy_downloads(f, dest / f.name)
        elif f.suffix in (".csv", ".parquet", ".json", ".dta") and f.is_file():
            try:
                os.link(f, dest / f.name)
            except OSError:
                shutil.copy2(f, dest / f.name)


def qmd_to_notebook(text: str):
    """A .qmd page as a notebook: ```{python} chunks become code cells, the rest markdown (front matter first)."""
    import nbformat

    meta, body = _front_matter(text)
    cells = []
    if meta:
        cells.append(nbformat.v4.new_markdown_cell("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---"))
    parts = re.split(r"^```\{python[^}]*\}[ \t]*\n(.*?)^```[ \t]*$", body, flags=re.M | re.S)
    for i, part in enumerate(parts):
        if i % 2:
            cells.append(nbformat.v4.new_code_cell(part.rstrip("\n")))
        elif part.strip():
            cells.append(nbformat.v4.new_markdown_cell(part.strip("\n")))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _render_quarto(quarto: str, root: Path, dest: Path, env: dict) -> int:
    # Quarto must run the notebooks with this environment's Python (where `analysis` is installed).
    env = {**env, "QUARTO_PYTHON": os.sys.executable,
           "PATH": str(Path(os.sys.executable).parent) + os.pathsep + env.get("PATH", "")}
    proc = subprocess.run([quarto, "render", str(root), "--output-dir", str(dest)], env=env, cwd=root,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"quarto render failed:\n{proc.stderr[-4000:]}")
    return len(list(dest.rglob("*.html")))


# ------------------------------------------------------------- fallback ---

_CSS = """
body{font-family:system-ui,-apple-system,"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0;color:#212529;line-height:1.55}
nav.navbar{background:#2c3e50;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
nav.navbar a{color:#fff;text-decoration:none}nav.navbar a.active{font-weight:700;text-decoration:underline}
nav.navbar .site-title{font-weight:700;margin-right:1rem}
main{max-width:1100px;margin:1.5rem auto;padding:0 1.2rem}
table{border-collapse:collapse}code{background:#f4f4f4;padding:0 .2em}
.render-note{color:#6c757d;font-size:.85em;border-top:1px solid #dee2e6;margin-top:3rem;padding-top:.5rem}
.jp-OutputArea-output pre{white-space:pre-wrap}
a.anchor-link{visibility:hidden;text-decoration:none;margin-left:.3em;color:#6c757d}
h1:hover>a.anchor-link,h2:hover>a.anchor-link,h3:hover>a.anchor-link,h4:hover>a.anchor-link{visibility:visible}
"""


FALLBACK_NOTE = "Rendered by the nbclient/nbconvert fallback (Quarto was not available)."


def _page_html(title: str, site_title: str, nav: list[Page], current: str, body: str, note: str = FALLBACK_NOTE) -> str:
    depth = current.count("/")
    prefix = "../" * depth
    active = ' class="active"'
    links = "".join(
        f'<a href="{html.escape(prefix + p.target)}"{active if p.target == current else ""}>{html.escape(p.text)}</a>'
        for p in nav
    )
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{html.escape(title)} – {html.escape(site_title)}</title><style>{_CSS}</style></head><body>"
        f'<nav class="navbar"><a class="site-title" href="{html.escape(prefix)}index.html">{html.escape(site_title)}</a>{links}</nav>'
        f"<main><h1>{html.escape(title)}</h1>{body}"
        f'<p class="render-note">{html.escape(note)}</p>'
        "</main></body></html>\n"
    )


def _front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return yaml.safe_load(text[3:end]) or {}, text[end + 4 :]
    return {}, text


KERNEL_ATTEMPTS = 4  # a kernel that dies before it replies is started again, this many times in all
KERNEL_STARTUP_TIMEOUT = 180  # s to wait for a kernel's first reply (nbclient's default, 60 s, is short on a busy machine)
KERNEL_BACKOFF = 2.0  # s before the second start, doubled before each further one
KERNEL_STAGGER = 1.5  # s between the starts of the first kernels, which would otherwise all import at once


class KernelStartError(RuntimeError):
    """A notebook's kernel could not be started, however many times it was tried."""


def _execute(nb, root: Path, kernel_name: str = "python3", attempts: int = KERNEL_ATTEMPTS,
             backoff: float = KERNEL_BACKOFF, startup_timeout: float = KERNEL_STARTUP_TIMEOUT, delay: float = 0.0) -> int:
    """Run a notebook in place in a new kernel, from the project root; return how many kernel starts it took.

    A first render on a busy machine can lose a kernel at start-up ("Kernel died before replying to
    kernel_info"), with nothing wrong with the notebook. A start that fails before the kernel has
    replied is retried with back-off; an error once the kernel runs (a cell's) is not.
    """
    from nbclient import NotebookClient

    if delay:
        time.sleep(delay)
    errors = []
    for attempt in range(1, attempts + 1):
        ready = []
        client = NotebookClient(nb, timeout=900, startup_timeout=startup_timeout, kernel_name=kernel_name,
                                resources={"metadata": {"path": str(root)}}, on_notebook_start=lambda **_: ready.append(True))
        try:
            # Cell errors arrive as messages and raise CellExecutionError; the kernel
            # process's own stderr only carries transport warnings, so it is muted.
            client.execute(stderr=subprocess.DEVNULL)
            return attempt
        except Exception as e:  # noqa: BLE001 - which start-up failure nbclient raises varies by version
            if ready:
                raise
            # nbclient registers its clean-up at exit before the kernel starts and only drops it once the
            # kernel has run; the failed kernel is cleaned up already.
            atexit.unregister(client._cleanup_kernel)
            errors.append(f"{type(e).__name__}: {e}")
            if attempt < attempts:
                wait = backoff * 2 ** (attempt - 1)
                print(f"site: kernel {kernel_name!r} did not start (attempt {attempt} of {attempts}: {errors[-1]}); "
                      f"trying again in {wait:g} s", file=sys.stderr, flush=True)
                time.sleep(wait)
    raise KernelStartError(f"kernel {kernel_name!r} did not start in {attempts} attempts: " + "; ".join(errors))


def _render_fallback(root: Path, dest: Path, env: dict) -> int:
    import nbformat
    from markdown_it import MarkdownIt
    from nbconvert import HTMLExporter

    site_title, nav, render_list = site_config(root)
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    old_env = os.environ.copy()
    os.environ.update(env)  # the kernels inherit the data folder
    try:
        texts = {source: (root / source).read_text(encoding="utf-8") for source in render_list if not source.endswith(".ipynb")}
        notebooks = {}
        for source in render_list:
            if source.endswith(".ipynb"):
                notebooks[source] = nbformat.read(root / source, as_version=4)
            elif "```{python" in texts[source]:
                notebooks[source] = qmd_to_notebook(texts[source])
        # Each notebook in its own kernel, as many at once as there are cores: most of a page's time is
        # the kernel starting and importing the libraries, which does not grow with the corpus.
        # The first kernels start a little apart (the later ones start as earlier ones finish), and a
        # kernel that dies at start-up is started again (see _execute).
        workers = max(1, min(len(notebooks), os.cpu_count() or 1))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_execute, nb, root, delay=KERNEL_STAGGER * i if i < workers else 0.0)
                       for i, nb in enumerate(notebooks.values())]
            for future in futures:
                future.result()
        for source in render_list:
            target = posixpath.splitext(source)[0] + ".html"
            if source in notebooks:
                nb = notebooks[source]
                # Front matter: a raw first cell (Quarto's convention) or a markdown one (from .qmd pages).
                meta, rest = _front_matter("".join(nb.cells[0].source)) if nb.cells and nb.cells[0].cell_type in ("raw", "markdown") else ({}, "")
                if meta:
                    if nb.cells[0].cell_type == "raw" or not rest.strip():
                        nb.cells = nb.cells[1:]
                    else:
                        nb.cells[0].source = rest
                body, _ = exporter.from_notebook_node(nb)
                title = meta.get("title", posixpath.basename(target))
            else:
                meta, text = _front_matter(texts[source])
                body = md.render(text)
                title = meta.get("title", posixpath.basename(target))
            out_file = dest / target
            out_file.parent.mkdir(parents=True, exist_ok=True)
            out_file.write_text(_page_html(str(title), site_title, nav, target, body), encoding="utf-8")
    finally:
        os.environ.clear()
        os.environ.update(old_env)
    return len(render_list)
