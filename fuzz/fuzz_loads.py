"""Coverage-guided fuzzing of ``timeline.loads`` with atheris (libFuzzer for Python).

Not part of the test suite: run it by hand, seeded with valid files so that
libFuzzer mutates real documents::

    pip install atheris
    mkdir -p corpus/loads && cp tests/hostile/good.yaml corpus/loads/
    python fuzz/fuzz_loads.py corpus/loads -runs=100000 -max_len=8192

A crash is an exception other than :class:`timeline.LoadError` (whose members
must all be :class:`timeline.TimelineError`), or a timeline that does not
survive being written and read back.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import timeline


def test_one_input(data: bytes) -> None:
    try:
        chronology = timeline.loads(data)
    except timeline.LoadError as error:
        for member in error.exceptions:
            if not isinstance(member, timeline.TimelineError):
                raise AssertionError(f"a member of the group is a {type(member)}") from error
        return
    text = timeline.dumps(chronology)
    if timeline.loads(text) != chronology:
        raise AssertionError(f"{data!r} does not survive dumps and loads")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
