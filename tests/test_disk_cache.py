"""Tables cached on disk between runs: read when their inputs are unchanged, else rebuilt."""

from __future__ import annotations

import pickle

import pytest

from diplograph import disk_cache
from diplograph.coding.places import build_gazetteer, load_gazetteer


@pytest.fixture()
def cache_in(tmp_path, monkeypatch):
    monkeypatch.setenv("DIPLOGRAPH_CACHE_DIR", str(tmp_path))
    return tmp_path


def _counting_builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_built_once_then_read_from_disk(cache_in) -> None:
    build, calls = _counting_builder({"Accra": ("GHA",)})
    assert disk_cache.cached("places", "k1", build) == {"Accra": ("GHA",)}
    assert disk_cache.cached("places", "k1", build) == {"Accra": ("GHA",)}
    assert len(calls) == 1
    assert [p.name for p in cache_in.iterdir()] == ["places-k1.pickle"]


def test_new_inputs_rebuild_and_replace_the_old_table(cache_in) -> None:
    disk_cache.cached("places", "k1", lambda: "old")
    assert disk_cache.cached("places", "k2", lambda: "new") == "new"
    assert [p.name for p in cache_in.iterdir()] == ["places-k2.pickle"]


def test_a_damaged_file_is_rebuilt(cache_in) -> None:
    (cache_in / "places-k1.pickle").write_bytes(b"not a pickle")
    assert disk_cache.cached("places", "k1", lambda: "fresh") == "fresh"
    assert pickle.loads((cache_in / "places-k1.pickle").read_bytes()) == "fresh"


def test_an_unwritable_directory_only_costs_the_build(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("DIPLOGRAPH_CACHE_DIR", str(blocker / "cache"))
    build, calls = _counting_builder(42)
    assert disk_cache.cached("places", "k1", build) == 42
    assert disk_cache.cached("places", "k1", build) == 42
    assert len(calls) == 2


def test_switched_off(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DIPLOGRAPH_CACHE_DIR", "off")
    assert disk_cache.cache_dir() is None
    assert disk_cache.cached("places", "k1", lambda: 7) == 7


def test_default_location_follows_xdg(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("DIPLOGRAPH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert disk_cache.cache_dir() == tmp_path / "diplograph"


def test_digest_depends_on_every_part() -> None:
    assert disk_cache.digest(["a", "b"]) != disk_cache.digest(["ab"])
    assert disk_cache.digest(["a", b"b"]) == disk_cache.digest(["a", "b"])


def test_cached_gazetteer_is_the_built_one(cache_in) -> None:
    load_gazetteer.cache_clear()
    try:
        first = load_gazetteer()  # built and stored
        load_gazetteer.cache_clear()
        second = load_gazetteer()  # read back
    finally:
        load_gazetteer.cache_clear()
    assert any(p.name.startswith("gazetteer-") for p in cache_in.iterdir())
    fresh = build_gazetteer()
    assert second is not first
    assert second.index == fresh.index
    assert second.not_places == fresh.not_places
    assert second.capital_of_demonym == fresh.capital_of_demonym
    assert second.lookup("Kyiv").country == "UKR"
