"""Demo databases and extracts shared by the research tests (built once per session)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from plut_nb.db.engine import make_engine
from plut_nb.db.schema import upgrade
from plut_nb.demo import generate_demo
from plut_nb.research.dataset import ResearchExtract, load_extract
from plut_nb.research.extract import export_research_extract

KEY = b"research-test-key-0123456789abcdef"
DEMO_SIZE = 2000  # enterprises: large enough for tight intervals, small enough for CI


@pytest.fixture(scope="session")
def demo_extract_factory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[float, int], ResearchExtract]:
    """``make(effect, seed)``: a demo database of 2,000 enterprises and its parquet extract."""
    made: dict[tuple[float, int], ResearchExtract] = {}

    def make(effect: float, seed: int) -> ResearchExtract:
        if (effect, seed) not in made:
            folder = tmp_path_factory.mktemp(f"demo-{seed}")
            engine = make_engine(f"sqlite:///{folder / 'demo.db'}")
            upgrade(engine)
            generate_demo(engine, enterprises=DEMO_SIZE, seed=seed, effect=effect, progress=False)
            export_research_extract(folder / "extract", engine=engine, key=KEY)
            engine.dispose()
            made[(effect, seed)] = load_extract(folder / "extract")
        return made[(effect, seed)]

    return make


@pytest.fixture(scope="session")
def demo_extract(demo_extract_factory: Callable[[float, int], ResearchExtract]) -> ResearchExtract:
    """The default research demo: effect 0.12 on log sales, seed 7."""
    return demo_extract_factory(0.12, 7)
