"""The ``timeline`` command: every subcommand, its exit codes, and its errors."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import timeline
from timeline import safe
from timeline.cli import main
from timeline.sample import sample, sample_path

ROOT = Path(__file__).resolve().parent.parent
EVENTS_YAML = ROOT / "events.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def events() -> timeline.Timeline:
    return sample()


class TestSample:
    def test_the_sample_is_the_project_file(self) -> None:
        assert sample_path().read_bytes() == EVENTS_YAML.read_bytes()
        assert timeline.load(EVENTS_YAML) == sample()

    def test_no_file_means_the_sample(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, without, _ = run(capsys, "query", "--ids")
        assert code == 0
        code, given, _ = run(capsys, "query", "--ids", str(EVENTS_YAML))
        assert code == 0
        assert without == given
        assert without.count("\n") == len(sample())


class TestInputs:
    @pytest.mark.parametrize("fmt", ["jsonl", "parquet", "yaml"])
    def test_an_export_reads_back(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: Path,
        events: timeline.Timeline,
        fmt: str,
    ) -> None:
        if fmt == "parquet":
            pytest.importorskip("pyarrow")
        path = tmp_path / f"t.{fmt}"
        code, out, err = run(capsys, "export", "--format", fmt, "--output", str(path))
        assert (code, out, err) == (0, "", "")
        code, out, err = run(capsys, "query", "--ids", str(path))
        assert (code, err) == (0, "")
        assert out.split() == [e.id for e in events]

    def test_standard_input(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        events: timeline.Timeline,
    ) -> None:
        stdin = io.TextIOWrapper(io.BytesIO(EVENTS_YAML.read_bytes()), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        code, out, err = run(capsys, "query", "--ids", "-")
        assert (code, err) == (0, "")
        assert out.split() == [e.id for e in events]


class TestShow:
    def test_every_event_is_shown(
        self, capsys: pytest.CaptureFixture[str], events: timeline.Timeline
    ) -> None:
        code, out, err = run(capsys, "show", "--width", "100")
        assert (code, err) == (0, "")
        flat = " ".join(out.split())
        for event in events:
            assert " ".join(safe.terminal(event.title).split()) in flat, event.id
        assert "Operation Safe City" in out

    def test_wraps_to_the_width(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "--width", "60")
        assert code == 0
        assert max(len(line) for line in out.splitlines()) <= 60

    def test_markdown(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "show", "--markdown", "--headings", "year")
        assert code == 0
        assert "## 2017" in out

    def test_filters(self, capsys: pytest.CaptureFixture[str], events: timeline.Timeline) -> None:
        code, out, _ = run(capsys, "query", "--kind", "operation", "--ids")
        assert code == 0
        assert out.split() == [e.id for e in events.of_kind("operation")]


class TestTable:
    @pytest.mark.parametrize("fmt", ["simple", "github", "grid", "html", "tsv", "latex"])
    def test_formats(self, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
        code, out, err = run(capsys, "table", "--format", fmt)
        assert (code, err) == (0, "")
        assert "Operation Safe City" in out

    def test_columns(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "table", "--columns", "id,edtf", "--format", "tsv")
        assert code == 0
        rows = [[cell.strip() for cell in line.split("\t")] for line in out.splitlines()]
        assert rows[0] == ["id", "edtf"]
        assert ["safe-city-operation", "2017-09-24/2017-09-27"] in rows

    def test_unknown_column(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "table", "--columns", "id,nonsense")
        assert code == 1
        assert "nonsense" in err
        assert err.count("\n") == 1

    def test_unknown_format_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "table", "--format", "nonsense")
        assert code == 2
        assert "nonsense" in err

    def test_metrics(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "table", "--metrics", "--format", "plain")
        assert code == 0
        assert "158581" in out.replace(",", "")


class TestChart:
    def test_fits_the_width(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "chart", "--width", "90", "--kind", "operation")
        assert code == 0
        assert out.strip()
        assert max(len(line) for line in out.splitlines()) <= 90


class TestQuery:
    def test_certain_is_within_possible(
        self, capsys: pytest.CaptureFixture[str], events: timeline.Timeline
    ) -> None:
        _, possible, _ = run(capsys, "query", "--overlapping", "FY2017", "--ids")
        _, certain, _ = run(capsys, "query", "--overlapping", "FY2017", "--certain", "--ids")
        assert set(certain.split()) < set(possible.split())
        assert possible.split() == [e.id for e in events.overlapping(timeline.parse("FY2017"))]
        assert certain.split() == [
            e.id for e in events.overlapping(timeline.parse("FY2017"), certain=True)
        ]

    def test_between(self, capsys: pytest.CaptureFixture[str], events: timeline.Timeline) -> None:
        code, out, _ = run(capsys, "query", "--between", "2017-01", "2017-03", "--ids")
        assert code == 0
        expected = events.between(timeline.parse("2017-01"), timeline.parse("2017-03"))
        assert out.split() == [e.id for e in expected]

    def test_group_by_fiscal_year(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(
            capsys, "query", "--overlapping", "2017/2018", "--group-by", "fiscal-year", "--ids"
        )
        assert code == 0
        assert "FY2017" in out
        assert "FY2018" in out
        # The Safe City operation (Sep 24–27, 2017) lies in FY2017 for certain.
        fy2017 = out.split("FY2018")[0]
        assert "  safe-city-operation" in fy2017

    def test_bad_date_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "query", "--overlapping", "2017-13")
        assert code == 2
        assert "--overlapping" in err
        assert "month" in err

    def test_bad_date_is_refused_before_the_file_is_read(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        missing = str(tmp_path / "missing.yaml")
        code, _, err = run(capsys, "query", "--between", "2017", "2017-02-30", missing)
        assert code == 2
        assert "usage: timeline query" in err
        assert "February has 28 days" in err
        assert "missing.yaml" not in err
        code, _, err = run(capsys, "export", "--format", "parquet", missing)
        assert code == 2
        assert "give --output FILE" in err
        assert "missing.yaml" not in err


class TestRelate:
    def test_certain(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "relate", "safe-city-operation", "ice-fy2018-figures")
        assert code == 0
        assert "certain: safe-city-operation before ice-fy2018-figures" in out

    def test_possible(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "relate", "obama-narrows-ice-priorities", "nyc-detainer-law")
        assert code == 0
        assert "possible (3 of 13)" in out

    def test_unknown_id(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = run(capsys, "relate", "safe-city-operation", "no-such-event")
        assert (code, out) == (1, "")
        assert err == "timeline: no event with id 'no-such-event'\n"


class TestCheck:
    def test_sample_fails_on_the_claim_that_is_off(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, err = run(capsys, "check")
        assert code == 1  # "Sixty-three percent" of 498 is 63.7 percent
        assert "OFF: safe-city-convicted-share-wapo" in out
        assert "54 events read and valid." in out
        assert err == "timeline: the sample: 1 finding(s) fail the check\n"

    def test_a_clean_file_passes(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        good = tmp_path / "good.yaml"
        good.write_text(
            "timeline: 1\nevents:\n  - id: a\n    title: A\n    when: 2017-01\n", encoding="utf-8"
        )
        code, out, _ = run(capsys, "check", str(good))
        assert code == 0
        assert "All checks pass." in out

    def test_two_sources_disagreeing_fail_once(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "conflict.yaml"
        path.write_text(
            "timeline: 1\n"
            "sources:\n  - {id: s1, published: 2017-09-28}\n  - {id: s2, published: 2017-09-29}\n"
            "events:\n  - id: a\n    title: A\n    when: 2017-09\n    metrics:\n"
            "      - {name: arrests, value: 45, unit: people, place: NYC, period: 2017-09,"
            " source: s1, quote: '45'}\n"
            "      - {name: arrests, value: 50, unit: people, place: NYC, period: 2017-09,"
            " source: s2, quote: '50'}\n",
            encoding="utf-8",
        )
        for strict in ([], ["--strict"]):  # --strict adds nothing here, and counts it once
            code, out, err = run(capsys, "check", *strict, str(path))
            assert code == 1
            assert "SAME QUANTITY" in out
            assert err == f"timeline: {path}: 1 finding(s) fail the check\n"

    def test_strict_also_fails_on_what_cannot_be_checked(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # 1 claim off and 9 claims unchecked; the breakdown over its total and the possible
        # conflict are explained by the inconsistency the file states, and the short
        # breakdowns are partial or of parts the file does not name.
        code, _, err = run(capsys, "check", "--strict")
        assert code == 1
        assert err == "timeline: the sample: 10 finding(s) fail the check\n"

    def test_invalid_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        bad = tmp_path / "bad.yaml"
        bad.write_text(
            "timeline: 1\nevents:\n  - id: a\n    title: A\n    when: 2017-13\n"
            "  - id: b\n    title: B\n    when: 2017-02-30\n",
            encoding="utf-8",
        )
        code, out, err = run(capsys, "check", str(bad))
        assert (code, out) == (1, "")
        lines = err.splitlines()
        assert len(lines) == 2
        assert lines[0].startswith(f"timeline: {bad}:5:11: events[0] (a).when: ")
        assert lines[1].startswith(f"timeline: {bad}:8:11: events[1] (b).when: ")

    def test_missing_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        code, _, err = run(capsys, "show", str(tmp_path / "nope.yaml"))
        assert code == 1
        assert "nope.yaml" in err
        assert "Traceback" not in err


class TestExport:
    def test_json_round_trips(
        self, capsys: pytest.CaptureFixture[str], events: timeline.Timeline
    ) -> None:
        from timeline.io import from_records

        code, out, _ = run(capsys, "export", "--format", "json")
        assert code == 0
        assert from_records(json.loads(out)) == events

    def test_yaml_round_trips(
        self, capsys: pytest.CaptureFixture[str], events: timeline.Timeline
    ) -> None:
        code, out, _ = run(capsys, "export", "--format", "yaml")
        assert code == 0
        assert timeline.loads(out) == events

    def test_to_a_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, events: timeline.Timeline
    ) -> None:
        target = tmp_path / "t.ics"
        code, out, _ = run(capsys, "export", "--format", "ics", "-o", str(target))
        assert (code, out) == (0, "")
        assert target.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")

    @pytest.mark.parametrize(
        "fmt", ["csv", "metrics-csv", "timelinejs", "mermaid", "mermaid-gantt", "edtf", "svg"]
    )
    def test_formats(self, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
        code, out, err = run(capsys, "export", "--format", fmt)
        assert (code, err) == (0, "")
        assert out.strip()

    def test_html(self, capsys: pytest.CaptureFixture[str], events: timeline.Timeline) -> None:
        code, out, _ = run(capsys, "export", "--format", "html")
        assert code == 0
        assert out.lstrip().lower().startswith("<!doctype html>")
        for event in events:
            assert f'data-event-id="{event.id}"' in out

    def test_parquet_needs_an_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = run(capsys, "export", "--format", "parquet")
        assert code == 2
        assert "--output" in err


class TestUsage:
    @pytest.mark.parametrize(
        "argv",
        [
            [],
            ["nonsense"],
            ["show", "--width", "5"],
            ["show", "--width", "x"],
            ["query", "--group-by", "century"],
            ["query", "--certain", "--possible"],
            ["relate", "a"],
            ["export"],
            ["show", "a\0b.yaml"],
            ["export", "--format", "json", "-o", ""],
        ],
    )
    def test_usage_errors_exit_2(self, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
        code, out, err = run(capsys, *argv)
        assert code == 2
        assert out == ""
        assert "usage:" in err
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        "command", ["show", "table", "chart", "query", "relate", "check", "export", "schema"]
    )
    def test_help_everywhere(self, capsys: pytest.CaptureFixture[str], command: str) -> None:
        code, out, _ = run(capsys, command, "--help")
        assert code == 0
        assert out.startswith(f"usage: timeline {command}")

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "--version")
        assert (code, out) == (0, f"timeline {timeline.__version__}\n")

    def test_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = run(capsys, "schema")
        assert code == 0
        assert json.loads(out) == timeline.json_schema()


class TestOutputSafety:
    HOSTILE = "\x1b[2J\x1b]8;;http://evil\x07click\x1b]8;;\x07 \x9b31m \u202eevil"

    @pytest.fixture
    def hostile_file(self, tmp_path: Path) -> Path:
        path = tmp_path / "hostile.yaml"
        title = json.dumps(self.HOSTILE)
        path.write_text(
            f"timeline: 1\nevents:\n  - id: a\n    title: {title}\n    when: 2017-01\n"
            f"    places: [{title}]\n",
            encoding="utf-8",
        )
        return path

    @pytest.mark.parametrize(
        "argv",
        [
            ["show", "--sources", "--quotes"],
            ["table", "--columns", "date,title,places"],
            ["chart"],
            ["query"],
            ["query", "--group-by", "place"],
            ["check"],
            ["export", "--format", "edtf"],
            ["export", "--format", "mermaid"],
        ],
    )
    def test_no_control_characters_reach_the_terminal(
        self, capsys: pytest.CaptureFixture[str], hostile_file: Path, argv: list[str]
    ) -> None:
        code, out, err = run(capsys, *argv, str(hostile_file))
        assert code == 0, err
        for bad in ("\x1b", "\x9b", "\x07", "\u202e"):
            assert bad not in out
            assert bad not in err

    def test_error_messages_are_neutralised(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        path = tmp_path / "bad.yaml"
        path.write_text(
            'timeline: 1\nevents:\n  - id: a\n    title: x\n    when: "\\e[2J2017"\n',
            encoding="utf-8",
        )
        code, _, err = run(capsys, "show", str(path))
        assert code == 1
        assert "\x1b" not in err
        assert "\\x1b" in err


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "relate", "safe-city-operation", "ice-fy2018-figures"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "certain: safe-city-operation before ice-fy2018-figures" in done.stdout
