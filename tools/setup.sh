#!/bin/sh
# Create the project-local virtual environment and install the project into it.
# Exactly the versions of requirements.lock are installed (hashes checked), then the
# project itself without resolving anything (--no-deps): a rerun next year gets the
# same packages. `make lock` updates the lock after pyproject.toml changes (keeping
# every pin it can); `make upgrade` moves every package to its newest version.
# Idempotent: rerunning only installs what changed. Uses uv when it can be had
# (much faster), plain pip otherwise. quarto-cli is tried separately: its PyPI
# package downloads the Quarto binary from GitHub at install time, which fails
# on machines without general internet access; the site then renders through
# the nbclient/nbconvert fallback.
# Packages are installed with their bytecode compiled (uv skips that by default): without
# it, every command compiles Polars, NumPy and the rest again wherever bytecode is not
# written back (PYTHONDONTWRITEBYTECODE, read-only installs), about a second per command.
set -eu
VENV=${1:-.venv}
PYTHON=${PYTHON:-python3}

if [ ! -x "$VENV/bin/python" ]; then
    echo "setup: creating $VENV with $($PYTHON --version 2>&1)"
    "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"

if [ ! -x "$VENV/bin/uv" ]; then
    "$PY" -m pip install --quiet --disable-pip-version-check uv || true
fi

install() {
    if [ -x "$VENV/bin/uv" ]; then
        "$VENV/bin/uv" pip install --quiet --compile-bytecode --python "$PY" "$@"
    else
        "$PY" -m pip install --quiet --disable-pip-version-check "$@"
    fi
}

LOCK=${LOCK:-requirements.lock}
echo "setup: installing the locked dependencies ($LOCK) and the project into $VENV"
install --require-hashes -r "$LOCK"
install --no-deps -e .
"$PY" -m compileall -q src >/dev/null || true  # the project's own modules (an edit later is recompiled as usual)

if command -v quarto >/dev/null 2>&1 || [ -x "$VENV/bin/quarto" ]; then
    echo "setup: quarto found"
elif install "quarto-cli" >/dev/null 2>&1 && "$VENV/bin/quarto" --version >/dev/null 2>&1; then
    echo "setup: quarto-cli installed"
else
    echo "setup: quarto-cli could not be installed here (its binary is downloaded from GitHub); the site will use the nbconvert fallback"
fi
echo "setup: done"
