"""Loading the knowledge files in ``diplograph/data`` (and the user's own files).

Every file is a small TSV with a header line; ``#`` starts a comment line and ``|`` separates
list items. They are read once per process (``load_knowledge`` is cached) and never mutated.
A malformed line raises ``KnowledgeError`` naming the file and line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import KnowledgeError, Messages

DATA_PACKAGE = "diplograph.data"


def data_path(name: str) -> Path:
    """Path of a bundled data file."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def read_tsv(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for each data line of a TSV file, checking its header."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as e:
        raise KnowledgeError(Messages.fmt("E020", path=path, line=0, reason=e), path=str(path)) from e
    with handle:
        header: list[str] | None = None
        for lineno, line in enumerate(handle, start=1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            if header is None:
                header = [c.strip() for c in cells]
                missing = [c for c in columns if c not in header]
                if missing:
                    raise KnowledgeError(
                        Messages.fmt("E020", path=path, line=lineno, reason=f"header lacks columns {missing}"),
                        path=str(path),
                        line=lineno,
                    )
                continue
            if len(cells) > len(header):
                raise KnowledgeError(
                    Messages.fmt(
                        "E020",
                        path=path,
                        line=lineno,
                        reason=f"{len(cells)} cells for {len(header)} columns",
                    ),
                    path=str(path),
                    line=lineno,
                )
            cells += [""] * (len(header) - len(cells))
            yield lineno, {k: v.strip() for k, v in zip(header, cells, strict=True)}


def split_list(cell: str) -> list[str]:
    return [item.strip() for item in cell.split("|") if item.strip()]


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]
    regions: tuple[str, ...]
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Igo:
    code: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    term: str
    sector: str | None
    kind: str
    strength: int


@dataclass(frozen=True)
class Officeholder:
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    role: str
    start: str
    end: str

    def holds_office_on(self, day: str | None) -> bool:
        """True if the person held this office on ``day`` (ISO date); unknown day = any time."""
        if not day:
            return True
        # ISO strings compare correctly even with month/year precision on one side.
        if self.start and day < self.start:
            return False
        if self.end and day[: len(self.end)] > self.end:
            return False
        return True


@dataclass(frozen=True)
class Group:
    """A non-state actor tied to a country (an armed group, a party, a movement)."""

    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str


@dataclass
class Knowledge:
    """Everything the actor resolver and the coder know about the world."""

    countries: dict[str, Country] = field(default_factory=dict)
    igos: dict[str, Igo] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    officeholders: list[Officeholder] = field(default_factory=list)
    groups: dict[str, Group] = field(default_factory=dict)
    grammar: dict[str, Any] = field(default_factory=dict)
    #: surface string -> list of (kind, key); kind is country/demonym/capital/seat/igo/person
    names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: region adjective (lowercase) -> countries that carry it
    regions: dict[str, set[str]] = field(default_factory=dict)
    _words: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def add_name(self, surface: str, kind: str, key: str) -> None:
        entries = self.names.setdefault(surface, [])
        if (kind, key) not in entries:
            entries.append((kind, key))

    def officeholders_named(self, surface: str, day: str | None) -> list[Officeholder]:
        """Officeholders called ``surface`` who held office on ``day`` (best guess first)."""
        found = [self.officeholders[int(key)] for kind, key in self.names.get(surface, []) if kind == "person"]
        current = [o for o in found if o.holds_office_on(day)]
        return current or found

    def words(self, key: str) -> frozenset[str]:
        """A closed word list of grammar.json, built once (it is asked for on hot paths)."""
        found = self._words.get(key)
        if found is None:
            found = self._words[key] = frozenset(self.grammar.get(key, []))
        return found


def _load_countries(know: Knowledge, path: Path) -> None:
    cols = ("iso3", "name", "aliases", "demonyms", "capitals", "seats", "region_adjectives", "lat", "lon")
    for lineno, row in read_tsv(path, cols):
        try:
            lat = float(row["lat"]) if row["lat"] else None
            lon = float(row["lon"]) if row["lon"] else None
        except ValueError as e:
            raise KnowledgeError(
                Messages.fmt("E020", path=path, line=lineno, reason=f"bad coordinate: {e}"),
                path=str(path),
                line=lineno,
            ) from e
        country = Country(
            iso3=row["iso3"],
            name=row["name"],
            aliases=tuple(split_list(row["aliases"])),
            demonyms=tuple(split_list(row["demonyms"])),
            capitals=tuple(split_list(row["capitals"])),
            seats=tuple(split_list(row["seats"])),
            regions=tuple(r.lower() for r in split_list(row["region_adjectives"])),
            lat=lat,
            lon=lon,
        )
        know.countries[country.iso3] = country
        for surface in (country.name, *country.aliases):
            know.add_name(surface, "country", country.iso3)
        for surface in country.demonyms:
            know.add_name(surface, "demonym", country.iso3)
        for surface in country.capitals:
            know.add_name(surface, "capital", country.iso3)
        for surface in country.seats:
            know.add_name(surface, "seat", country.iso3)
        for region in country.regions:
            know.regions.setdefault(region, set()).add(country.iso3)


def _load_igos(know: Knowledge, path: Path) -> None:
    for _, row in read_tsv(path, ("code", "name", "aliases", "members")):
        igo = Igo(row["code"], row["name"], tuple(split_list(row["aliases"])), tuple(split_list(row["members"])))
        # Several rows may share a code (the UN and its Security Council): key by name.
        know.igos[igo.name] = igo
        for surface in (igo.name, *igo.aliases):
            know.add_name(surface, "igo", igo.name)
            if len(surface) >= 4 and surface.isalpha() and surface.isupper():
                # British style writes pronounced acronyms as words: "Nato", "Ecowas", "Asean".
                know.add_name(surface.title(), "igo", igo.name)


def _load_roles(know: Knowledge, path: Path) -> None:
    for lineno, row in read_tsv(path, ("term", "sector", "kind", "strength")):
        try:
            strength = int(row["strength"] or 1)
        except ValueError as e:
            raise KnowledgeError(
                Messages.fmt("E020", path=path, line=lineno, reason="strength must be 0, 1 or 2"),
                path=str(path),
                line=lineno,
            ) from e
        term = row["term"].lower()
        # An empty sector names the country itself ("a Greek tanker" is GRC).
        know.roles[term] = Role(term, row["sector"] or None, row["kind"] or "government", strength)


def _load_officeholders(know: Knowledge, path: Path) -> None:
    cols = ("name", "aliases", "country", "sector", "role", "start", "end")
    for _, row in read_tsv(path, cols):
        holder = Officeholder(
            name=row["name"],
            aliases=tuple(split_list(row["aliases"])),
            country=row["country"],
            sector=row["sector"] or "GOV",
            role=row["role"].lower(),
            start=row["start"],
            end=row["end"],
        )
        know.officeholders.append(holder)
        key = str(len(know.officeholders) - 1)
        for surface in (holder.name, *holder.aliases):
            know.add_name(surface, "person", key)


def _load_groups(know: Knowledge, path: Path) -> None:
    for _, row in read_tsv(path, ("name", "aliases", "country", "sector")):
        group = Group(row["name"], tuple(split_list(row["aliases"])), row["country"], row["sector"] or "REB")
        know.groups[group.name] = group
        for surface in (group.name, *group.aliases):
            know.add_name(surface, "group", group.name)


#: The bundled files, in loading order, and the loader of each kind of file.
LOADERS = {
    "countries": _load_countries,
    "igos": _load_igos,
    "roles": _load_roles,
    "officeholders": _load_officeholders,
    "groups": _load_groups,
}


def detect_kind(path: Path) -> str:
    """Which kind of dictionary a user file is, from its header line."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                header = set(line.rstrip("\r\n").split("\t"))
                break
        else:
            header = set()
    if {"iso3", "demonyms"} <= header:
        return "countries"
    if {"code", "members"} <= header:
        return "igos"
    if {"term", "sector"} <= header:
        return "roles"
    if {"name", "country", "role"} <= header:
        return "officeholders"
    if {"name", "country", "sector"} <= header:
        return "groups"
    raise KnowledgeError(
        Messages.fmt(
            "E020",
            path=path,
            line=1,
            reason="unknown dictionary header; see docs/knowledge.md for the four formats",
        ),
        path=str(path),
        line=1,
    )


@lru_cache(maxsize=8)
def load_knowledge(extra: tuple[str, ...] = ()) -> Knowledge:
    """The bundled knowledge plus the user's dictionaries (paths), loaded once per process."""
    know = Knowledge()
    with data_path("grammar.json").open(encoding="utf-8") as handle:
        know.grammar = json.load(handle)
    for kind, loader in LOADERS.items():
        loader(know, data_path(f"{kind}.tsv"))
    for name in extra:
        path = Path(name)
        if not path.is_file():
            raise KnowledgeError(Messages.fmt("E020", path=path, line=0, reason="no such file"), path=name)
        LOADERS[detect_kind(path)](know, path)
    return know
