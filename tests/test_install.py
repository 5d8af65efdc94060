"""A plain ``pip install .`` in a fresh virtual environment: the command, the sample, hypothesis.

Slow (it builds and installs the package), so it runs only when
``TIMELINE_SLOW_TESTS=1`` is set, as ``.ci/run`` does.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    os.environ.get("TIMELINE_SLOW_TESTS") != "1",
    reason="slow: set TIMELINE_SLOW_TESTS=1 to install the package into a fresh venv",
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with ``pip install <checkout>`` (not editable) and hypothesis."""
    where = tmp_path_factory.mktemp("venv")
    venv.create(where, with_pip=True)
    bin_dir = where / ("Scripts" if sys.platform == "win32" else "bin")
    python = bin_dir / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(ROOT), "hypothesis"],
        check=True,
        timeout=600,
        cwd=where,  # not the checkout: nothing may be imported from it
    )
    return bin_dir


def _run(bin_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=bin_dir.parent,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},
    )


def test_the_command_works_on_the_bundled_sample(installed: Path) -> None:
    done = _run(installed, str(installed / "timeline"), "show", "--width", "100")
    assert done.returncode == 0, done.stderr
    assert "Operation Safe City" in done.stdout
    done = _run(installed, str(installed / "python"), "-m", "timeline", "query", "--ids")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.split()) == 54


def test_the_readme_main_job(installed: Path) -> None:
    # The end of the README's first command, from the repository root.
    done = subprocess.run(
        [str(installed / "timeline"), "show", "events.yaml"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "Operation Safe City" in done.stdout


def test_the_package_is_not_read_from_the_checkout(installed: Path) -> None:
    done = _run(
        installed,
        str(installed / "python"),
        "-c",
        "import timeline; print(timeline.__file__); print(timeline.sample_path().is_symlink())",
    )
    assert done.returncode == 0, done.stderr
    location, symlink = done.stdout.split()
    assert not Path(location).is_relative_to(ROOT)
    assert symlink == "False"  # the sample is a real file in the installed package


def test_from_type_works_without_importing_the_strategies(installed: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from hypothesis import given, settings, strategies as st
        import timeline

        seen = []

        @settings(max_examples=20, database=None)
        @given(
            st.from_type(timeline.Event),
            st.from_type(timeline.Operation),
            st.from_type(timeline.TimeValue),
        )
        def check(event, operation, value):
            assert isinstance(event, timeline.Event)
            assert type(operation) is timeline.Operation
            assert isinstance(value, timeline.TimeValue)
            seen.append(type(event))

        check()
        assert "timeline.strategies" in sys.modules  # loaded by the entry point, lazily
        print(len(seen))
        """
    )
    done = _run(installed, str(installed / "python"), "-c", script)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 0
