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
    assert project["scripts"] == {"analysis": "analysis.cli:main"}
