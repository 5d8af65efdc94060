"""The sample timeline that ships with the package.

``events.yaml`` at the root of the project — every dated event and every
number of five news articles (2017–2019) about immigration enforcement in New
York and other sanctuary jurisdictions, each with its source and the quote it
rests on — is installed with the package as ``timeline/data/events.yaml``, so
that ``timeline show`` and the examples work after a plain ``pip install``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline.collection import Timeline

__all__ = ["sample", "sample_path"]


def sample_path() -> Path:
    """The path of the bundled ``events.yaml``."""
    return Path(str(resources.files("timeline").joinpath("data", "events.yaml")))


def sample() -> Timeline:
    """The bundled sample timeline, loaded from :func:`sample_path`.

    >>> import timeline
    >>> len(timeline.sample())
    50
    """
    from timeline.io import load

    return load(sample_path())
