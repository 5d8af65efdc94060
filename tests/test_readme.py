"""The README opens with the two set-up commands, and CI runs the second one verbatim."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CI_RUN = ROOT / ".ci" / "run"


def opening_block() -> tuple[list[str], list[str]]:
    """Return the text between the title and the first fence, and that fence's commands."""
    lines = README.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# timeline"
    fence = next(i for i, line in enumerate(lines) if line.startswith("```"))
    assert lines[fence] == "```bash", "the first code block is not a bash block"
    end = next(i for i in range(fence + 1, len(lines)) if lines[i].startswith("```"))
    commands = [
        line.strip()
        for line in lines[fence + 1 : end]
        if line.strip() and not line.strip().startswith("#")
    ]
    return lines[1:fence], commands


def test_commands_come_right_after_the_title_and_one_short_paragraph() -> None:
    intro, _ = opening_block()
    paragraphs = [p for p in "\n".join(intro).split("\n\n") if p.strip()]
    assert len(paragraphs) <= 1, paragraphs
    assert all(len(p) <= 300 for p in paragraphs), paragraphs
    assert not any(line.startswith("#") for line in intro)


def test_there_are_exactly_two_commands() -> None:
    _, commands = opening_block()
    assert len(commands) == 2, commands


def test_first_command_runs_the_main_job() -> None:
    first = opening_block()[1][0]
    assert "pip install . &&" in first  # a plain install, not an editable one
    assert first.endswith("&& timeline show events.yaml")  # the command line's main job


def test_second_command_runs_the_tests() -> None:
    second = opening_block()[1][1]
    assert "pip install -e '.[test]'" in second
    assert second.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    second = opening_block()[1][1]
    ci_lines = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    assert any(line.startswith(second) for line in ci_lines if not line.startswith("#")), (
        f".ci/run does not run the README's test command verbatim: {second}"
    )
