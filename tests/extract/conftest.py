import pytest

from pipeline.reference import clear_caches

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures" / "reference"


@pytest.fixture(autouse=True)
def fixture_gazetteer(monkeypatch):
    """Recognisers read small fixture CSVs, not the (growing) real gazetteer."""
    monkeypatch.setenv("DEALS_REFERENCE_DIR", str(FIXTURES))
    clear_caches()
    yield
    clear_caches()
