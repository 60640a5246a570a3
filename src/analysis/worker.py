"""A warm worker for reruns: one process that loads the extraction's dictionaries while the build lists files.

Processing one new report takes a few milliseconds; loading what processing needs (the tokenizer's
dictionary, the gazetteer's index of place names, compiled patterns) takes a third of a second, all of
it Python holding its lock, so a thread cannot overlap it. When a rerun of a large corpus starts, a
process is started to load them on the other core while this one lists 100,000 files and plans; the
few new files are then processed there, warm. Should the worker fail to start or die, the files are
processed in the build's own process, as without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module is imported before anything heavy: the worker starts first
    from .ingest import Entry

# Files in the last build from which a rerun starts a warm worker. The worker is warm about a second after
# it starts; the build reaches its new files after listing the old ones (4–5 µs each): below some 50,000
# files it would wait for the worker longer than processing the files itself takes.
WARM_FROM = 50_000
# Seconds the build waits for a worker that has imported the package and is loading the rest (about 0.3 s
# left) before processing the files itself; a worker still importing is not waited for. About what
# processing them here costs (loading included), so that neither way waits much longer than the other.
# The environment variable ANALYSIS_WARM_WAIT overrides it (the tests wait as long as it takes).
READY_WAIT = 0.4

# A short report in the 2021 template: processing it loads everything a real one needs.
SAMPLE = (
    "2023年北京市海淀区人民政府政府信息公开工作年度报告\n"
    "一、总体情况\n本年度共主动公开政府信息120条，收到政府信息公开申请35件。\n"
    "二、主动公开政府信息情况\n第二十条第（一）项 | 规章 | 0 | 0 | 0\n"
    "三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量 | 35\n予以公开 | 20\n"
    "四、政府信息公开行政复议、行政诉讼情况\n行政复议 维持 2 纠正 0\n"
    "五、存在的主要问题及改进情况\n政策解读形式较为单一，信息公开队伍业务能力有待提升。下一步将加强培训，完善工作机制。\n"
    "六、其他需要报告的事项\n本年度未收取信息处理费。\n"
).encode("utf-8")


def warm_up() -> None:
    """Load what processing a report needs, by processing a sample report (nothing is written)."""
    from .gazetteer import _mention_index
    from .ingest import process_bytes
    from .segment import segmenter

    segmenter()
    _mention_index()
    process_bytes(SAMPLE, "warm-up.txt")


class _Duplex:
    """Two one-way pipes as one connection."""

    def __init__(self, recv: Connection, send: Connection) -> None:
        self.recv, self.send = recv.recv, send.send


def _serve(conn) -> None:
    """The worker's loop: import, warm up, then run the batches it is sent until told to stop (None). It says
    when it has imported the package and when it is warm."""
    from .batches import run_batch

    try:
        conn.send(("imported", None))
        warm_up()
        conn.send(("ready", None))
        while (job := conn.recv()) is not None:
            folder, entries = job
            try:
                conn.send(("ok", run_batch(folder, entries)))
            except Exception as exc:  # reported to the build, which then processes the batch itself
                conn.send(("error", repr(exc)))
    except (EOFError, OSError, KeyboardInterrupt):
        return


def default_jobs() -> int:
    """Worker processes a build uses unless told: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def start_for_rerun(out: Path, jobs: int | None = None) -> WarmWorker | None:
    """A warm worker when ``out`` holds a build of at least WARM_FROM files (its build.json says so), more than
    one process may run, and the platform can pass pipes to a child; else None. Read before the build's own
    imports, so that the worker starts a third of a second earlier."""
    if os.name != "posix" or (jobs or default_jobs()) < 2:
        return None
    try:
        files = json.loads((Path(out) / "build.json").read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, int) or files < WARM_FROM:
        return None
    try:
        return WarmWorker()
    except OSError:
        return None


class WarmWorker:
    """The worker process, started at once; :meth:`run` a batch in it, :meth:`close` it.

    A fresh interpreter running this module, talking over two pipes: not a multiprocessing child, which
    would first re-run the calling script (a script without an ``if __name__ == "__main__"`` guard would
    build again inside it).
    """

    def __init__(self) -> None:
        child_reads, parent_writes = os.pipe()
        parent_reads, child_writes = os.pipe()
        package_root = str(Path(__file__).resolve().parents[1])  # the worker imports this very package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "analysis.worker", str(child_reads), str(child_writes)],
                pass_fds=(child_reads, child_writes), env=env, stdin=subprocess.DEVNULL, close_fds=True)
        except OSError:
            os.close(parent_writes)
            os.close(parent_reads)
            raise
        finally:
            os.close(child_reads)
            os.close(child_writes)
        self._send = Connection(parent_writes, readable=False)
        self._recv = Connection(parent_reads, writable=False)
        self.closed = False
        self.imported = False  # told so by the worker once it has imported the package
        self.ready = False  # and once warm
        self.used = False  # whether it processed a batch

    def run(self, folder: Path, entries: list["Entry"]) -> bool:
        """Process one batch in the worker; False when it could not, or is not warm within READY_WAIT seconds
        (the caller then processes the batch itself)."""
        if self.closed:
            return False
        try:
            if not self.ready:
                wait = float(os.environ.get("ANALYSIS_WARM_WAIT", READY_WAIT))
                while not self.ready:
                    if not self._recv.poll(wait if self.imported or "ANALYSIS_WARM_WAIT" in os.environ else 0):
                        return False
                    state = self._recv.recv()[0]
                    self.imported |= state == "imported"
                    self.ready = state == "ready"
            self._send.send((folder, entries))
            status, _ = self._recv.recv()
        except (EOFError, OSError):
            return False
        self.used |= status == "ok"
        return status == "ok"

    def close(self) -> None:
        """Stop the worker (mid-warm-up when there was nothing for it to do); once is enough."""
        if self.closed:
            return
        self.closed = True
        try:
            self._send.send(None)
        except OSError:
            pass
        self._send.close()
        self._recv.close()
        try:
            self._proc.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            self._proc.terminate()
            self._proc.wait()


if __name__ == "__main__":
    _serve(_Duplex(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False)))
