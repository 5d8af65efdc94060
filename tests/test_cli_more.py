"""The command line people enjoy: help, suggestions, one-line errors, pager, colour,
completion, progress, and the authoring commands (new, validate, diff, merge).

Everything runs through :func:`timeline.cli.main`; terminals are simulated by
patching ``isatty``, and the pager by patching the process it would start.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
import threading
from pathlib import Path
from typing import Any, ClassVar

import pytest

import timeline
from timeline import cli
from timeline.cli import main
from timeline.sample import sample, sample_path

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


EVENT_A = "  - id: a\n    title: A\n    when: '2017-01'\n"
EVENT_B = "  - id: b\n    title: B\n    when: '2017-02'\n"


def yaml_file(path: Path, *events: str, title: str = "T") -> Path:
    return write(path, f"timeline: 1\ntitle: {title}\nevents:\n" + "".join(events))


# --------------------------------------------------------------------------------------
# Help and usage errors.


class TestHelp:
    def test_bare_timeline_prints_the_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys)
        assert (code, out) == (2, "")
        for command in ("show", "query", "check", "validate", "new", "diff", "merge"):
            assert f"    {command} " in err, command
        assert err.rstrip().endswith("timeline: error: give a COMMAND, one of those above")

    @pytest.mark.parametrize(
        ("argv", "wrong"),
        [
            (["query", "--overlapping", "2017-13"], "month must be 1–12"),
            (["query", "--between", "2017", "2017-02-30"], "February has 28 days"),
            (["show", "--width", "5"], "a number from 20 to 1000, not 5"),
            (["chart", "--lanes", "kinds"], "did you mean 'kind'?"),
        ],
    )
    def test_a_bad_option_is_one_line_and_a_hint(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], wrong: str
    ) -> None:
        code, out, err = run(capsys, *argv)
        assert (code, out) == (2, "")
        first, second = err.splitlines()
        assert first.startswith("timeline: error: argument --")
        assert wrong in first
        command = argv[0]
        assert second == (
            f"usage: timeline {command} [OPTIONS] [FILE]  (try 'timeline {command} --help')"
        )

    def test_a_usage_error_found_later_has_the_same_shape(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _, err = run(capsys, "export", "--format", "csv", "--width", "300")
        assert code == 2
        assert err.splitlines() == [
            "timeline: error: --format csv takes no --width (it takes no options)",
            "usage: timeline export [OPTIONS] [FILE]  (try 'timeline export --help')",
        ]


class TestSuggestions:
    @pytest.mark.parametrize(
        ("argv", "suggestion"),
        [
            (["shwo"], "unknown command 'shwo'; did you mean 'show'?"),
            (["export", "--format", "jsn"], "unknown value 'jsn'; did you mean 'json'?"),
            (["table", "--format", "githb"], "did you mean 'github'?"),
            (["query", "--group-by", "fiscal-yaer"], "did you mean 'fiscal-year'?"),
            (["query", "--kind", "opertion"], "unknown event kind 'opertion'; did you mean"),
        ],
    )
    def test_usage_errors_suggest_the_closest(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], suggestion: str
    ) -> None:
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert suggestion in err.splitlines()[0]

    def test_an_unknown_id_suggests_the_closest(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "relate", "safe-city-operatin", "ice-fy2018-figures")
        assert (code, out) == (1, "")
        assert err == (
            "timeline: no event with id 'safe-city-operatin'; did you mean 'safe-city-operation'?\n"
        )

    def test_an_unknown_source_suggests_the_closest(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        known = next(iter(sample().sources))
        code, out, err = run(capsys, "query", "--source", known[:-1] + "x")
        assert (code, out) == (1, "")
        assert f"did you mean {known!r}?" in err
        assert err.count("\n") == 1


class TestCaseInsensitiveChoices:
    @pytest.mark.parametrize(
        ("upper", "lower"),
        [
            (["export", "--format", "CSV"], ["export", "--format", "csv"]),
            (["table", "--format", "GitHub"], ["table", "--format", "github"]),
            (["query", "--group-by", "Fiscal-Year"], ["query", "--group-by", "fiscal-year"]),
            (["query", "--kind", "OPERATION"], ["query", "--kind", "operation"]),
            (
                ["chart", "--lanes", "Kind", "--width", "80"],
                ["chart", "--lanes", "kind", "--width", "80"],
            ),
        ],
    )
    def test_any_case(
        self, capsys: pytest.CaptureFixture[str], upper: list[str], lower: list[str]
    ) -> None:
        assert run(capsys, *upper) == run(capsys, *lower)
        assert run(capsys, *lower)[0] == 0


class TestNotATimeline:
    @pytest.mark.parametrize(
        ("name", "text", "why"),
        [
            (
                "README.md",
                "# A project\n\nSome *text*: with a colon.\n\n- a list\n",
                "no 'events' list",
            ),
            (
                "pyproject.toml",
                '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n',
                "no 'events' list",
            ),
            ("notes.yaml", "just a line of text\n", "no 'events' list"),
            ("config.yaml", "name: x\nversion: 3\n", "no 'events' list"),
            ("empty.yaml", "\n\n", "it is empty"),
        ],
    )
    def test_said_in_one_line(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, text: str, why: str
    ) -> None:
        path = write(tmp_path / name, text)
        code, out, err = run(capsys, "show", str(path))
        assert (code, out) == (1, "")
        assert err == f"timeline: {path} is not a timeline file ({why})\n"

    def test_the_real_readme(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "check", str(ROOT / "README.md"))
        assert code == 1
        assert err == f"timeline: {ROOT / 'README.md'} is not a timeline file (no 'events' list)\n"

    def test_a_broken_timeline_keeps_its_own_errors(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = write(tmp_path / "t.yaml", "timeline: 1\nevents:\n  - id: a\n    title: [\n")
        code, _, err = run(capsys, "show", str(path))
        assert code == 1
        assert "not a timeline file" not in err
        assert err.startswith(f"timeline: {path}:")

    def test_standard_input(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        stdin = io.TextIOWrapper(io.BytesIO(b"[tool]\nx = 1\n"), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        code, _, err = run(capsys, "show", "-")
        assert code == 1
        assert err == "timeline: <stdin> is not a timeline file (no 'events' list)\n"


# --------------------------------------------------------------------------------------
# The terminal: pager, colour, progress.


class FakePager:
    started: ClassVar[list[FakePager]] = []

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.argv, self.env = argv, env
        self.stdin = io.BytesIO()
        self.stdin.close = lambda: None  # type: ignore[method-assign]
        FakePager.started.append(self)

    def wait(self) -> int:
        return 0


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[FakePager]:
    """Standard output is a terminal of 80 by 24; the pager is a fake that keeps its input."""
    # Standard output as the test runs, not as its fixtures are set up.
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: stream is sys.stdout)
    monkeypatch.setattr(
        shutil, "get_terminal_size", lambda fallback=None: os.terminal_size((80, 24))
    )
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    FakePager.started = []
    monkeypatch.setattr(cli, "_spawn", FakePager)
    return FakePager.started


ESCAPE = re.compile("\x1b\\[[0-9;]*m")


class TestPager:
    def test_long_output_is_paged(
        self, capsys: pytest.CaptureFixture[str], terminal: list[FakePager]
    ) -> None:
        code, out, _ = run(capsys, "query", "--color", "never")
        assert (code, out) == (0, "")
        [pager] = terminal
        assert pager.argv == ["less"]
        assert pager.env["LESS"] == "FRX"
        shown = pager.stdin.getvalue().decode("utf-8")
        assert shown.count("\n") == len(sample())

    def test_the_user_pager_and_less_options(
        self,
        capsys: pytest.CaptureFixture[str],
        terminal: list[FakePager],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setenv("PAGER", "most -s")
        monkeypatch.setenv("LESS", "-S")
        run(capsys, "query")
        assert terminal[0].argv == ["most", "-s"]
        assert terminal[0].env["LESS"] == "-S"

    @pytest.mark.parametrize(
        "argv",
        [
            ["query", "--no-pager"],
            ["--no-pager", "query"],
            ["query", "--kind", "operation"],  # shorter than the terminal
            ["export", "--format", "json"],  # data, not for reading on screen
        ],
    )
    def test_not_paged(
        self, capsys: pytest.CaptureFixture[str], terminal: list[FakePager], argv: list[str]
    ) -> None:
        code, out, _ = run(capsys, *argv)
        assert code == 0
        assert out.strip()
        assert terminal == []

    def test_not_a_terminal(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(cli, "_spawn", FakePager)
        FakePager.started = []
        code, out, _ = run(capsys, "query")
        assert code == 0
        assert out.count("\n") == len(sample())
        assert FakePager.started == []

    def test_no_pager_installed(
        self,
        capsys: pytest.CaptureFixture[str],
        terminal: list[FakePager],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        def missing(argv: list[str], env: dict[str, str]) -> Any:
            raise FileNotFoundError(argv[0])

        monkeypatch.setattr(cli, "_spawn", missing)
        code, out, _ = run(capsys, "query", "--color", "never")
        assert code == 0
        assert out.count("\n") == len(sample())


class TestColour:
    def test_on_a_terminal(
        self, capsys: pytest.CaptureFixture[str], terminal: list[FakePager]
    ) -> None:
        code, out, _ = run(capsys, "show", "--within", "2017-09", "--certain", "--no-pager")
        assert code == 0
        lines = out.splitlines()
        assert lines[0] == "\x1b[1m" + sample().title + "\x1b[0m"
        date, rest = lines[3].split("\x1b[0m — ", 1)
        assert date.startswith("\x1b[36m")
        assert "Sep" in date
        assert "\x1b" not in rest
        plain = ESCAPE.sub("", out)
        code, expected, _ = run(
            capsys, "show", "--within", "2017-09", "--certain", "--width", "80", "--color", "never"
        )
        assert plain == expected

    @pytest.mark.parametrize(
        ("env", "argv"),
        [({"NO_COLOR": "1"}, []), ({"TERM": "dumb"}, []), ({}, ["--color", "never"])],
    )
    def test_off(
        self,
        capsys: pytest.CaptureFixture[str],
        terminal: list[FakePager],
        monkeypatch: pytest.MonkeyPatch,
        env: dict[str, str],
        argv: list[str],
    ) -> None:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        code, out, _ = run(capsys, "show", "--no-pager", *argv)
        assert code == 0
        assert "\x1b" not in out

    def test_always_even_in_a_pipe(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "--color", "always", "query", "--group-by", "year")
        assert code == 0
        assert "\x1b[1m2017  (" in out
        assert "\x1b[36m" in out

    def test_diff_and_check(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        a = yaml_file(tmp_path / "a.yaml", EVENT_A)
        b = yaml_file(tmp_path / "b.yaml", EVENT_B)
        _, out, _ = run(capsys, "diff", "--color", "always", str(a), str(b))
        assert "\x1b[31m- a: " in out
        assert "\x1b[32m+ b: " in out
        _, out, _ = run(capsys, "check", "--color", "always")
        assert "\x1b[31mOFF\x1b[0m: safe-city-convicted-share-wapo" in out
        assert "\x1b[32mHOLDS\x1b[0m" in out

    def test_the_data_stays_neutralised(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        hostile = json.dumps("\x1b[2J\x1b]8;;http://evil\x07click \x9b31m \u202eevil")
        path = write(
            tmp_path / "h.yaml",
            f"timeline: 1\ntitle: {hostile}\nevents:\n  - id: a\n    title: {hostile}\n"
            "    when: '2017-01'\n",
        )
        for command in (["show"], ["query"], ["query", "--group-by", "year"], ["check"]):
            code, out, _ = run(capsys, *command, "--color", "always", str(path))
            assert code == 0
            assert "\\x1b[2J" in out
            ours_removed = ESCAPE.sub("", out)
            for bad in ("\x1b", "\x9b", "\x07", "\u202e"):
                assert bad not in ours_removed, command


class TestProgress:
    def test_a_slow_read_on_a_terminal(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        pytest.importorskip("tqdm")
        monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
        monkeypatch.setattr(cli, "_PROGRESS_DELAY", 0.0)
        shown = threading.Event()
        real = cli._read_yaml

        def slow(name: str, data: bytes) -> timeline.Timeline:
            shown.wait(10)  # the line appears while the file is read
            return real(name, data)

        def written(text: str) -> int:
            if "reading" in text:
                shown.set()
            return original(text)

        original = sys.stderr.write
        monkeypatch.setattr(sys.stderr, "write", written)
        monkeypatch.setattr(cli, "_read_yaml", slow)
        path = write(tmp_path / "t.yaml", sample_path().read_text(encoding="utf-8"))
        code, out, err = run(capsys, "query", "--ids", str(path))
        assert code == 0
        assert shown.is_set()
        assert f"reading {path}" in err
        assert out.split() == [e.id for e in sample()]

    def test_nothing_when_not_a_terminal(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setattr(cli, "_PROGRESS_DELAY", 0.0)
        path = write(tmp_path / "t.yaml", sample_path().read_text(encoding="utf-8"))
        code, _, err = run(capsys, "query", "--ids", str(path))
        assert (code, err) == (0, "")


class TestCompletion:
    @pytest.mark.parametrize("shell", ["bash", "zsh", "tcsh", "BASH"])
    def test_a_script_for_each_shell(self, capsys: pytest.CaptureFixture[str], shell: str) -> None:
        pytest.importorskip("shtab")
        code, out, err = run(capsys, "completion", shell)
        assert (code, err) == (0, "")
        words = ["timeline", "show", "query", "merge", "bash"]
        if shell.lower() != "tcsh":  # tcsh completes the commands and choices only
            words += ["--overlapping", "fiscal-year", "--no-pager"]
        for word in words:
            assert word in out, word

    def test_without_shtab(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "shtab", None)
        code, out, err = run(capsys, "completion", "bash")
        assert (code, out) == (1, "")
        assert err == (
            "timeline: shell completion needs shtab, which is not installed: "
            "pip install 'timeline[cli]'\n"
        )


# --------------------------------------------------------------------------------------
# Authoring.


class TestNew:
    def test_the_template_is_a_valid_timeline(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        code, out, _ = run(capsys, "new")
        assert code == 0
        assert out.startswith("# A timeline, to fill in.")
        path = tmp_path / "mine.yaml"
        code, printed, err = run(capsys, "new", str(path))
        assert (code, printed) == (0, "")
        assert f"wrote {path}" in err
        assert path.read_text(encoding="utf-8") == out
        code, checked, _ = run(capsys, "check", str(path))
        assert code == 0
        assert "All checks pass." in checked
        t = timeline.load(path)
        assert len(t) == 2
        assert t.relations

    def test_an_existing_file_is_kept(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = write(tmp_path / "mine.yaml", "precious\n")
        code, _, err = run(capsys, "new", str(path))
        assert code == 1
        assert err == f"timeline: {path} exists; give --force to replace it\n"
        assert path.read_text(encoding="utf-8") == "precious\n"
        assert run(capsys, "new", str(path), "--force")[0] == 0
        assert path.read_text(encoding="utf-8").startswith("# A timeline")


class TestValidate:
    def test_valid(self, capsys: pytest.CaptureFixture[str]) -> None:
        t = sample()
        code, out, err = run(capsys, "validate")
        assert (code, err) == (0, "")
        assert out == (
            f"the sample: {len(t)} events, {len(t.sources)} sources, "
            f"{len(t.relations)} relation claims, read and valid.\n"
        )

    def test_invalid_is_each_problem_and_no_check(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        bad = yaml_file(tmp_path / "bad.yaml", EVENT_A.replace("2017-01", "2017-13"), EVENT_A)
        code, out, err = run(capsys, "validate", str(bad))
        assert (code, out) == (1, "")
        assert len(err.splitlines()) == 2
        assert "events[0] (a).when" in err
        assert "events[1] (a).id" in err


class TestDiff:
    def test_identical(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        copy = write(tmp_path / "copy.yaml", timeline.dumps(sample()))
        assert run(capsys, "diff", str(sample_path()), str(copy)) == (0, "", "")

    def test_field_by_field(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        a = yaml_file(tmp_path / "a.yaml", EVENT_A, EVENT_B)
        changed = EVENT_A.replace("title: A", "title: A2").replace("2017-01", "2017-01-05")
        b = yaml_file(
            tmp_path / "b.yaml", changed, "  - id: c\n    title: C\n    when: '2018'\n", title="U"
        )
        code, out, err = run(capsys, "diff", str(a), str(b))
        assert code == 1
        assert out.splitlines() == [
            f"--- {a}",
            f"+++ {b}",
            '~ title: "T" → "U"',
            "- b: February 2017 — B",
            "+ c: 2018 — C",
            "~ a",
            '    title: "A" → "A2"',
            '    when: "2017-01" → "2017-01-05"',
        ]
        assert err == f"timeline: {a} and {b} differ: events 1 added, 1 removed, 1 changed\n"

    def test_a_bad_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        a = yaml_file(tmp_path / "a.yaml", EVENT_A)
        code, out, err = run(capsys, "diff", str(a), str(tmp_path / "missing.yaml"))
        assert (code, out) == (1, "")
        assert "missing.yaml" in err


class TestMerge:
    def test_union_to_standard_output(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        a = yaml_file(tmp_path / "a.yaml", EVENT_A, title="First")
        b = yaml_file(tmp_path / "b.yaml", EVENT_A, EVENT_B, title="Second")
        code, out, err = run(capsys, "merge", str(a), str(b))
        assert (code, err) == (0, "")
        merged = timeline.loads(out)
        assert [e.id for e in merged] == ["a", "b"]
        assert merged.title == "First"
        _, out, _ = run(capsys, "merge", str(a), str(b), "--title", "Both")
        assert timeline.loads(out).title == "Both"

    @pytest.mark.parametrize("suffix", [".yaml", ".jsonl", ".parquet"])
    def test_to_a_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, suffix: str
    ) -> None:
        if suffix == ".parquet":
            pytest.importorskip("pyarrow")
        a = yaml_file(tmp_path / "a.yaml", EVENT_A)
        b = yaml_file(tmp_path / "b.yaml", EVENT_B)
        out_path = tmp_path / f"merged{suffix}"
        assert run(capsys, "merge", str(a), str(b), "-o", str(out_path)) == (0, "", "")
        code, out, _ = run(capsys, "query", "--ids", str(out_path))
        assert (code, out.split()) == (0, ["a", "b"])

    def test_conflicts_are_listed_and_nothing_is_written(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        a = yaml_file(tmp_path / "a.yaml", EVENT_A, EVENT_B)
        b = yaml_file(
            tmp_path / "b.yaml",
            EVENT_A.replace("2017-01", "2017-03"),
            EVENT_B.replace("title: B", "title: Bee"),
        )
        target = write(tmp_path / "merged.yaml", "untouched\n")
        code, out, err = run(capsys, "merge", str(a), str(b), "-o", str(target))
        assert (code, out) == (1, "")
        assert err.splitlines() == [
            f"timeline: {a} and {b}: event 'a': the timelines differ in when",
            f"timeline: {a} and {b}: event 'b': the timelines differ in title",
            "timeline: 2 conflicting id(s): nothing merged, nothing written",
        ]
        assert target.read_text(encoding="utf-8") == "untouched\n"


# --------------------------------------------------------------------------------------
# Readers, exporters and engines reached from the command line.


class TestReaders:
    def test_from_on_standard_input(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        text = timeline.io.dumps_jsonl(sample()).encode("utf-8")
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text), encoding="utf-8"))
        code, out, err = run(capsys, "query", "--ids", "--from", "JSONL", "-")
        assert (code, err) == (0, "")
        assert out.split() == [e.id for e in sample()]

    def test_from_overrides_the_extension(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = write(tmp_path / "events.txt", timeline.io.dumps_jsonl(sample()))
        code, out, _ = run(capsys, "validate", "--from", "jsonl", str(path))
        assert code == 0
        assert "54 events" in out

    def test_a_sheet_with_a_mapping(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        sheet = write(tmp_path / "sheet.csv", "When,Headline\n2017-09,Safe City\nFY2018,Report\n")
        code, out, err = run(capsys, "query", str(sheet), "--columns", "date=When,title=Headline")
        assert (code, err) == (0, "")
        assert out.splitlines() == ["September 2017 — Safe City", "FY2018 — Report"]

    def test_an_export_read_back_with_its_base(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "t.csv"
        assert run(capsys, "export", "--format", "csv", "-o", str(path))[0] == 0
        base = str(sample_path())
        assert run(capsys, "diff", base, str(path), "--base", base) == (0, "", "")
        code, _, err = run(capsys, "validate", str(path))  # without it: quotes are missing
        assert code == 1
        assert "read the file with base=" in err

    def test_a_json_file_is_told_by_its_content(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        data = tmp_path / "data.json"
        slides = tmp_path / "slides.json"
        assert run(capsys, "export", "--format", "json", "-o", str(data))[0] == 0
        assert run(capsys, "export", "--format", "timelinejs", "-o", str(slides))[0] == 0
        assert run(capsys, "validate", str(data))[1].endswith(
            "8 relation claims, read and valid.\n"
        )
        assert run(capsys, "validate", str(slides))[1] == (
            f"{slides}: 54 events, 0 sources, read and valid.\n"
        )
        other = write(tmp_path / "other.json", '{"name": "x"}\n')
        code, _, err = run(capsys, "validate", str(other))
        assert code == 2
        assert err.splitlines()[0] == (
            f"timeline: error: {other} is JSON of no kind it can tell: give --from yaml (a "
            "timeline's data, as 'export --format json' writes) or --from timelinejs"
        )
        assert run(capsys, "validate", "--from", "timelinejs", str(slides))[0] == 0

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["--columns", "date=When,titel=Headline"],
                "argument --columns/--csv-columns: unknown field 'titel'; did you mean 'title'?",
            ),
            (["--columns", "When"], "argument --columns/--csv-columns: 'When' is not FIELD=Column"),
            (
                ["--columns", "timelinejs", str(sample_path())],
                f"--columns maps the columns of a CSV file, and {sample_path()} is read as yaml",
            ),
        ],
    )
    def test_bad_columns(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        code, _, err = run(capsys, "show", *argv)
        assert code == 2
        assert err.splitlines()[0].startswith(f"timeline: error: {message}")

    def test_a_dataset_directory(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        pytest.importorskip("pyarrow")
        from timeline.io.dataset import dump_dataset

        dump_dataset(sample(), tmp_path / "events")
        code, out, _ = run(capsys, "query", "--ids", str(tmp_path / "events"))
        assert code == 0
        assert out.split() == [e.id for e in sample()]


class TestExportOptions:
    def test_ics_says_what_it_leaves_out(self, capsys: pytest.CaptureFixture[str]) -> None:
        import icalendar

        code, out, err = run(capsys, "export", "--format", "ics")
        assert code == 0
        written = len(icalendar.Calendar.from_ical(out).walk("VEVENT"))
        missing = len(sample()) - written
        assert missing > 0
        assert err == (
            f"timeline: {missing} of {len(sample())} events left out (uncertain date: "
            f"{missing}); --vague certain or possible draws the vague ones\n"
        )
        for option in (["--include-uncertain"], ["--vague", "possible"]):
            code, out, err = run(capsys, "export", "--format", "ics", *option)
            assert (code, err) == (0, ""), option
            assert len(icalendar.Calendar.from_ical(out).walk("VEVENT")) == len(sample())

    def test_vague(self, capsys: pytest.CaptureFixture[str]) -> None:
        t = sample()
        for fmt in ("ics", "timelinejs", "mermaid-gantt"):
            # A chart shows every event: only the calendar leaves the vague ones out.
            policies = (
                ("definite", "certain", "possible") if fmt == "ics" else ("certain", "possible")
            )
            for policy in policies:
                code, out, _ = run(capsys, "export", "--format", fmt, "--vague", policy.upper())
                assert code == 0
                expected = timeline.export.export(t, fmt, vague=policy)
                assert out == expected + ("" if expected.endswith("\n") else "\n"), (fmt, policy)
        code, _, err = run(capsys, "export", "--format", "ics", "--vague", "certain")
        assert code == 0
        assert err.endswith("; --vague possible draws the vague ones\n")
        code, _, err = run(capsys, "export", "--format", "timelinejs", "--vague", "definite")
        assert (code, err) == (
            1,
            "timeline: a chart shows every event: vague must be 'certain' or 'possible'\n",
        )
        code, _, err = run(capsys, "export", "--format", "csv", "--vague", "certain")
        assert code == 2
        assert err.startswith("timeline: error: --format csv takes no --vague")

    def test_an_ics_file_reads(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "t.ics"
        assert (
            run(capsys, "export", "--format", "ics", "--include-uncertain", "-o", str(path))[0] == 0
        )
        code, out, _ = run(capsys, "query", "--ids", str(path))
        assert code == 0
        assert sorted(out.split()) == sorted(e.id for e in sample())
        copy = write(tmp_path / "calendar.txt", path.read_text(encoding="utf-8"))
        assert run(capsys, "query", "--ids", "--from", "ics", str(copy))[1] == out

    def test_renderer_options(self, capsys: pytest.CaptureFixture[str]) -> None:
        from timeline import render

        t = sample()
        assert run(capsys, "export", "--format", "svg", "--width", "640", "--lanes", "kind")[
            1
        ] == render.svg(t, width=640, lanes="kind")
        assert run(capsys, "export", "--format", "html", "--interactive", "--title", "X")[
            1
        ] == render.html_page(t, interactive=True, title="X")
        assert run(capsys, "export", "--format", "json", "--indent", "0")[1] == (
            timeline.export.to_json(t, indent=0)
        )
        assert run(capsys, "export", "--format", "markdown", "--headings", "year")[1] == (
            render.markdown(t, headings="year")
        )

    def test_vega_lite(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "export", "--format", "vega-lite", "--width", "500")
        assert code == 0
        spec = json.loads(out)
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
        assert spec["width"] == 500

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (
                ["--format", "csv", "--include-uncertain"],
                "--format csv takes no --include-uncertain (it takes no options)",
            ),
            (
                ["--format", "svg", "--indent", "2"],
                "--format svg takes no --indent (it takes --width, --lanes)",
            ),
            (
                ["--format", "parquet", "-o", "x.parquet", "--width", "9"],
                "--format parquet takes no options",
            ),
        ],
    )
    def test_an_option_the_format_does_not_take(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str, tmp_path: Path
    ) -> None:
        code, _, err = run(capsys, "export", *argv)
        assert code == 2
        assert err.splitlines()[0] == f"timeline: error: {message}"

    def test_table_width_and_chart_vagueness(self, capsys: pytest.CaptureFixture[str]) -> None:
        from timeline import render

        t = sample()
        assert run(capsys, "table", "--width", "60")[1] == render.table(t, width=60) + (
            "" if render.table(t, width=60).endswith("\n") else "\n"
        )
        code, out, _ = run(capsys, "chart", "--vagueness", "--width", "100")
        assert code == 0
        assert out.rstrip("\n") == render.chart(t, width=100, vagueness=True).rstrip("\n")

    def test_a_fiscal_calendar(self, capsys: pytest.CaptureFixture[str]) -> None:
        from timeline import render
        from timeline.calendar import FiscalCalendar

        t, nyc = sample(), FiscalCalendar.NEW_YORK_CITY
        code, out, _ = run(
            capsys, "query", "--group-by", "fiscal-year", "--fiscal", "NEW-YORK-CITY"
        )
        assert code == 0
        headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
        labels = [
            str(k) for k, g in t.group_by("fiscal-year", calendar=nyc).items() if len(g.possible)
        ]
        assert [h.split("  (")[0] for h in headings[:-1]] == labels
        shown = run(
            capsys,
            "show",
            "--headings",
            "fiscal-year",
            "--fiscal",
            "uk-government",
            "--width",
            "80",
        )[1]
        uk = FiscalCalendar.UK_GOVERNMENT
        assert shown == render.chronology(t, headings="fiscal-year", fiscal=uk, width=80)
        page = run(
            capsys, "export", "--format", "html", "--fiscal", "japan", "--headings", "fiscal-year"
        )[1]
        assert page == render.html_page(t, fiscal=FiscalCalendar.JAPAN, headings="fiscal-year")
        code, _, err = run(capsys, "query", "--fiscal", "new-york-cty")
        assert code == 2
        assert "did you mean 'new-york-city'?" in err.splitlines()[0]

    def test_containing(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "query", "--ids", "--containing", "2017-09-25")
        assert code == 0
        expected = sample().containing(timeline.parse("2017-09-25"))
        assert out.split() == [e.id for e in expected]


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pyarrow")
    path = tmp_path_factory.mktemp("engines") / "events.parquet"
    timeline.io.dump_parquet(sample(), path)
    return path


class TestEngines:
    @pytest.mark.parametrize("engine", ["duckdb", "polars"])
    @pytest.mark.parametrize("certain", [[], ["--certain"]])
    def test_the_same_ids_as_in_memory(
        self, capsys: pytest.CaptureFixture[str], parquet: Path, engine: str, certain: list[str]
    ) -> None:
        pytest.importorskip(engine)
        argv = ["query", str(parquet), "--overlapping", "FY2017", *certain]
        code, out, err = run(capsys, *argv, "--engine", engine.upper())
        assert (code, err) == (0, "")
        expected = sample().overlapping(timeline.parse("FY2017"), certain=bool(certain))
        assert out.split() == sorted(e.id for e in expected)

    def test_group_counts(self, capsys: pytest.CaptureFixture[str], parquet: Path) -> None:
        pytest.importorskip("duckdb")
        code, out, _ = run(
            capsys, "query", str(parquet), "--engine", "duckdb", "--group-by", "year"
        )
        assert code == 0
        groups = sample().group_by("year")
        expected = [
            f"{label}  ({cli._count(len(g.certain), len(g.possible))})"
            for label, g in groups.items()
            if len(g.possible)
        ]
        assert out.splitlines() == expected

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            (["--kind", "operation"], "--engine takes the time filters only, not --kind"),
            (["--group-by", "place"], "--engine groups by units of time, not by place"),
        ],
    )
    def test_what_an_engine_does_not_take(
        self, capsys: pytest.CaptureFixture[str], parquet: Path, extra: list[str], message: str
    ) -> None:
        code, _, err = run(capsys, "query", str(parquet), "--engine", "duckdb", *extra)
        assert code == 2
        assert err.splitlines()[0] == f"timeline: error: {message}"

    def test_a_file_an_engine_cannot_read(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        pytest.importorskip("duckdb")
        path = write(tmp_path / "x.parquet", "not parquet")
        code, out, err = run(capsys, "query", str(path), "--engine", "duckdb")
        assert (code, out) == (1, "")
        assert err.startswith("timeline: ")
        assert err.count("\n") == 1


@pytest.mark.skipif(
    os.environ.get("TIMELINE_SLOW_TESTS") != "1",
    reason="slow: set TIMELINE_SLOW_TESTS=1 to build the wheel",
)
def test_the_wheel_ships_the_template(tmp_path: Path) -> None:
    import subprocess
    import zipfile

    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        timeout=600,
        cwd=tmp_path,
    )
    [wheel] = tmp_path.glob("timeline-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "timeline/data/template.yaml" in names
    assert "timeline/data/events.yaml" in names
