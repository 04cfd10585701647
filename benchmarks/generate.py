"""Deterministic synthetic corpus for benchmarks: N news-like articles of 1-8 KB.

Each article is composed from the project's gazetteers (states, firms, weapon systems)
and holds a few true agreements or procurements, written in varied money, date and
quantity formats, between filler paragraphs and scraping noise (crumbs, share lines,
ad JSON, a "Guess You Like" trailer). The same seed and N give the same files.

Articles arrive like a news feed: article i is published about i / ARTICLES_PER_DAY days
after the feed starts (give or take a few days), so files added later hold later news.
That is what an incremental refresh of a real feed sees; a backfill of old articles is
the expensive case (see benchmarks/README.md).

    python benchmarks/generate.py OUT_DIR N [--seed 7] [--start 0]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
from pathlib import Path

import pycountry

REFERENCE = Path(__file__).resolve().parents[1] / "pipeline" / "reference"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
NOUNS = {
    "combat_aircraft": "fighter jets", "trainer_aircraft": "trainer aircraft", "transport_aircraft": "transport aircraft",
    "helicopter": "helicopters", "uav": "drones", "armoured_vehicle": "armoured vehicles", "tank": "main battle tanks",
    "artillery": "self-propelled howitzers", "air_defence": "air defence systems", "missile": "missiles",
    "naval_vessel": "frigates", "submarine": "submarines", "radar_sensor": "radars", "small_arms": "rifles", "other": "units",
}
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 6: "six", 8: "eight", 10: "ten", 12: "twelve", 18: "eighteen", 24: "24"}
# Filler sentences are composed from slots, so that (as in real news) almost every sentence
# of the corpus is new: a benchmark whose text repeats a handful of sentences rewards
# per-sentence memoisation far beyond what real articles allow.
FILLER = [
    "Analysts at {institute} said the security environment around {place} had changed markedly since {year}.",
    "Officials from both sides described the {n}-hour talks in {place} as {adjective} and forward-looking.",
    "A spokesperson for {institute} did not respond to a request for comment by {hour} p.m. on {weekday}.",
    "Defence spending in the region has risen by {pct} per cent since {year}, according to {institute}.",
    "The programme has faced delays since {year} because of budget constraints and shifting priorities, {person} said.",
    "About {n0} industry representatives attended a closed-door briefing on the sidelines of the {place} exhibition.",
    "{person}, a researcher at {institute}, expects further announcements by {month} as modernisation plans advance.",
    "{n} lawmakers have called for greater transparency in the procurement process, {person} told reporters in {place}.",
    "The armed forces have been modernising their equipment after {n} years of underinvestment, {institute} noted in {month}.",
    "Both governments reaffirmed their commitment to peace and stability at a {adjective} meeting in {place} on {weekday}.",
    "Temperatures in {place} reached {n} degrees on {weekday}, delaying a planned parade by {hour} hours.",
    "{person} has led the team at {institute} since {year} and previously worked in {place} for {n} years.",
]
INSTITUTES = ["the International Institute for Strategic Studies", "the Stockholm International Peace Research Institute",
              "the Royal United Services Institute", "the Center for Strategic and International Studies",
              "the Lowy Institute", "Chatham House", "the RAND Corporation", "the Observer Research Foundation",
              "the Institute for Defence Studies and Analyses", "the Carnegie Endowment"]
GIVEN = ["Anna", "Ravi", "Chen", "Maria", "Ahmed", "Olga", "Kenji", "Fatima", "Lucas", "Amara", "Tomasz", "Ines", "Jae-won", "Priya"]
FAMILY = ["Kowalski", "Sharma", "Liu", "Garcia", "Haddad", "Petrova", "Tanaka", "Okafor", "Silva", "Nguyen", "Berg", "Moreau", "Park"]
ADJECTIVES = ["constructive", "frank", "productive", "cordial", "detailed", "wide-ranging", "substantive", "candid"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def filler(rng: random.Random, v: "Vocabulary", published: dt.date) -> str:
    place = v.capitals[rng.choice(v.buyers)]
    return rng.choice(FILLER).format(
        institute=rng.choice(INSTITUTES), place=place, year=published.year - rng.randrange(1, 15),
        n=rng.randrange(2, 40), n0=rng.randrange(20, 400), pct=rng.randrange(2, 60), hour=rng.randrange(1, 11),
        adjective=rng.choice(ADJECTIVES), weekday=rng.choice(WEEKDAYS), month=rng.choice(MONTHS),
        person=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}")
NOISE_HEAD = ["Home > News > Defence", "Home › Defence › World", "Share this article", "Share on Facebook | Tweet"]
NOISE_TAIL = ["Read more: Navy commissions new patrol vessel", '{ "slotId": "", "unitType": "responsive", "pubId": "", "resize": "auto" }',
              "Guess You Like", "Officials inspect new hangar at air base", "Leave a Reply"]


def _rows(name: str) -> list[dict]:
    with open(REFERENCE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Vocabulary:
    def __init__(self) -> None:
        self.firms = [r for r in _rows("organisations.csv") if r["kind"] == "firm" and r["country"]]
        self.systems = [r for r in _rows("weapon_systems.csv") if r["origin_country"] and r["category"] in NOUNS]
        capitals = {}
        for r in _rows("capitals.csv"):
            capitals.setdefault(r["alpha3"], r["capital"])
        self.capitals = capitals
        self.buyers = sorted(a for a in capitals if pycountry.countries.get(alpha_3=a))
        self.names = {a: pycountry.countries.get(alpha_3=a).name for a in self.buyers}
        for a, n in {"KOR": "South Korea", "USA": "the United States", "GBR": "Britain", "RUS": "Russia", "TUR": "Türkiye",
                     "IRN": "Iran", "VNM": "Vietnam", "TWN": "Taiwan", "SYR": "Syria", "BOL": "Bolivia", "VEN": "Venezuela",
                     "TZA": "Tanzania", "MDA": "Moldova", "LAO": "Laos", "PRK": "North Korea"}.items():
            if a in self.names:
                self.names[a] = n


def money(rng: random.Random, usd_millions: int) -> str:
    style = rng.randrange(6)
    if style == 0:
        return f"${usd_millions / 1000:.1f} billion" if usd_millions >= 1000 else f"${usd_millions} million"
    if style == 1:
        return f"US${usd_millions} million"
    if style == 2:
        return f"USD {usd_millions:,} million"
    if style == 3:
        return f"€{usd_millions * 0.9 / 1000:.2f}bn"
    if style == 4:
        return f"{usd_millions * 1.35:,.1f} billion won"
    return f"about ${usd_millions}m"


def date_phrase(rng: random.Random, published: dt.date) -> str:
    style = rng.randrange(5)
    day = published - dt.timedelta(days=rng.randrange(1, 6))
    if style == 0:
        return f"on {WEEKDAYS[day.weekday()] if day.weekday() < 5 else 'Monday'}"
    if style == 1:
        return f"on {day.day} {day:%B} {day.year}"
    if style == 2:
        return f"on {day:%B} {day.day}, {day.year}"
    if style == 3:
        return "last week"
    return f"in {day:%B} {day.year}"


def procurement_paragraph(rng: random.Random, v: Vocabulary, buyer: str, published: dt.date) -> str:
    system = rng.choice(v.systems)
    firm = next((f for f in v.firms if f["name"] == system["manufacturer"]), None) or rng.choice(v.firms)
    qty = rng.choice(list(NUMBER_WORDS))
    qty_text = NUMBER_WORDS[qty] if rng.random() < 0.5 else str(qty)
    noun = NOUNS[system["category"]]
    value = money(rng, rng.randrange(50, 5000))
    lines = [
        f"{v.names[buyer]} has signed a contract with {firm['name']} for {qty_text} {system['system']} {noun} worth {value}, "
        f"the defence ministry said {date_phrase(rng, published)}.",
        f"Deliveries are scheduled to begin in {published.year + rng.randrange(1, 4)}.",
    ]
    if rng.random() < 0.3:
        lines.append(f"The first {system['system']} {noun} were handed over to the armed forces in {published.year - 1}.")
    return " ".join(lines)


def agreement_paragraph(rng: random.Random, v: Vocabulary, a: str, b: str, published: dt.date) -> str:
    kind = rng.choice(["a memorandum of understanding on defence industry cooperation", "a defence cooperation agreement",
                       "a letter of intent on joint development of military equipment", "a free trade agreement"])
    verb = rng.choice(["signed", "inked", "will sign", "are negotiating"])
    where = v.capitals.get(a, "the capital")
    return (f"{v.names[a]} and {v.names[b]} {verb} {kind} in {where} {date_phrase(rng, published)}, "
            f"officials said. The arrangement covers training, technology transfer and co-production.")


FEED_START = dt.date(2020, 1, 1)
ARTICLES_PER_DAY = 50  # a filtered defence-news feed
GENERATOR_VERSION = "3"  # bump when the articles change: benchmarks/run.py regenerates stale corpora


def article(rng: random.Random, v: Vocabulary, n: int) -> str:
    published = FEED_START + dt.timedelta(days=max(0, n // ARTICLES_PER_DAY + rng.randrange(-3, 4)))
    buyer, partner = rng.sample(v.buyers, 2)
    target = rng.randrange(1000, 8000)
    title = f"{v.names[buyer]} deepens defence ties as procurement plans advance"
    parts = [title, f"date {published.isoformat()}" if rng.random() < 0.5 else "", rng.choice(NOISE_HEAD), "",
             f"{v.capitals.get(buyer, 'CAPITAL').upper()}, {published:%B} {published.day}, {published.year} — "
             + procurement_paragraph(rng, v, buyer, published), ""]
    if rng.random() < 0.6:
        parts += [agreement_paragraph(rng, v, buyer, partner, published), ""]
    while sum(len(p) + 1 for p in parts) < target:
        parts += [" ".join(filler(rng, v, published) for _ in range(4)), ""]
    parts += rng.sample(NOISE_TAIL, 3)
    return "\n".join(parts) + f"\n(article {n})\n"


def generate(out_dir: Path, n: int, seed: int = 7, start: int = 0) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    v = Vocabulary()
    paths = []
    for i in range(start, start + n):
        rng = random.Random(f"{seed}:{i}")  # per-article seed: article i is the same whatever N is
        path = out_dir / f"{i // 1000:03d}" / f"article_{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(article(rng, v, i), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", type=int, default=0)
    a = ap.parse_args()
    generate(a.out_dir, a.n, a.seed, a.start)


if __name__ == "__main__":
    main()
