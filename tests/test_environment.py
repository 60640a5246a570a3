"""pyproject.toml and environment.yml must declare the same packages."""

import re
import tomllib

import yaml

from conftest import ROOT

# PyPI name → conda-forge name, where they differ.
CONDA_NAME = {"quarto-cli": "quarto"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~\[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement[len(_name(requirement)) :])


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"]) + [r for extra in project["optional-dependencies"].values() for r in extra]
    return {CONDA_NAME.get(_name(r), _name(r)): _spec(r) for r in reqs}


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [d for section in env["dependencies"] if isinstance(section, dict) for d in section["pip"] if not d.startswith("-e")]
    return {_name(d): _spec(d) for d in deps + pip if _name(d) not in {"python", "pip"}}


def test_same_packages_and_versions():
    assert conda_requirements() == pyproject_requirements()


def test_conda_env_uses_conda_forge_and_installs_the_project():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_section[-1] == "-e ."


def test_console_script_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"analysis": "analysis.cli:entry"}


# ------------------------------------------------------------- the lock ---
# requirements.lock pins every package (with hashes) that `make setup` installs. It is written by
# `make lock` from pyproject.toml; these tests fail when someone edits the dependencies and forgets it.

LOCK = ROOT / "requirements.lock"
RELOCK = "requirements.lock is out of date with pyproject.toml: run `make lock` and commit requirements.lock"


def lock_pins() -> dict[str, list[str]]:
    """Package name → pinned versions in the lock (two where the pin depends on the Python version)."""
    pins: dict[str, list[str]] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if m:
            pins.setdefault(m.group(1).lower().replace("_", "-"), []).append(m.group(2))
    return pins


def locked_requirements() -> list[str]:
    """What the lock must cover: the runtime dependencies and the dev extra (quarto-cli stays optional)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project["dependencies"]) + list(project["optional-dependencies"]["dev"])


def test_lock_pins_every_dependency_with_hashes():
    pins = lock_pins()
    missing = sorted(_name(r) for r in locked_requirements() if _name(r) not in pins)
    assert not missing, f"{RELOCK} (not pinned: {', '.join(missing)})"
    text = LOCK.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    assert entries and all("--hash=sha256:" in e for e in entries if "==" in e), "every pin carries its hashes"


def test_lock_pins_satisfy_pyproject():
    from packaging.requirements import Requirement

    pins = lock_pins()
    wrong = [f"{r} (locked {v})" for r in locked_requirements() for v in pins.get(_name(r), [])
             if not Requirement(r).specifier.contains(v, prereleases=True)]
    assert not wrong, f"{RELOCK} (pins outside pyproject.toml's bounds: {'; '.join(wrong)})"


def test_lock_lists_no_dependency_pyproject_dropped():
    # uv marks what pyproject.toml asks for directly with "via analysis (pyproject.toml)".
    text = LOCK.read_text(encoding="utf-8")
    direct = set()
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        m = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==", entry)
        if m and "analysis (pyproject.toml)" in entry:
            direct.add(m.group(1).lower().replace("_", "-"))
    wanted = {_name(r) for r in locked_requirements()}
    assert direct == wanted, f"{RELOCK} (only in the lock: {sorted(direct - wanted)}; only in pyproject.toml: {sorted(wanted - direct)})"


def test_lock_agrees_with_environment_yml():
    # Every conda package of the environment has its pin in the lock (quarto, optional, is not locked).
    names = {n for n in conda_requirements() if n != "quarto"}
    reverse = {v: k for k, v in CONDA_NAME.items()}
    missing = sorted(n for n in names if reverse.get(n, n) not in lock_pins())
    assert not missing, f"{RELOCK} (in environment.yml, not in the lock: {', '.join(missing)})"


def test_setup_installs_the_lock_then_the_project_without_resolving():
    setup = (ROOT / "tools" / "setup.sh").read_text(encoding="utf-8")
    assert 'install --require-hashes -r "$LOCK"' in setup and "install --no-deps -e ." in setup
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^lock:", makefile, re.M) and "--generate-hashes" in makefile
    header = LOCK.read_text(encoding="utf-8").splitlines()[1]
    assert "uv pip compile pyproject.toml --extra dev --generate-hashes --universal" in header, "the lock is written by `make lock`"
