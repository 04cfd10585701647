"""Where an arrangement was signed: a city, normalised, or nothing.

"at Camp Aguinaldo in Quezon City", "at the Elysée Palace in Paris", "at the
Military Academy (Akmil) in Magelang": a venue followed by its city gives the city.
A venue the gazetteer knows (reference/venues.csv: "at Camp Aguinaldo", "at Hyderabad
House") gives its city. A venue named after its town ("Bogor Palace") gives the town.  "visit to Canberra"
counts when the place is a known capital.  A preposition inside a capitalised name
("Council for Research in Ayurvedic Sciences") is not a location, nor is a country.
A place must look like a city: a name with a war's, an event's, an organisation's or an
arrangement's head word (reference/non_place_words.csv: "World War", "Gulf War", "Shangri-La
Dialogue", "Lockheed Martin Corporation"), a known organisation or a weapon system is not one;
an event or an organisation followed by its city ("at the Shangri-La Dialogue in Singapore")
gives that city.
"""
from __future__ import annotations

import re

from functools import lru_cache

from ..countries import find_countries
from ..organisations import find_organisations
from pipeline.reference import rows
from pipeline.text.calendar import FULL_MONTHS, WEEKDAYS
from ..systems import find_systems

_WORD = r"[A-Z][\w'’.-]*[\w]"
# (particles inside a city's name: "Dar es Salaam", "Rio de Janeiro", "Frankfurt am Main", "Aix-en-Provence")
_PLACE = rf"{_WORD}(?:\s+(?:de|del|da|do|dos|das|du|la|le|al|el|es|di|am|an|sur|of)?\s*{_WORD}){{0,3}}"
_LOCATIVE = re.compile(rf"\b(?P<prep>[Ii]n|[Aa]t)\s+(?:the\s+)?(?P<place>{_PLACE})")
# "visit to Canberra", "the visit of the Crown Prince to London"
_VISIT = re.compile(rf"\b(?:visit|trip|journey)(?:\s+(?:of|by)\s+[^,.;()]{{1,80}}?)?\s+to\s+(?P<place>{_PLACE})")
# a venue followed by the city it is in
_THEN_CITY = re.compile(rf"^\s*(?:\([^)]{{1,40}}\)\s*)?(?:,\s*|\s+in\s+)(?P<city>{_PLACE})")
_VENUE_HEAD = re.compile(r"\s+(?:Palace|House|Hall|Base|Academy|Hotel|Centre|Center|Airport|Office|Building|"
                         r"Headquarters|Complex|Garden|Gardens|Stadium|Castle|Villa|Residence)$")
_VENUE_START = re.compile(r"^(?:Camp|Fort|Naval|Air|Base|Joint|Parliament|Royal|National|Presidential|Ministry|"
                          r"Department|Hotel|The|Mount)\b")
_NOT_PLACES = re.compile(rf"^(?:{FULL_MONTHS}|{WEEKDAYS}|The|This|That|Parliament|"
                         r"Congress|Cabinet|ASEAN|Southeast|Asia|Europe|Africa|Indo-Pacific|Pacific|Atlantic|Defence|"
                         r"Defense|Ministry|Summit|Article|Phase|Batch|Block|Part|Chapter|Section)\b")
# a place never ends in an institution's word: "Research in Ayurvedic Sciences" is inside a name
_INSTITUTION_TAIL = re.compile(r"\b(?:Sciences?|Studies|Affairs|Research|Technology|Technologies|Engineering|Medicine|"
                               r"Development|Institute|University|College|Council|Agency|Forces?|Industries|Relations|"
                               r"Exchange|Cooperation|Security)$")


# venues that usually take their town's name ("Bogor Palace", "Ramstein Air Base"); an office, a house or a
# hall is named after anything ("Oval Office", "Blair House")
_TOWN_VENUE = re.compile(r"\s(?:Palace|Castle|Airport|Base|Academy)$")
_DIGIT = re.compile(r"\d")
_PORT_TOWN = re.compile(rf"^Port\s+{_WORD}$")
_TITLED = re.compile(r"^(?:President|Chancellor|Minister|Prime|Secretary|King|Queen|Prince|Princess|Crown|Sheikh|"
                     r"Emir|Sultan|General|Admiral|Ambassador|Governor|Mayor|Senator|Chairman|Director|Commander|"
                     r"Mr|Mrs|Ms|Dr|HRH|His|Her)\b")


@lru_cache(maxsize=1)
def _venue_cities() -> dict[str, str]:
    return {r["venue"]: r["city"] for r in rows("venues.csv") if r.get("venue") and r.get("city")}


@lru_cache(maxsize=1)
def _non_place_words() -> dict[str, str]:
    """word -> kind (conflict, event, organisation, arrangement, water)."""
    return {r["word"]: r["kind"] for r in rows("non_place_words.csv") if r.get("word")}


def _non_place_kind(place: str) -> str | None:
    words = _non_place_words()
    for w in place.split():
        kind = words.get(re.sub(r"(?:'s|’s)$", "", w))
        if kind:
            return kind
    return None


def looks_like_city(place: str) -> bool:
    """A known capital or venue city, or a name that is none of: a war, event, organisation or
    arrangement name, a known organisation, a weapon system."""
    if _is_capital(place) or place in _venue_cities().values():
        return True
    return not (_non_place_kind(place) or find_organisations(place) or find_systems(place))


def _is_country(place: str) -> bool:
    hits = find_countries(place)
    return bool(hits) and hits[0].kind != "capital" and hits[0].start == 0 and hits[0].end == len(place)


def _is_capital(place: str) -> bool:
    hits = find_countries(place)
    return bool(hits) and hits[0].kind == "capital" and hits[0].end == len(place)


def _is_venue(place: str) -> bool:
    """A place named after what is there, which the city may follow: a building, an event or an
    organisation ("at the Shangri-La Dialogue in Singapore")."""
    return bool(_VENUE_HEAD.search(place) or _VENUE_START.match(place)
                or _non_place_kind(place) in ("event", "organisation"))


def _normalise(place: str) -> str | None:
    if _is_capital(place) or _PORT_TOWN.match(place) and not _non_place_kind(place):
        return place  # "Port Moresby", "Port Klang": a town, though "Port" may open a venue's name
    venue = _VENUE_HEAD.search(place)
    if venue:
        town = place[:venue.start()]
        # "Bogor Palace" -> Bogor; "Parliament House", "Al-Yamamah Palace" are not towns
        if _VENUE_START.match(town) or "-" in town or len(town.split()) > 2 or not _TOWN_VENUE.search(place):
            return None
        return town
    if _VENUE_START.match(place):
        return None
    return place


def _not_a_town(place: str) -> bool:
    """An acronym ("UN", "NATO"), a designation with digits ("CV90 MkIV") or a person with a title
    ("Chancellor Jane Doe") is not a town, unless the gazetteer knows it as a capital."""
    if _is_capital(place):
        return False
    return bool(_DIGIT.search(place) or _TITLED.match(place)
                or any(len(w) > 1 and w.isupper() for w in place.split()))


# "in Seoul's defence ministry", "at Canberra's Parliament House": the city owns the venue
_POSSESSIVE = re.compile(r"^(?P<city>.+?)['’]s\b\s*(?P<rest>.*)$")
_OWNED_VENUE = re.compile(r"^(?:[\w-]+\s+){0,3}?(?:[Mm]inistry|[Pp]alace|[Oo]ffice|[Hh]eadquarters|[Rr]esidence|[Aa]irport|"
                          r"[Bb]ase|[Hh]ouse|[Hh]all|[Hh]otel|[Ss]ecretariat|[Cc]entre|[Cc]enter)\b")


def _candidate(text: str, m: re.Match) -> str | None:
    place = m.group("place")
    owner = _POSSESSIVE.match(place)
    if owner:
        # "in Beijing's backyard" is a figure of speech; "in Seoul's defence ministry" a venue in Seoul
        city = owner.group("city")
        after = (owner.group("rest") + " " + text[m.end("place"):m.end("place") + 40]).strip()
        if _OWNED_VENUE.match(after) and not _is_country(city) and not _not_a_town(city) and looks_like_city(city):
            return city
        return None
    if _INSTITUTION_TAIL.search(place) or _not_a_town(place):
        return None
    known_venue = _venue_cities().get(place)
    follow = _THEN_CITY.match(text[m.end("place"):])
    if follow and not (known_venue or _is_venue(place) or _is_capital(follow.group("city"))):
        # a name followed by its city is a venue when that city is a capital ("at the Hotel de Brienne
        # in Paris") or the name looks like a building or an event
        follow = None
    if follow and not _NOT_PLACES.match(follow.group("city")) and not _is_country(follow.group("city")) \
            and not _not_a_town(follow.group("city")):
        city = _normalise(follow.group("city"))
        return city if city and looks_like_city(city) else None
    if known_venue:
        return known_venue
    if _NOT_PLACES.match(place) or _is_country(place) or " of " in place:
        return None
    city = _normalise(place)
    return city if city and looks_like_city(city) else None


def signing_place(text: str) -> str | None:
    """The first plausible city in a sentence (or clause) that reports an event."""
    found = []  # (position, place): the first one told wins ("during a visit to Ankara ..., the war in Tigray")
    for m in _LOCATIVE.finditer(text):
        place = _candidate(text, m)
        if place:
            found.append((m.start(), place))
            break
    for m in _VISIT.finditer(text):
        if _is_capital(m.group("place")):
            found.append((m.start(), m.group("place")))
            break
    return min(found)[1] if found else None
