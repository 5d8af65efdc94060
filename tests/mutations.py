"""Valid documents with a few random edits, for the fuzz tests (not a test module)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

LINE_EDITS = ("delete", "duplicate", "swap", "indent", "dedent", "truncate")


@st.composite
def mutated(
    draw: st.DrawFn, documents: Sequence[bytes], pieces: Sequence[bytes], max_edits: int = 4
) -> bytes:
    """One of ``documents`` with 1 to ``max_edits`` edits: of whole lines, or of bytes.

    A byte edit replaces up to 8 bytes at a random place with random bytes or
    one of ``pieces``.
    """
    data = bytearray(draw(st.sampled_from(documents)))
    for _ in range(draw(st.integers(1, max_edits))):
        if draw(st.booleans()):
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            edit = draw(st.sampled_from(LINE_EDITS))
            if edit == "delete":
                del lines[i]
            elif edit == "duplicate":
                lines.insert(j, lines[i])
            elif edit == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            elif edit == "indent":
                lines[i] = b"  " + lines[i]
            elif edit == "dedent":
                lines[i] = lines[i].lstrip(b" ")
            else:
                lines = lines[: i + 1]
            data = bytearray(b"\n".join(lines))
        else:
            at = draw(st.integers(0, len(data)))
            length = draw(st.integers(0, 8))
            new = draw(st.one_of(st.binary(max_size=8), st.sampled_from(list(pieces))))
            data[at : at + length] = new
    return bytes(data)
