"""A varied, seedable corpus of synthetic news reports for benchmarking extraction.

Why generated text has to be varied: spaCy's tokenizer caches every
whitespace-delimited string it has seen, so a corpus built from a handful of
repeated sentences runs 4-20x faster than real prose and the benchmark lies.
Each report here is assembled from many sentence templates whose slots draw on
large word banks *and* on names built from syllables (people, towns, firms,
militias), so the number of distinct words keeps growing with the corpus the
way it does in a real news feed.

Roughly a third of each report is about armed-group activity (attacks, claims,
strikes, casualties, relative dates, memberships) so the extractor does its
real work; the rest is politics, economy and society filler.

The output is deterministic for a given ``seed``: each document has its own
``random.Random`` seeded from ``f"{seed}:{index}"`` (string seeding is stable
across runs, unlike ``hash()``).

Usage::

    python bench/corpus.py --docs 2000 -o build/bench/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

WORDBANKS = Path(__file__).with_name("wordbanks.toml")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Banks:
    """Word banks and paragraph templates, read from ``wordbanks.toml``."""

    words: dict[str, tuple[str, ...]]
    event_templates: tuple[str, ...]
    filler_templates: tuple[str, ...]

    @classmethod
    def load(cls, path: Path = WORDBANKS) -> Banks:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return cls(
            words={name: tuple(values) for name, values in data["banks"].items()},
            event_templates=tuple(data["templates"]["event"]),
            filler_templates=tuple(data["templates"]["filler"]),
        )


# --------------------------------------------------------------------------- generator


@dataclass(frozen=True, slots=True)
class BenchDoc:
    id: str
    title: str
    published: str
    lang: str
    text: str


@dataclass(frozen=True, slots=True)
class CorpusStats:
    docs: int
    bytes: int
    words: int
    distinct_words: int

    @property
    def avg_bytes(self) -> float:
        return self.bytes / self.docs if self.docs else 0.0


_LANDMARK_SITES = frozenset({"Tower 22"})


class _Writer:
    """Draws slot values for one document from its own random generator."""

    def __init__(self, banks: Banks, rng: random.Random, published: date, recent_days: int = 0) -> None:
        self.banks = banks
        self.rng = rng
        self.published = published
        self.recent_days = recent_days  # > 0: a day's feed, every attack of the last ``recent_days`` days
        # A few names recur inside one document, as they do in real reports.
        self.groups = [self.known_or_new_group() for _ in range(3)]
        self.towns = [self.town() for _ in range(4)]
        self.people = [self.person() for _ in range(3)]
        self.makers = self.slot_makers()

    def pick(self, bank: str) -> str:
        """A random entry of the named word bank."""
        return self.rng.choice(self.banks.words[bank])

    def pseudo_word(self, lo: int = 2, hi: int = 3) -> str:
        return "".join(self.pick("syllables") for _ in range(self.rng.randint(lo, hi))).capitalize()

    def town(self) -> str:
        return self.pick("town_patterns").format(self.pseudo_word())

    def person(self) -> str:
        first = self.pick("first_names")
        if self.rng.random() < 0.6:
            return f"{first} al-{self.pseudo_word()}"
        return f"{first} {self.pseudo_word()}{self.rng.choice(('', 'i', 'awi', 'ani', 'son', 'er'))}"

    def new_group(self) -> str:
        return f"{self.pick('group_prefixes')} {self.pseudo_word()} al-{self.pseudo_word()}"

    def known_or_new_group(self) -> str:
        return self.pick("known_groups") if self.rng.random() < 0.75 else self.new_group()

    def site(self) -> str:
        """A site; a day's feed leaves out the sites whose names also name a dated past attack (the KB's
        landmarks: "the attack on Tower 22" is 28 January 2024, whenever it is written)."""
        sites = self.banks.words["sites"]
        if self.recent_days:
            sites = tuple(s for s in sites if s not in _LANDMARK_SITES)
        return self.rng.choice(sites)

    def month(self) -> str:
        """A month name; a day's feed names the current one ("since June", "in June")."""
        if self.recent_days:
            return _MONTHS[self.published.month - 1]
        return self.pick("months")

    def company(self) -> str:
        return f"{self.pseudo_word()} {self.pick('company_suffixes')}"

    def money(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return f"${self.rng.randint(2, 950)} million"
        if r < 0.7:
            return f"${self.rng.randint(1, 48)}.{self.rng.randint(1, 9)} billion"
        return f"{self.rng.randint(10, 990)} billion dinars"

    def date_phrase(self) -> str:
        """A relative or absolute date no later than publication."""
        if self.recent_days:
            when = self.published - timedelta(days=self.rng.randrange(self.recent_days))
            if self.rng.random() < 0.6:
                return self.rng.choice(("on ", "late on ", "early on ")) + _WEEKDAYS[when.weekday()]
            return f"on {when.day} {_MONTHS[when.month - 1]}"
        days_back = self.rng.choice((0, 1, 1, 2, 3, 4, 6, 9))
        when = self.published - timedelta(days=days_back)
        r = self.rng.random()
        if days_back == 0 and r < 0.5:
            return self.rng.choice(("on Monday", "earlier today", "overnight", "early on " + _WEEKDAYS[when.weekday()]))
        if days_back < 7 and r < 0.75:
            return self.rng.choice(("on ", "late on ", "early on ", "on ")) + _WEEKDAYS[when.weekday()]
        if r < 0.85:
            return f"on {when.day} {_MONTHS[when.month - 1]}"
        return self.rng.choice(("last week", "two days later", "the previous night", "a day earlier"))

    def casualty_sentence(self) -> str:
        r = self.rng.random()
        if r < 0.25:
            return "There were no casualties, and damage was limited to a storage building."
        if r < 0.5:
            return f"{self.rng.randint(1, 60)} people were injured and {self.rng.randint(1, 9)} were killed."
        if r < 0.7:
            return f"At least {self.rng.randint(2, 40)} service members suffered minor injuries."
        if r < 0.85:
            return f"{self.pick('vague').capitalize()} personnel were treated for traumatic brain injuries."
        return f"{self.pick('number_words').capitalize()} soldiers were wounded, one of them seriously."

    def fill(self, template: str) -> str:
        """``template`` with its {slots} drawn; a slot used twice gets one value.

        ``{Name}`` is ``{name}`` capitalised, for slots that start a sentence.
        """
        return template.format_map(_Slots(self.makers))

    def slot_makers(self) -> dict[str, Callable[[], str]]:
        rng, pick = self.rng, self.pick
        return {
            "date_phrase": self.date_phrase,
            "weapon": lambda: pick("weapon_phrases"),
            "weapon_plural_hint": lambda: rng.choice(("drones", "rockets", "missiles", "mortar bombs")),
            "site": self.site,
            "gov": lambda: pick("governorates"),
            "gov2": lambda: pick("governorates"),
            "official": lambda: pick("official_titles"),
            "casualty_sentence": self.casualty_sentence,
            "casualty_clause": lambda: rng.choice(("causing no casualties", "wounding a shepherd", "damaging a house")),
            "group": lambda: rng.choice(self.groups),
            "umbrella": lambda: rng.choice(("the Islamic Resistance in Iraq", "the Axis of Resistance", "the PMF")),
            "new_group": self.new_group,
            "hedge": lambda: rng.choice(
                ("very likely", "believed to be", "probably", "widely seen as", "almost certainly")
            ),
            "channel": lambda: pick("channels"),
            "grievance": lambda: pick("grievances"),
            "grievance_social": lambda: pick("social_grievances"),
            "number_word": lambda: pick("number_words"),
            "number": lambda: str(rng.randint(3, 40)),
            "count": lambda: str(rng.randint(20, 210)),
            "count_small": lambda: str(rng.randint(2, 14)),
            "count_small2": lambda: str(rng.randint(2, 9)),
            "us_weapon": lambda: pick("us_weapons"),
            "strike_casualties": lambda: rng.choice(
                (
                    f"An Iraqi government spokesman said {rng.randint(2, 20)} people were killed.",
                    "The Iraqi government condemned the strikes as a violation of sovereignty.",
                    f"A monitoring group reported {rng.randint(2, 30)} fighters dead.",
                )
            ),
            "town": lambda: rng.choice(self.towns),
            "town2": self.town,
            "distance": lambda: str(rng.randint(2, 25)),
            "person": lambda: rng.choice(self.people) if rng.random() < 0.5 else self.person(),
            "analyst": lambda: pick("analyst_orgs"),
            "ordinal": lambda: f"{rng.randint(20, 190)}th",
            "ordinal_small": lambda: rng.choice(("second", "third", "fourth", "fifth", "sixth", "seventh")),
            "month": self.month,
            "year": lambda: str(self.published.year if self.recent_days else rng.choice((2023, 2024))),
            "year2": lambda: str(rng.randint(1998, 2022)),
            "year3": lambda: str(rng.randint(2025, 2029)),
            "city": lambda: pick("world_cities"),
            "city2": lambda: pick("world_cities"),
            "country": lambda: pick("countries"),
            "country2": lambda: pick("countries"),
            "ministry": lambda: pick("ministries"),
            "verb": lambda: pick("verbs_past"),
            "policy": lambda: pick("policy_nouns"),
            "quote": lambda: f"{pick('quote_parts_a')} {pick('quote_parts_b')}",
            "money": self.money,
            "local_money": lambda: f"{rng.randint(5, 95)},{rng.randint(0, 999):03d}",
            "years": lambda: str(rng.randint(2, 12)),
            "commodity": lambda: pick("commodities"),
            "percent": lambda: f"{rng.randint(1, 45)}.{rng.randint(0, 9)}",
            "adjective": lambda: pick("adjectives"),
            "cause": lambda: pick("causes"),
            "company": self.company,
            "sector": lambda: pick("sectors"),
            "quarter": lambda: rng.choice(("first", "second", "third", "fourth")),
            "social": lambda: pick("social_nouns"),
            "amount": lambda: f"{rng.randint(1, 900)},{rng.randint(0, 999):03d}",
            "project": lambda: pick("projects"),
            "weather_lower": lambda: pick("weather"),
            "superlative": lambda: pick("superlatives"),
            "disease": lambda: pick("diseases"),
            "party": lambda: pick("parties"),
            "festival": lambda: pick("festivals"),
            "tech": lambda: pick("tech"),
            "material": lambda: pick("materials"),
            "warehouse": lambda: pick("warehouses"),
            "weekday": lambda: pick("weekdays"),
            "seats": lambda: str(rng.randint(15, 45)),
            "ancient_year": lambda: f"{rng.randint(9, 31)}00",
            "amount_small": lambda: f"{rng.randint(12, 9800):,}",
            "person2": self.person,
            "hours": lambda: str(rng.randint(4, 16)),
            "rate": lambda: f"{rng.randint(1, 1)},{rng.randint(420, 560)}",
            "official_cap": lambda: _cap(pick("official_titles")),
            "Weather": lambda: _cap(pick("weather")),
        }

    def title(self) -> str:
        return self.rng.choice(
            (
                f"Drone attack reported near {self.pick('sites')}",
                f"{_cap(self.groups[0])} claims strike as {self.pick('ministries')} budget row deepens",
                f"US strikes hit {self.towns[0]} after attack on {self.pick('sites')}",
                f"{self.pick('governorates')}: rockets, {self.pick('commodities')} prices and "
                f"a {self.pick('policy_nouns')}",
                f"{self.people[0]} warns of {self.pick('adjectives')} year for {self.pick('sectors')}",
                f"Militia statement, {self.pick('channels')}, names {self.new_group()}",
            )
        )


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Slots(dict[str, str]):
    """Slot values made on first use; ``{Name}`` is ``{name}`` capitalised."""

    def __init__(self, makers: dict[str, Callable[[], str]]) -> None:
        super().__init__()
        self.makers = makers

    def __missing__(self, key: str) -> str:
        if key in self.makers:
            value = self.makers[key]()
        elif key[:1].isupper() and key.lower() in self.makers:
            value = _cap(self[key.lower()])
        else:
            raise KeyError(f"template slot {{{key}}} has no maker in corpus._Writer.slot_makers")
        self[key] = value
        return value


FIRST_DAY = date(2023, 10, 17)
SPAN_DAYS = 600  # publication dates spread over this many days from FIRST_DAY


def make_document(
    banks: Banks,
    index: int,
    seed: int,
    target_bytes: int = 3000,
    span_days: int = SPAN_DAYS,
    first_day: date = FIRST_DAY,
    recent_days: int = 0,
) -> BenchDoc:
    """Report ``index`` of the corpus for ``seed``: about ``target_bytes`` of UTF-8 text, published
    within ``span_days`` from ``first_day``; ``recent_days`` > 0: a day's feed, whose attacks all
    fall within that many days up to publication (see ``daily_batch``)."""
    rng = random.Random(f"{seed}:{index}")
    published = first_day + timedelta(days=rng.randint(0, SPAN_DAYS) * span_days // SPAN_DAYS)
    writer = _Writer(banks, rng, published, recent_days)
    city = rng.choice(banks.words["world_cities"][:12]).upper()
    dateline = f"{city}, {published.day} {_MONTHS[published.month - 1]} —"
    # Each template at most once per report, as a real article does not repeat a paragraph.
    events, fillers = list(banks.event_templates), list(banks.filler_templates)
    rng.shuffle(events)
    rng.shuffle(fillers)
    paragraphs: list[str] = []
    size_goal = rng.randint(int(target_bytes * 0.85), int(target_bytes * 1.15))
    size = len(dateline)
    while size < size_goal and (events or fillers):
        bank = events if events and (rng.random() < 0.35 or not fillers) else fillers
        paragraph = writer.fill(bank.pop())
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    text = dateline + " " + "\n\n".join(paragraphs)
    return BenchDoc(
        id=f"bench-{seed}-{index:06d}",
        title=writer.title(),
        published=published.isoformat(),
        lang="en",
        text=text,
    )


def generate(
    n_docs: int,
    seed: int = 2023,
    target_bytes: int = 3000,
    span_days: int = SPAN_DAYS,
    first_day: date = FIRST_DAY,
    recent_days: int = 0,
) -> Iterator[BenchDoc]:
    """``n_docs`` reports, the same ones for the same arguments."""
    banks = Banks.load()
    for index in range(n_docs):
        yield make_document(banks, index, seed, target_bytes, span_days, first_day, recent_days)


_WORD = re.compile(r"\S+")


def write_corpus(
    path: Path,
    n_docs: int,
    seed: int = 2023,
    target_bytes: int = 3000,
    span_days: int = SPAN_DAYS,
    first_day: date = FIRST_DAY,
    recent_days: int = 0,
) -> CorpusStats:
    """Write ``n_docs`` reports as JSON Lines and return size and vocabulary statistics.

    ``words`` counts whitespace-separated tokens; ``distinct_words`` counts
    distinct whitespace-separated strings, which is what spaCy's tokenizer cache
    is keyed on.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    total_bytes = total_words = 0
    vocabulary: set[str] = set()
    with path.open("w", encoding="utf-8") as out:
        for doc in generate(n_docs, seed, target_bytes, span_days, first_day, recent_days):
            out.write(json.dumps(asdict(doc), ensure_ascii=False) + "\n")
            words = _WORD.findall(doc.text)
            total_words += len(words)
            vocabulary.update(words)
            total_bytes += len(doc.text.encode("utf-8"))
    return CorpusStats(n_docs, total_bytes, total_words, len(vocabulary))


DAILY_DAYS = 3  # a day's feed tells of the attacks of the last three days


def daily_batch(path: Path, n_docs: int, seed: int) -> CorpusStats:
    """A day's news after the corpus's last day (``FIRST_DAY + SPAN_DAYS``): ``n_docs`` reports
    published that day, every attack of the last ``DAILY_DAYS`` days (the ones that matter for an
    incremental reconcile: a real feed reports mostly today's and yesterday's attacks)."""
    return write_corpus(
        path, n_docs, seed, span_days=1, first_day=FIRST_DAY + timedelta(days=SPAN_DAYS), recent_days=DAILY_DAYS
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000, help="number of reports (default 2000)")
    parser.add_argument("--seed", type=int, default=2023, help="random seed (default 2023)")
    parser.add_argument("--bytes", type=int, default=3000, help="target size of one report (default 3000)")
    parser.add_argument("-o", "--output", type=Path, default=Path("build/bench/corpus.jsonl"))
    args = parser.parse_args(argv)
    stats = write_corpus(args.output, args.docs, args.seed, args.bytes)
    print(
        f"wrote {args.output}: {stats.docs} docs, {stats.avg_bytes:.0f} bytes/doc, "
        f"{stats.words} words, {stats.distinct_words} distinct"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
