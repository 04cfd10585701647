"""Deterministic synthetic corpus for benchmarks: N news-like articles, statistically like real ones.

Articles are composed from templates and word lists (never from real articles) and the
project's gazetteers (states, demonyms, capitals, firms, armed forces, weapon systems), so
that the extractor finds what it finds in real news. benchmarks/README.md compares their
statistics with the train and dev sets' (`benchmarks/corpus_stats.py`): size (~3.4 KB, a
log-normal spread with a few long articles), ~24 sentences of ~130 characters, several deals
per article, operator lists ("already flown by A, B and C"), hard negatives (exercises,
retired fleets, losing bidders, ~10 % of articles with no deal at all) and scraping noise
(skip links, navigation bars, bylines, share widgets, cookie banners, related headlines).
Every sentence is composed from slots, so almost no sentence repeats across articles:
per-sentence memo caches get the hit rates they get on real text.

Articles arrive like a news feed: article i is published about i / ARTICLES_PER_DAY days
after the feed starts (give or take a few days), so files added later hold later news.
`--backfill K` instead dates each article at random within the feed's history up to article K
(older articles arriving late, spread over many months: the expensive refresh).

    python benchmarks/generate.py OUT_DIR N [--seed 7] [--start 0] [--backfill K]
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
from pathlib import Path

import pycountry

REFERENCE = Path(__file__).resolve().parents[1] / "pipeline" / "reference"
FEED_START = dt.date(2020, 1, 1)
ARTICLES_PER_DAY = 50  # a filtered defence-news feed
GENERATOR_VERSION = "4"  # bump when the articles change: benchmarks/run.py regenerates stale corpora

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
NOUNS = {
    "combat_aircraft": ["fighter jets", "fighters", "multirole combat aircraft", "jets"],
    "trainer_aircraft": ["trainer aircraft", "jet trainers", "training aircraft"],
    "transport_aircraft": ["transport aircraft", "airlifters", "cargo planes"],
    "helicopter": ["helicopters", "utility helicopters", "rotorcraft"],
    "uav": ["drones", "unmanned aerial vehicles", "UAVs"],
    "armoured_vehicle": ["armoured vehicles", "infantry fighting vehicles", "armoured personnel carriers"],
    "tank": ["main battle tanks", "tanks"],
    "artillery": ["self-propelled howitzers", "artillery systems", "howitzers"],
    "air_defence": ["air defence systems", "surface-to-air missile systems", "air defence batteries"],
    "missile": ["missiles", "anti-ship missiles", "guided missiles"],
    "naval_vessel": ["frigates", "patrol vessels", "corvettes", "warships"],
    "submarine": ["submarines", "attack submarines"],
    "radar_sensor": ["radars", "radar systems", "surveillance radars"],
    "small_arms": ["rifles", "assault rifles", "machine guns"],
    "other": ["units", "systems"],
}
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 10: "ten", 12: "twelve",
                16: "16", 18: "eighteen", 20: "20", 24: "24", 32: "32", 36: "36", 48: "48", 100: "100"}

# --- word lists for slots (invented; no text from the real sets) ---------------------------
GIVEN = ["Anna", "Ravi", "Chen", "Maria", "Ahmed", "Olga", "Kenji", "Fatima", "Lucas", "Amara", "Tomasz", "Ines",
         "Jae-won", "Priya", "Mehmet", "Sofia", "Daniel", "Leila", "Jakub", "Nadia", "Hiroshi", "Elena", "Kwame",
         "Marta", "Omar", "Yuki", "Pedro", "Aisha", "Viktor", "Lina", "Samuel", "Rania", "Erik", "Mei", "Andrés"]
FAMILY = ["Kowalski", "Sharma", "Liu", "Garcia", "Haddad", "Petrova", "Tanaka", "Okafor", "Silva", "Nguyen", "Berg",
          "Moreau", "Park", "Yilmaz", "Novak", "Rahman", "Costa", "Ivanova", "Mensah", "Lindqvist", "Santos",
          "Kaya", "Dubois", "Horvath", "Suzuki", "Ortega", "Khan", "Jensen", "Rossi", "Wiśniewski", "Adeyemi"]
TITLES = ["Defence Minister", "Deputy Defence Minister", "the air force chief", "the navy's chief of staff",
          "a ministry spokesperson", "the army commander", "the procurement agency's director",
          "a senior official", "the state secretary for defence", "the chief of the general staff"]
INSTITUTES = ["the International Institute for Strategic Studies", "the Stockholm International Peace Research Institute",
              "the Royal United Services Institute", "the Center for Strategic and International Studies",
              "the Lowy Institute", "Chatham House", "the RAND Corporation", "the Observer Research Foundation",
              "the Institute for Defence Studies and Analyses", "the Carnegie Endowment", "the Atlantic Council",
              "the Jamestown Foundation", "the Hudson Institute", "the German Marshall Fund"]
OUTLETS = ["Defence Wire", "Global Security Post", "The Strategic Desk", "Armament Review", "Frontline Daily",
           "Military Ledger", "Regional Defence Monitor", "Air & Sea Report", "Land Forces Weekly"]
ADJ = ["constructive", "frank", "productive", "cordial", "detailed", "wide-ranging", "substantive", "candid",
       "lengthy", "closed-door", "high-level", "technical"]
TOPICS = ["border security", "maritime surveillance", "counter-terrorism", "disaster relief", "cyber defence",
          "logistics support", "pilot training", "air policing", "mine clearance", "coastal defence",
          "search and rescue", "military medicine", "space situational awareness", "peacekeeping"]
SECTIONS = ["Home", "News", "Defence", "Air", "Land", "Naval", "Industry", "Analysis", "Video", "Events",
            "Policy", "Budget", "Contracts", "Opinion", "World", "Asia-Pacific", "Europe", "Middle East"]
SEPARATORS = [" > ", " › ", " / ", " | ", "   /   "]
EXERCISES = ["Iron", "Northern", "Pacific", "Desert", "Steel", "Blue", "Silver", "Falcon", "Eagle", "Shield",
             "Trident", "Thunder", "Arctic", "Southern", "Coastal", "Golden"]
EXERCISE2 = ["Resolve", "Strike", "Guardian", "Horizon", "Spear", "Sentinel", "Dawn", "Response", "Partner", "Star"]
REASONS = ["budget pressure", "a review of force structure", "rising maintenance costs", "parliamentary scrutiny",
           "currency fluctuations", "supply-chain disruption", "a change of government", "an audit of spending",
           "delays at the shipyard", "a shortage of trained crews", "competing priorities in the budget"]
BASES = ["air base", "naval base", "training range", "army garrison", "test centre", "port", "logistics depot"]
STAGE_VERBS = {
    "ordered": ["has ordered", "placed an order for", "signed a contract for", "awarded a contract for",
                "finalised the purchase of", "concluded a deal for", "agreed to buy"],
    "delivered": ["took delivery of", "received", "has received the first batch of", "accepted delivery of"],
    "approved": ["approved the purchase of", "cleared the acquisition of", "gave the go-ahead to buy",
                 "authorised funding for"],
    "planned": ["plans to acquire", "is negotiating the purchase of", "is in talks to buy", "intends to procure",
                "is considering the purchase of"],
    "selected": ["selected", "chose", "picked"],
}
AGREEMENT_KINDS = ["a memorandum of understanding on defence industrial cooperation", "a defence cooperation agreement",
                   "a letter of intent on joint development of military equipment", "a status of forces agreement",
                   "a reciprocal access agreement", "an agreement on military-technical cooperation",
                   "a security of supply arrangement", "a framework agreement on defence research",
                   "a logistics support agreement", "an implementing arrangement on training"]


def _rows(name: str) -> list[dict]:
    with open(REFERENCE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Vocabulary:
    def __init__(self) -> None:
        self.firms = [r for r in _rows("organisations.csv") if r["kind"] == "firm" and r["country"]]
        self.forces = {}
        for r in _rows("organisations.csv"):
            if r["kind"] == "armed_forces" and r["country"]:
                self.forces.setdefault(r["country"], []).append(r["name"])
        self.systems = [r for r in _rows("weapon_systems.csv") if r["origin_country"] and r["category"] in NOUNS]
        self.by_category: dict[str, list[dict]] = {}
        for s in self.systems:
            self.by_category.setdefault(s["category"], []).append(s)
        self.firm_by_name = {f["name"]: f for f in self.firms}
        capitals = {}
        for r in _rows("capitals.csv"):
            capitals.setdefault(r["alpha3"], r["capital"])
        self.capitals = capitals
        self.demonyms = {}
        for r in _rows("demonyms.csv"):
            self.demonyms.setdefault(r["alpha3"], r["demonym"])
        self.buyers = sorted(a for a in capitals if pycountry.countries.get(alpha_3=a) and a in self.demonyms
                             and "," not in pycountry.countries.get(alpha_3=a).name)
        self.names = {a: pycountry.countries.get(alpha_3=a).name for a in self.buyers}
        for a, n in {"KOR": "South Korea", "USA": "the United States", "GBR": "Britain", "RUS": "Russia", "TUR": "Türkiye",
                     "IRN": "Iran", "VNM": "Vietnam", "TWN": "Taiwan", "SYR": "Syria", "BOL": "Bolivia", "VEN": "Venezuela",
                     "TZA": "Tanzania", "MDA": "Moldova", "LAO": "Laos", "PRK": "North Korea", "CZE": "the Czech Republic",
                     "NLD": "the Netherlands", "PHL": "the Philippines", "ARE": "the United Arab Emirates"}.items():
            if a in self.names:
                self.names[a] = n


def cap(s: str) -> str:
    return s[0].upper() + s[1:]


class Writer:
    """One article's slot filler: the rng, the vocabulary and the publication date."""

    def __init__(self, rng: random.Random, v: Vocabulary, published: dt.date) -> None:
        self.r, self.v, self.pub = rng, v, published

    # -- slots ------------------------------------------------------------------------------
    def person(self) -> str:
        return f"{self.r.choice(GIVEN)} {self.r.choice(FAMILY)}"

    def state(self) -> str:
        return self.r.choice(self.v.buyers)

    def year(self, back: int = 12) -> int:
        return self.pub.year - self.r.randrange(1, back)

    def month_year(self, ahead: int = 0) -> str:
        return f"{self.r.choice(MONTHS)} {self.pub.year + ahead}"

    def when(self) -> str:
        day = self.pub - dt.timedelta(days=self.r.randrange(0, 9))
        style = self.r.randrange(7)
        if style == 0:
            return f"on {WEEKDAYS[day.weekday()]}"
        if style == 1:
            return f"on {day.day} {day:%B} {day.year}"
        if style == 2:
            return f"on {day:%B} {day.day}, {day.year}"
        if style == 3:
            return self.r.choice(["last week", "earlier this month", "this week", "late last month"])
        if style == 4:
            return f"in {day:%B} {day.year}"
        if style == 5:
            return f"on {day:%B} {day.day}"
        return f"on {day.day} {day:%B}"

    def money(self) -> str:
        m = self.r.randrange(20, 6000)
        style = self.r.randrange(9)
        if style == 0:
            return f"${m / 1000:.1f} billion" if m >= 1000 else f"${m} million"
        if style == 1:
            return f"US${m} million"
        if style == 2:
            return f"USD {m:,} million"
        if style == 3:
            return f"€{m * 0.9 / 1000:.2f}bn"
        if style == 4:
            return f"{m * 1350:,.0f} million won"
        if style == 5:
            return f"about ${m}m"
        if style == 6:
            return f"£{m * 0.8:.0f} million"
        if style == 7:
            return f"{m * 83:,.0f} crore rupees" if m < 100 else f"€{m * 0.92:,.0f} million"
        return f"roughly {m / 1000:.2f} billion US dollars" if m >= 1000 else f"{m} million euros"

    def qty(self) -> tuple[int, str]:
        q = self.r.choice(list(NUMBER_WORDS))
        return q, NUMBER_WORDS[q] if self.r.random() < 0.5 else str(q)

    def system(self) -> dict:
        return self.r.choice(self.v.systems)

    def firm_for(self, system: dict) -> dict:
        return self.v.firm_by_name.get(system["manufacturer"]) or self.r.choice(self.v.firms)

    def noun(self, system: dict) -> str:
        return self.r.choice(NOUNS[system["category"]])

    def sysname(self, system: dict) -> str:
        aliases = [a for a in system.get("aliases", "").split("|") if a.strip()]
        return self.r.choice(aliases) if aliases and self.r.random() < 0.2 else system["system"]

    def who(self, a: str) -> str:
        forces = self.v.forces.get(a)
        r = self.r.random()
        if forces and r < 0.25:
            return "the " + self.r.choice(forces) if not self.r.choice(forces).startswith("the ") else self.r.choice(forces)
        if r < 0.45:
            return f"the {self.v.demonyms[a]} {self.r.choice(['defence ministry', 'government', 'army', 'navy', 'air force'])}"
        return self.v.names[a]

    def operators(self, n: int, avoid: str) -> str:
        states = [self.v.names[s] for s in self.r.sample(self.v.buyers, n + 1) if s != avoid][:n]
        return ", ".join(states[:-1]) + " and " + states[-1]

    # -- sentences ---------------------------------------------------------------------------
    def deal(self, buyer: str) -> list[str]:
        """A procurement: one to three sentences (deal, value or schedule, a detail)."""
        r = self.r
        s = self.system()
        firm = self.firm_for(s)
        q, qt = self.qty()
        stage = r.choice(["ordered"] * 4 + ["delivered"] * 2 + ["approved", "planned", "selected"])
        verb = r.choice(STAGE_VERBS[stage])
        name, noun = self.sysname(s), self.noun(s)
        who = self.who(buyer)
        form = r.randrange(8)
        if form == 0:
            first = f"{cap(who)} {verb} {qt} {name} {noun} from {firm['name']} worth {self.money()}, {r.choice(TITLES)} said {self.when()}."
        elif form == 1:
            first = f"{cap(self.when())}, {who} {verb} {qt} {name} {noun}, in a deal valued at {self.money()}."
        elif form == 2:
            first = (f"{firm['name']} said {self.when()} it had won a {self.money()} contract to supply {qt} {name} "
                     f"{noun} to {self.v.names[buyer]}.")
        elif form == 3:
            first = (f"Under the {self.money()} agreement, {firm['name']} will deliver {qt} {name} {noun} to "
                     f"{who} by {self.month_year(r.randrange(1, 5))}.")
        elif form == 4:
            first = f"{cap(who)} {verb} {qt} {name} {noun}, {self.person()}, {r.choice(TITLES)}, told reporters {self.when()}."
        elif form == 5:
            first = (f"The {self.v.demonyms[buyer]} order covers {qt} {name} {noun} plus spare parts, training and "
                     f"{r.randrange(2, 11)} years of support, at a cost of {self.money()}.")
        elif form == 6:
            first = (f"{cap(who)} {verb} {qt} {name} {noun} built by {self.v.demonyms[s['origin_country']] if s['origin_country'] in self.v.demonyms else 'foreign'} "
                     f"manufacturer {firm['name']}, the ministry announced {self.when()}.")
        else:
            first = (f"Parliament in {self.v.capitals.get(buyer, 'the capital')} {r.choice(['approved', 'endorsed', 'signed off on'])} "
                     f"{self.money()} for {qt} {name} {noun} {self.when()}, clearing the way for a contract with {firm['name']}.")
        out = [first]
        if r.random() < 0.6:
            out.append(r.choice([
                f"Deliveries are scheduled to begin in {self.month_year(r.randrange(1, 5))} and to be completed by {self.pub.year + r.randrange(5, 9)}, {r.choice([self.person(), r.choice(TITLES)])} said.",
                f"The first {r.randrange(2, 6)} {noun} will arrive at {r.choice(BASES)} near {self.v.capitals.get(buyer, 'the capital')} in {self.month_year(r.randrange(1, 3))}.",
                f"The {name} will replace {r.choice(['ageing', 'Soviet-era', 'obsolete', 'worn-out'])} {noun} that entered service in the {r.choice(['1970s', '1980s', '1990s'])}.",
                f"Local assembly of {r.randrange(2, q + 2)} of the {noun} is planned at a plant to be built with {firm['name']} by {self.pub.year + r.randrange(2, 6)}.",
            ]))
        for _ in range(r.choice([0, 1, 1, 2])):  # sentences that refer back to the deal in hand
            out.append(r.choice([
                f"The contract also covers {r.choice(['spare engines', 'simulators', 'munitions', 'ground equipment', 'crew training'])} and a {r.randrange(2, 11)}-year maintenance package, {r.choice(TITLES)} said.",
                f"The {noun} will be based at {r.choice(BASES)}s near {self.v.capitals[self.state()]} and in the {r.choice(['north', 'south', 'east', 'west'])}, according to the ministry.",
                f"The purchase is part of a {self.money()} modernisation plan that {self.v.names[buyer]} announced in {self.year(4)}.",
                f"Under the deal, {firm['name']} will transfer technology to local industry and assemble {r.randrange(2, 12)} of the {noun} in {self.v.capitals.get(buyer, 'the capital')}.",
                f"The second batch of {r.randrange(2, 12)} {noun} is expected to be ordered in {self.pub.year + r.randrange(1, 4)} once funding is approved.",
                f"The order will also include {r.randrange(20, 400)} {r.choice(['missiles', 'rockets', 'torpedoes', 'shells'])} and associated launchers, the {self.v.demonyms[buyer]} defence ministry said.",
                f"Those {noun} are due to enter service with {self.who(buyer)} by {self.month_year(r.randrange(2, 6))}.",
            ]))
        if r.random() < 0.35:
            out.append(f"The {name} is already flown by {self.operators(r.randrange(2, 5), buyer)}, according to {r.choice(INSTITUTES)}."
                       if r.random() < 0.5 else
                       f"Other operators of the type include {self.operators(r.randrange(2, 5), buyer)}, which bought theirs between {self.year(15)} and {self.pub.year - 1}.")
        return out

    def agreement(self, a: str, b: str) -> list[str]:
        r = self.r
        kind = r.choice(AGREEMENT_KINDS)
        verb = r.choice(["signed", "inked", "concluded", "will sign", "are negotiating", "initialled"])
        where = self.v.capitals.get(r.choice([a, b]), "the capital")
        form = r.randrange(4)
        if form == 0:
            first = f"{self.v.names[a]} and {self.v.names[b]} {verb} {kind} in {where} {self.when()}, officials said."
        elif form == 1:
            first = (f"{self.person()}, {r.choice(TITLES)} of {self.v.names[a]}, and {self.v.demonyms[b]} counterpart "
                     f"{self.person()} {verb} {kind} during talks in {where} {self.when()}.")
        elif form == 2:
            first = f"{cap(self.when())}, {self.v.names[a]} {verb} {kind} with {self.v.names[b]} covering {r.choice(TOPICS)} and {r.choice(TOPICS)}."
        else:
            first = (f"The {self.v.demonyms[a]} and {self.v.demonyms[b]} defence ministries {verb} {kind} at a "
                     f"{r.choice(ADJ)} meeting in {where} {self.when()}.")
        out = [first]
        if r.random() < 0.5:
            out.append(r.choice([
                f"Under the agreement, the two countries will also explore the purchase of {self.sysname(self.system())} {r.choice(r.choice(list(NOUNS.values())))}, {self.person()} said.",
                f"The memorandum follows talks between {self.v.demonyms[a]} and {self.v.demonyms[b]} officials in {self.month_year()} on {r.choice(TOPICS)}.",
                f"The deal is expected to be ratified by the {self.v.demonyms[b]} parliament by {self.month_year(1)}, {r.choice(TITLES)} said.",
            ]))
        if r.random() < 0.7:
            out.append(r.choice([
                f"The arrangement covers {r.choice(TOPICS)}, joint exercises and the exchange of {r.randrange(10, 200)} officers a year.",
                f"It will run for {r.randrange(3, 11)} years and can be extended by mutual consent, {r.choice(TITLES)} told {r.choice(OUTLETS)} in {where}.",
                f"Both sides said the accord would open the way to co-production of {r.choice(r.choice(list(NOUNS.values())))} in {where} by {self.month_year(r.randrange(2, 6))}.",
            ]))
        return out

    def negative(self, buyer: str) -> str:
        """A sentence naming systems or states that reports no deal."""
        r = self.r
        s = self.system()
        name, noun = self.sysname(s), self.noun(s)
        form = r.randrange(6)
        if form == 0:
            return (f"{self.v.demonyms[buyer]} {noun} including the {name} took part in exercise {r.choice(EXERCISES)} "
                    f"{r.choice(EXERCISE2)} {self.year(3) + 1} alongside units from {self.v.names[self.state()]}.")
        if form == 1:
            return (f"The air arm retired its last {name} {noun} in {self.year(10)} after {r.randrange(15, 45)} years of service, "
                    f"citing {r.choice(REASONS)}.")
        if form == 2:
            other = self.system()
            return (f"{self.firm_for(s)['name']} with the {name} and {self.firm_for(other)['name']} with the {other['system']} "
                    f"also competed but were eliminated in {self.year(3) + 1}.")
        if form == 3:
            return (f"A {name} crashed during a training flight near {self.v.capitals.get(self.state(), 'the coast')} in "
                    f"{self.month_year()}, and an investigation is under way, {self.person()} said.")
        if form == 4:
            return (f"Critics argue that the {name} is too expensive to operate and point to {r.choice(REASONS)} "
                    f"as a reason to wait until {self.pub.year + r.randrange(2, 6)}.")
        return (f"{self.v.names[self.state()]} displayed a mock-up of the {name} at an exhibition in "
                f"{self.v.capitals.get(self.state(), 'the capital')}, where {r.randrange(40, 900)} firms had stands.")

    def filler(self) -> str:
        r = self.r
        place = self.v.capitals[self.state()]
        return r.choice([
            f"Analysts at {r.choice(INSTITUTES)} said the security environment around {place} had changed markedly since {self.year()}, pointing to {r.choice(REASONS)}.",
            f"Officials from both sides described the {r.randrange(2, 40)}-hour talks in {place} as {r.choice(ADJ)} and said further rounds would follow in {self.month_year()}.",
            f"A spokesperson for {r.choice(INSTITUTES)} in {place} did not respond to a request for comment from {r.choice(OUTLETS)} by {r.randrange(1, 11)} p.m. on {r.choice(WEEKDAYS)}.",
            f"Defence spending in the region has risen by {r.randrange(2, 60)} per cent since {self.year()}, according to figures published by {r.choice(INSTITUTES)}.",
            f"The programme has faced delays since {self.year()} because of {r.choice(REASONS)} and {r.choice(REASONS)}, {self.person()} said.",
            f"About {r.randrange(20, 400)} industry representatives attended a {r.choice(ADJ)} briefing on the sidelines of the exhibition in {place}.",
            f"{self.person()}, a researcher at {r.choice(INSTITUTES)}, expects further announcements on {r.choice(TOPICS)} by {r.choice(MONTHS)} as modernisation plans advance.",
            f"{r.randrange(2, 90)} lawmakers have called for greater transparency in the procurement process, {self.person()} told reporters in {place}.",
            f"The armed forces have been modernising after {r.randrange(5, 30)} years of underinvestment, {r.choice(INSTITUTES)} noted in a report on {r.choice(TOPICS)}.",
            f"Both governments reaffirmed their commitment to {r.choice(TOPICS)} and regional stability at a {r.choice(ADJ)} meeting in {place} on {r.choice(WEEKDAYS)}.",
            f"{self.person()} has led the team at {r.choice(INSTITUTES)} since {self.year()} and previously worked on {r.choice(TOPICS)} in {place} for {r.randrange(2, 20)} years.",
            f"The ministry said {r.randrange(2, 40)} percent of the {self.pub.year} budget would go to {r.choice(TOPICS)}, up from {r.randrange(2, 30)} percent in {self.year(4)}.",
            f"\"We need capabilities that match the threats we face,\" {self.person()}, {r.choice(TITLES)}, said in a speech in {place}.",
            f"Observers in {place} expect the next phase of {r.choice(TOPICS)} reforms to be debated in parliament before {self.month_year(r.randrange(0, 2))}, {self.person()} wrote.",
        ])

    # -- scraping noise ---------------------------------------------------------------------
    def noise_head(self) -> list[str]:
        r = self.r
        out = []
        if r.random() < 0.4:
            out.append("Skip to main content")
        if r.random() < 0.7:
            out.append(r.choice(SEPARATORS).join(r.sample(SECTIONS, r.randrange(3, 9))))
        if r.random() < 0.25:
            out.append(r.choice(["We use cookies to improve your experience. By continuing you accept our use of cookies. Accept | Manage settings",
                                 "This site uses cookies. Accept all  Reject all  Preferences",
                                 "Cookie settings: we and our partners store data on your device. OK"]))
        return out

    def byline(self) -> str:
        r = self.r
        return r.choice([f"By {self.person()}", f"By {self.person()} and {self.person()}", f"{self.person()} | {r.choice(OUTLETS)}", f"{self.person()} 🕒︎ {self.pub.isoformat()}",
                         f"Posted by {self.person()} on {self.pub:%B} {self.pub.day}, {self.pub.year}", f"{r.choice(OUTLETS)} staff, {self.pub:%d %B %Y}"])

    def noise_tail(self) -> list[str]:
        r = self.r
        out = []
        if r.random() < 0.6:
            out.append(r.choice(["Share this:", "Share on Facebook | Share on X | Email | Print", "SHARE  TWEET  EMAIL", "Share  |  Copy link"]))
        if r.random() < 0.5:
            out += [r.choice(["Related", "Read more", "Guess You Like", "More from this section", "Recommended"])]
            for _ in range(r.randrange(2, 5)):
                out.append(r.choice([
                    f"{self.v.names[self.state()]} {r.choice(['eyes', 'weighs', 'studies'])} new {r.choice(list(NOUNS.values()))[0]} for {r.choice(TOPICS)}",
                    f"{r.choice(OUTLETS)}: {r.choice(TOPICS)} takes centre stage in {self.v.capitals[self.state()]}",
                    f"Officials inspect new {r.choice(BASES)} outside {self.v.capitals[self.state()]}",
                ]))
        if r.random() < 0.3:
            out.append('{ "slotId": "%d", "unitType": "responsive", "pubId": "pub-%d", "resize": "auto" }' % (r.randrange(10**6), r.randrange(10**9)))
        if r.random() < 0.4:
            out.append(r.choice(["Leave a Reply", "Subscribe to our newsletter", "Sign up for the morning briefing"]))
        if r.random() < 0.5:
            out.append(f"© {self.pub.year} {r.choice(OUTLETS)}. All rights reserved.")
        return out


def published_date(rng: random.Random, n: int, backfill_before: int | None = None) -> dt.date:
    if backfill_before is not None:  # an old article arriving late: any day of the feed's history so far
        return FEED_START + dt.timedelta(days=rng.randrange(0, max(1, backfill_before // ARTICLES_PER_DAY)))
    return FEED_START + dt.timedelta(days=max(0, n // ARTICLES_PER_DAY + rng.randrange(-3, 4)))


def article(rng: random.Random, v: Vocabulary, n: int, backfill_before: int | None = None,
            planted: dict | None = None) -> str:
    """Article n's text; `planted` (if given) receives how many procurements and agreements it tells."""
    published = published_date(rng, n, backfill_before)
    w = Writer(rng, v, published)
    # target size: log-normal around 3.3 KB (real p10/p50/p90 ~ 2.8/3.3/4.2 KB); 3 % long reads
    target = int(2950 * math.exp(rng.gauss(0, 0.17)))
    if rng.random() < 0.03:
        target = rng.randrange(6000, 16000)
    buyer, partner = rng.sample(v.buyers, 2)
    kind = rng.random()
    body: list[list[str]] = []  # paragraphs of sentences
    if planted is not None:
        planted.update(procurements=0, agreements=0)
    if kind < 0.10:  # no record: exercises, retirements, losing bids, opinion
        body += [[w.negative(buyer) for _ in range(rng.randrange(2, 4))]]
        title = f"{v.names[buyer]} {rng.choice(['weighs options', 'reviews its fleet', 'hosts drills', 'debates spending'])} amid {rng.choice(REASONS)}"
    else:
        if kind < 0.7:  # procurement news: several deals, often an agreement beside them
            deals, agreements = rng.choice([2, 2, 3, 3, 4, 5, 6]), rng.choice([0, 1, 1, 2, 2])
        else:  # agreement news
            deals, agreements = rng.choice([0, 1, 2, 2]), rng.choice([1, 2, 3])
        for _ in range(deals):
            body.append(w.deal(buyer if rng.random() < 0.7 else w.state()))
        for _ in range(agreements):
            body.append(w.agreement(buyer, partner if rng.random() < 0.6 else w.state()))
        if not body:
            body.append(w.deal(buyer))
            deals = 1
        if planted is not None:
            planted.update(procurements=deals, agreements=agreements)
        rng.shuffle(body[1:] if len(body) > 1 else body)
        for _ in range(rng.randrange(1, 4)):
            body.insert(rng.randrange(1, len(body) + 1), [w.negative(buyer)])
        title = rng.choice([f"{v.names[buyer]} {rng.choice(['orders', 'buys', 'moves to acquire', 'signs for'])} new {rng.choice(NOUNS[w.system()['category']])}",
                            f"{v.names[buyer]} and {v.names[partner]} deepen defence ties",
                            f"{rng.choice(OUTLETS)}: {v.demonyms[buyer]} procurement plans take shape"])
    dateline = f"{v.capitals.get(buyer, 'CAPITAL').upper()}, {published:%B} {published.day}, {published.year} — "
    date_field = rng.random() < 0.5
    if not date_field or rng.random() < 0.6:  # every article carries its date somewhere, as feeds do
        body[0][0] = dateline + body[0][0]
    parts = w.noise_head() + [title, w.byline()]
    if date_field:
        parts.append(f"date {published.isoformat()}")
    parts.append("")
    noise_tail = w.noise_tail()
    size = sum(len(p) + 1 for p in parts + noise_tail) + sum(len(s) + 1 for para in body for s in para)
    while size < target:  # filler paragraphs, placed among the deal paragraphs
        para = [w.filler() for _ in range(rng.randrange(2, 5))]
        size += sum(len(s) + 1 for s in para) + 1
        body.insert(rng.randrange(1, len(body) + 1), para)
    for para in body:
        parts += [" ".join(para), ""]
    return "\n".join(parts + noise_tail) + "\n"


def generate(out_dir: Path, n: int, seed: int = 7, start: int = 0, backfill: int | None = None) -> list[Path]:
    """Articles start .. start+n-1; with `backfill`, dated at random before article `backfill` of the feed."""
    out_dir.mkdir(parents=True, exist_ok=True)
    v = Vocabulary()
    paths = []
    for i in range(start, start + n):
        rng = random.Random(f"{seed}:{i}" if backfill is None else f"{seed}:{i}:before{backfill}")  # article i is the same whatever N is
        path = out_dir / f"{i // 1000:03d}" / f"article_{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(article(rng, v, i, backfill), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--backfill", type=int, metavar="K", help="date the articles at random before article K of the feed")
    a = ap.parse_args()
    generate(a.out_dir, a.n, a.seed, a.start, a.backfill)


if __name__ == "__main__":
    main()
