"""The Vega-Lite export: its structure, its data, the schema, and a rendering."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import timeline
from timeline import Citation, Event, Source, Timeline, parse
from timeline import calendar as cal
from timeline.export.errors import ExportError
from timeline.export.vegalite import SCHEMA, altair_chart, vega_lite
from timeline.strategies import timelines

LAYERS = [
    "possible",
    "certain",
    "somewhere",
    "open end",
    "open start",
    "unknown end",
    "unknown start",
    "qualifier",
]


def rd(text: str) -> int:
    """The day of ISO text, expanded years (``-000043-03-15``) included."""
    sign = -1 if text.startswith("-") else 1
    y, m, d = text.lstrip("+-").split("-")
    return cal.to_rd(sign * int(y), int(m), int(d))


def spec_of(t: Timeline, **options: Any) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(vega_lite(t, **options))
    return found


def shapes() -> Timeline:
    post = Source("post", outlet="The Post", url="https://example.org/raids")
    texts = [
        ("span", "2010/2012"),
        ("one day", "on(2010/2012)"),
        ("vague ends", "2010-XX/2012-XX"),
        ("approximate", "2010~/2012~"),
        ("still going", "2012/.."),
        ("ended, unknown when", "2012/"),
        ("day", "2011-03-04"),
    ]
    return Timeline(
        [
            Event(
                id=f"e{i}",
                title=title,
                when=parse(s),
                sources=[Citation(post, "quoted")] if i == 0 else [],
            )
            for i, (title, s) in enumerate(texts)
        ],
        title="Shapes",
    )


def test_the_specification_is_vega_lite_v5_with_inline_data_and_layers() -> None:
    spec = spec_of(shapes())
    assert spec["$schema"] == SCHEMA == "https://vega.github.io/schema/vega-lite/v5.json"
    assert spec["title"] == "Shapes"
    assert [layer["name"] for layer in spec["layer"]] == LAYERS
    assert spec["encoding"]["y"]["sort"] == {"field": "order"}
    assert [v["id"] for v in spec["data"]["values"]] == [e.id for e in shapes()]
    possible, certain = spec["layer"][:2]
    assert possible["mark"]["color"] != certain["mark"]["color"]
    for layer in spec["layer"]:
        assert layer["encoding"]["tooltip"][0]["field"] == "title"


# (event, vagueness, start side, end side, possible, certain) with end days exclusive
Y10, Y13, D = "2010-01-01", "2013-01-01", "2011-03-05"
VALUES = [
    ("e0", "definite", "known", "known", (Y10, Y13), (Y10, Y13)),
    ("e1", "somewhere", "vague", "vague", (Y10, Y13), (None, None)),
    # Some month of 2010 to some month of 2012: certain from the 1st of its last possible
    # first month to the end of its first possible last month.
    ("e2", "vague", "vague", "vague", (Y10, Y13), ("2010-12-01", "2012-02-01")),
    ("e3", "definite", "known", "known", (Y10, Y13), (Y10, Y13)),
    # Unbounded ends stand at the axis's edge, which is the end of the last year named.
    ("e4", "definite", "known", "open", ("2012-01-01", Y13), ("2012-01-01", Y13)),
    ("e5", "vague", "known", "unknown", ("2012-01-01", Y13), ("2012-01-01", "2012-01-02")),
    (
        "e6",
        "definite",
        "known",
        "known",
        ("2011-03-04", "2011-03-05"),
        ("2011-03-04", "2011-03-05"),
    ),
]


@pytest.mark.parametrize(("event", "vagueness", "start", "end", "possible", "certain"), VALUES)
def test_each_value_says_how_vague_its_date_is(
    event: str,
    vagueness: str,
    start: str,
    end: str,
    possible: tuple[str, str],
    certain: tuple[str | None, str | None],
) -> None:
    values = {v["id"]: v for v in spec_of(shapes())["data"]["values"]}
    v = values[event]
    assert (v["vagueness"], v["start_side"], v["end_side"]) == (vagueness, start, end)
    assert (v["possible_start"], v["possible_end"]) == possible
    assert (v["certain_start"], v["certain_end"]) == certain


def test_values_carry_the_date_qualifiers_and_source_url() -> None:
    values = {v["id"]: v for v in spec_of(shapes())["data"]["values"]}
    assert values["e0"]["url"] == "https://example.org/raids"
    assert values["e1"]["url"] is None
    assert values["e3"]["start_qualifier"] == values["e3"]["end_qualifier"] == "~"
    assert values["e1"]["date"] == "sometime between 2010 and 2012"
    assert values["e6"]["edtf"] == "2011-03-04"


def test_a_non_web_url_is_no_link() -> None:
    bad = Source("x", outlet="X", url="javascript:alert(1)")
    t = Timeline([Event(id="a", title="a", when=parse("2017"), sources=[Citation(bad, "q")])])
    assert spec_of(t)["data"]["values"][0]["url"] is None


def test_options_and_bad_options() -> None:
    spec = spec_of(shapes(), width=400, step=30, title="")
    assert (spec["width"], spec["height"]) == (400, {"step": 30})
    assert "title" not in spec
    assert vega_lite(shapes(), indent=None).count("\n") == 1
    for bad in ({"width": 10}, {"width": True}, {"step": 0}, {"title": 3}, {"indent": "2"}):
        with pytest.raises(ExportError):
            vega_lite(shapes(), **bad)  # type: ignore[arg-type]
    with pytest.raises(ExportError):
        vega_lite("not a timeline")  # type: ignore[arg-type]


def test_years_outside_four_digits_are_written_expanded() -> None:
    t = Timeline([Event(id="a", title="Ides", when=parse("-0043-03-15"))])
    value = spec_of(t)["data"]["values"][0]
    assert value["possible_start"] == "-000043-03-15"


def test_hostile_text_stays_data() -> None:
    title = 'x</script><b>"&\x1b[2J\u202e'
    t = Timeline([Event(id="a", title=title, when=parse("2017"))])
    text = vega_lite(t)
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert json.loads(text)["data"]["values"][0]["title"] == " ".join(title.split())


@settings(max_examples=40, deadline=None)
@given(timelines(max_size=5))
def test_any_timeline_gives_one_ordered_value_per_event(t: Timeline) -> None:
    spec = spec_of(t)
    values = spec["data"]["values"]
    assert [v["id"] for v in values] == [e.id for e in t]
    assert [v["order"] for v in values] == list(range(len(t)))
    for v in values:
        assert rd(v["possible_start"]) < rd(v["possible_end"])
        if v["certain_start"] is not None:
            assert rd(v["possible_start"]) <= rd(v["certain_start"]) < rd(v["certain_end"])
            assert rd(v["certain_end"]) <= rd(v["possible_end"])
        assert (v["certain_start"] is None) == (v["vagueness"] == "somewhere")


def _validator() -> Any:
    altair = pytest.importorskip("altair")
    jsonschema = pytest.importorskip("jsonschema")
    folder = Path(altair.__file__).parent / "vegalite"
    found = sorted(folder.glob("v*/schema/vega-lite-schema.json"))
    assert found, "altair ships no Vega-Lite schema"
    schema = json.loads(found[-1].read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("name", ["sample", "shapes", "empty"])
def test_the_schema_accepts_the_specification(name: str) -> None:
    validator = _validator()
    t = {"sample": timeline.sample(), "shapes": shapes(), "empty": Timeline()}[name]
    errors = [f"{list(e.path)}: {e.message[:200]}" for e in validator.iter_errors(spec_of(t))]
    assert errors == []


def test_the_schema_check_can_fail() -> None:
    validator = _validator()
    spec = spec_of(shapes())
    spec["layer"][0]["mark"]["type"] = "bars"
    assert list(validator.iter_errors(spec))


def test_altair_builds_the_same_chart() -> None:
    pytest.importorskip("altair")
    chart = altair_chart(shapes())
    built = chart.to_dict()  # Altair moves inline data to named datasets
    assert list(built["datasets"].values()) == [spec_of(shapes())["data"]["values"]]


def test_vl_convert_renders_it(tmp_path: Path) -> None:
    vlc = pytest.importorskip("vl_convert")
    png = vlc.vegalite_to_png(spec_of(timeline.sample()), vl_version="5.21", scale=1)
    (tmp_path / "chart.png").write_bytes(png)
    assert png.startswith(b"\x89PNG")
    assert len(png) > 50_000
    svg = vlc.vegalite_to_svg(spec_of(shapes()), vl_version="5.21")
    assert svg.count(">?</text>") == 1  # the unknown end
    assert "Shapes" in svg
