#!/usr/bin/env python3
"""A news firehose: what does it cost to say "nothing here"?

A real stream (GDELT, a regional monitor's feeds) is mostly unrelated news. This benchmark builds a
mixed corpus — 10% reports of attacks (``bench/corpus.py``) and 90% unrelated news of the same length
(sport, economy, politics, weather; generated from word banks and made-up names, so the vocabulary
keeps growing as in a real feed, and written with the words an attack report also uses in other
senses: shares *fell*, a striker *hit* the post, a firm *launched* a product, a storm *killed* two) —
and measures, in one process on one core:

- ``Extractor.extract`` docs/s on the attack reports, on the unrelated news and overall, with the
  pre-scan gate (the default) and without it (``CLAIMGRAPH_PRESCAN=off``);
- spaCy's tokenizer alone (the extractor's own ``make_doc``) on the same documents, and the ratio;
- how many unrelated documents the pre-scan let through (each costs a full reading).

Each timing is CPU time of this process, the median of ``--repeat`` runs. Writes ``build/bench/firehose.json``.

    python bench/firehose.py                 # 2,000 documents, 3 repeats
    python bench/firehose.py --docs 500 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import FIRST_DAY, SPAN_DAYS, Banks, BenchDoc, make_document  # noqa: E402

# Places far from the conflicts the KB knows (none of them is a KB place or a town of its gazetteer).
CITIES = (
    "London", "Madrid", "Lagos", "Osaka", "Lima", "Toronto", "Melbourne", "Nairobi", "Oslo", "Denver",
    "Porto", "Lyon", "Glasgow", "Seville", "Auckland", "Montreal", "Accra", "Hamburg", "Krakow", "Quito",
)  # fmt: skip
# Now and then a story of diplomacy or trade names a country the KB knows: the pre-scan must read on then.
KNOWN_COUNTRIES = ("Iran", "Iraq", "Syria", "Jordan", "Israel", "Lebanon", "Turkey", "Saudi Arabia")
SPORTS = ("football", "rugby", "cricket", "tennis", "basketball", "cycling", "hockey", "athletics")
TEAM_WORDS = ("United", "City", "Rovers", "Athletic", "Wanderers", "Albion", "Rangers", "Town", "Harriers")
FIRMS = ("Holdings", "Group", "Bank", "Motors", "Energy", "Foods", "Logistics", "Telecom", "Pharma", "Airways")
GOODS = ("copper", "wheat", "coffee", "cocoa", "natural gas", "aluminium", "soybeans", "lithium", "sugar")
WEATHER = ("heatwave", "storm", "cold snap", "flooding", "drought", "snowfall", "heavy rain", "fog", "gales")
OFFICES = ("finance minister", "prime minister", "mayor", "opposition leader", "speaker", "governor")

PARAGRAPHS: dict[str, tuple[str, ...]] = {
    "sport": (
        "{team} beat {team2} {n}-{m} on {weekday}, with {person} scoring twice before half-time in front of "
        "{big} supporters at the {name} Stadium in {city}.",
        "{person} hit the post in the {minute}th minute and {team2} never recovered; their coach, {person2}, "
        'said the {sport} side had been "second best in every department".',
        "The {sport} season resumes next week after a break for internationals. {team} sit {nth} in the "
        "table, {n} points behind the leaders, and travel to {city} for a match the club calls decisive.",
        "{person} struck a fine volley from the edge of the area, the {nth} goal of a season in which the "
        "striker has been linked with a move to {team2} for a fee reported at {money}.",
        "The board fired the manager after a run of {n} defeats, the {nth} change of coach in {m} years, and "
        "named {person2} as interim coach until the summer.",
        "Tickets for the final in {city} sold out within {minute} minutes, organisers said, and {big} fans "
        "are expected to travel from {city2} despite a rail strike announced for the same weekend.",
    ),
    "economy": (
        "Shares in {firm} fell {pct}% on {weekday} after the company cut its forecast, blaming weaker demand "
        "for {good} and higher borrowing costs in {city}.",
        "{firm} launched a {money} bond to refinance debt, its chief executive {person} told analysts, adding "
        "that the group would hit its margin target for the year despite the slowdown.",
        "The central bank held rates at {pct}%, in line with its inflation target, while warning that prices "
        "of {good} could rise further before the harvest in {month}.",
        "Exports of {good} rose {pct}% in {month} from a year earlier, the statistics office in {city} said, "
        "the {nth} monthly increase and the strongest since the pandemic.",
        "Investors shrugged off the news: the benchmark index closed {pct}% higher at a record, led by "
        "{firm} and {firm2}, which agreed a merger worth {money}.",
        "{firm2} plans to cut {big} jobs over three years and to close its plant near {city2}, unions said, "
        "calling a strike for {weekday} if talks fail.",
    ),
    "politics": (
        "The {office} {person} survived a vote of confidence in {city} on {weekday} by {n} votes, after a "
        "week in which coalition partners threatened to walk out over the {name} pension plan.",
        "Parliament passed the budget at the {nth} attempt. Opposition members said the plan would hit "
        'households hardest, while {person2}, the {office}, called it "the fairest in a decade".',
        "Talks on a trade agreement resumed in {city2}, where negotiators struck a deal on {good} quotas but "
        "left tariffs on cars to a summit planned for {month}.",
        "Turnout in the {name} regional election reached {pct}%, the highest since {year}, and the ruling "
        "party lost {n} of its {big} seats to a new movement led by {person}.",
        "The {office} launched a campaign against tax evasion, targeting offshore accounts held by {big} "
        "residents of {city}, and promised a law before the summer recess.",
        "Officials from {country} and {country2} met in {city} to discuss energy prices and visa rules; "
        "both sides described the talks as constructive and agreed to meet again in {month}.",
    ),
    "weather": (
        "A {weather} hit {city} on {weekday}, closing schools and delaying flights; forecasters said "
        "temperatures would fall to {minus} degrees overnight before a gradual recovery.",
        "The {weather} killed {n} people and left {big} homes without power across the region around "
        "{city2}, emergency services said, as rivers rose above warning levels.",
        "Meteorologists expect the {weather} to move east by {weekday}, bringing {pct} millimetres of rain "
        "to hills that saw the driest {month} on record.",
        "Farmers near {city} said the {weather} had struck at the worst moment, with {good} crops weeks from "
        "harvest; insurers put the losses at {money}.",
        "Firefighters brought a grass fire under control outside {city2} after {n} hours; no one was hurt, "
        "the fire service said, and a road reopened on {weekday} morning.",
    ),
}
TITLES = {
    "sport": "{team} edge {team2} in {city}",
    "economy": "{firm} shares move after {good} forecast",
    "politics": "{office} faces vote in {city}",
    "weather": "{weather} sweeps across {city}",
}
# Names of a world-wide stream (the attack reports draw theirs from the bench's Iraqi and Syrian banks).
FIRST_NAMES = (
    "Anna", "James", "Sofia", "Kwame", "Yuki", "Carlos", "Ingrid", "Priya", "Liam", "Chen", "Fatou", "Mateo",
    "Olga", "Hannah", "Luis", "Aiko", "Tomasz", "Grace", "Pedro", "Zoe", "Nils", "Elena", "Kofi", "Ruth",
)  # fmt: skip
SYLLABLES = (
    "bran", "ford", "ley", "wick", "ton", "mar", "sel", "dor", "vik", "ber", "lin", "gar", "ros", "kel",
    "ham", "sten", "ville", "ric", "mon", "tal", "nor", "bel", "cas", "wen", "por", "dal", "fen", "gri",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "March", "May", "July", "September", "November")


class _Filler:
    """Slot values for one unrelated story, from its own random generator."""

    def __init__(self, rng: random.Random, topic: str):
        self.rng, self.topic = rng, topic
        self.names = [self.word() for _ in range(3)]

    def word(self) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.word()}"

    def values(self) -> dict[str, str]:
        rng = self.rng
        country = rng.choice(KNOWN_COUNTRIES) if rng.random() < 0.1 else f"{self.word()}ia"
        return {
            "team": f"{rng.choice(self.names)} {rng.choice(TEAM_WORDS)}",
            "team2": f"{self.word()} {rng.choice(TEAM_WORDS)}",
            "person": self.person(),
            "person2": self.person(),
            "firm": f"{rng.choice(self.names)} {rng.choice(FIRMS)}",
            "firm2": f"{self.word()} {rng.choice(FIRMS)}",
            "city": rng.choice(CITIES),
            "city2": rng.choice(CITIES),
            "country": country,
            "country2": f"{self.word()}land",
            "name": rng.choice(self.names),
            "sport": rng.choice(SPORTS),
            "good": rng.choice(GOODS),
            "weather": rng.choice(WEATHER),
            "office": rng.choice(OFFICES),
            "weekday": rng.choice(WEEKDAYS),
            "month": rng.choice(MONTHS),
            "n": str(rng.randint(2, 9)),
            "m": str(rng.randint(0, 4)),
            "minute": str(rng.randint(11, 89)),
            "nth": rng.choice(("second", "third", "fourth", "fifth", "seventh")),
            "big": f"{rng.randint(2, 60)},{rng.randint(100, 999)}",
            "pct": f"{rng.randint(0, 9)}.{rng.randint(1, 9)}",
            "money": f"${rng.randint(2, 900)} million",
            "year": str(rng.randint(1990, 2015)),
            "minus": f"minus {rng.randint(2, 15)}",
        }


def unrelated_document(index: int, seed: int, target_bytes: int = 3000) -> BenchDoc:
    """Unrelated story ``index``: one topic, about ``target_bytes`` long, paragraphs drawn without repeats."""
    rng = random.Random(f"firehose:{seed}:{index}")
    topic = rng.choice(sorted(PARAGRAPHS))
    filler = _Filler(rng, topic)
    published = FIRST_DAY + timedelta(days=rng.randint(0, SPAN_DAYS))
    paragraphs: list[str] = []
    size, goal = 0, rng.randint(int(target_bytes * 0.85), int(target_bytes * 1.15))
    while size < goal:
        pool = list(PARAGRAPHS[topic])
        rng.shuffle(pool)
        for template in pool:
            paragraph = template.format(**filler.values())
            paragraphs.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 2
            if size >= goal:
                break
    city = rng.choice(CITIES).upper()
    text = f"{city}, {published.day} {published.strftime('%B')} — " + "\n\n".join(paragraphs)
    return BenchDoc(
        id=f"firehose-{seed}-{index:06d}",
        title=TITLES[topic].format(**filler.values()),
        published=published.isoformat(),
        lang="en",
        text=text,
    )


def mixed_corpus(n_docs: int, seed: int = 2025, attack_share: float = 0.1) -> list[tuple[str, BenchDoc]]:
    """``n_docs`` documents, every ``1/attack_share``-th an attack report, the others unrelated news."""
    banks = Banks.load()
    every = round(1 / attack_share)
    out = []
    for i in range(n_docs):
        if i % every == 0:
            out.append(("attack", make_document(banks, i, seed)))
        else:
            out.append(("unrelated", unrelated_document(i, seed)))
    return out


def _documents(corpus: list[tuple[str, BenchDoc]]):
    from claimgraph.models import Document

    return [
        (part, Document(id=d.id, text=d.text, published=date.fromisoformat(d.published), lang=d.lang, title=d.title))
        for part, d in corpus
    ]


def _time(fn, docs) -> float:
    """CPU seconds of this process (the machine may be shared: wall time would count the others' work)."""
    t0 = time.process_time()
    for d in docs:
        fn(d)
    return time.process_time() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported")
    parser.add_argument("--out-dir", type=Path, default=ROOT / "build" / "bench")
    args = parser.parse_args(argv)

    from claimgraph.extract import Extractor

    corpus = mixed_corpus(args.docs, args.seed)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with (args.out_dir / "firehose.jsonl").open("w", encoding="utf-8") as fh:
        for _part, d in corpus:
            fh.write(json.dumps(asdict(d), ensure_ascii=False) + "\n")
    docs = _documents(corpus)
    parts = {
        "attack": [d for p, d in docs if p == "attack"],
        "unrelated": [d for p, d in docs if p == "unrelated"],
        "overall": [d for _, d in docs],
    }
    gated = Extractor.build(gate=True)
    ungated = Extractor(
        gated.kb, gated.annotator, gated.memberships, gated.towns, gated.prescan, gate=False
    )  # the same extractor with the gate off
    nlp = gated.annotator._pipeline("en")[0]
    for d in docs[:50]:  # warm: the pre-scan's automaton, the gazetteer, the caches
        gated.extract(d[1])
    passed = sum(1 for d in parts["unrelated"] if "no_event_cues" not in gated.extract(d).to_json())
    differ = [d.id for d in parts["overall"] if gated.extract(d).to_json() != ungated.extract(d).to_json()]
    runs = {
        "extract": lambda d: gated.extract(d),
        "extract, no pre-scan": lambda d: ungated.extract(d),
        "tokenizer": lambda d: nlp.make_doc(d.text),
    }
    seconds: dict[tuple[str, str], float] = {}
    for label, fn in runs.items():
        for part in ("attack", "unrelated"):
            seconds[(label, part)] = statistics.median(_time(fn, parts[part]) for _ in range(args.repeat))
        seconds[(label, "overall")] = seconds[(label, "attack")] + seconds[(label, "unrelated")]

    def rate(label: str, part: str) -> float:
        return len(parts[part]) / seconds[(label, part)]

    print(
        f"firehose corpus: {len(docs)} documents ({len(parts['attack'])} attack reports, "
        f"{len(parts['unrelated'])} unrelated), seed {args.seed}; median of {args.repeat} runs, one process"
    )
    print(f"unrelated documents the pre-scan let through (read in full): {passed} of {len(parts['unrelated'])}")
    print(f"documents whose output differs with and without the pre-scan: {len(differ)} {differ[:5]}")
    header = f"{'docs/s':24s} {'attack':>10s} {'unrelated':>10s} {'overall':>10s}"
    print(header + "\n" + "-" * len(header))
    for label in runs:
        print(f"{label:24s} " + " ".join(f"{rate(label, p):10.1f}" for p in ("attack", "unrelated", "overall")))
    print(
        f"{'extract / tokenizer':24s} "
        + " ".join(f"{rate('extract', p) / rate('tokenizer', p):9.2f}x" for p in ("attack", "unrelated", "overall"))
    )
    result = {
        "docs": len(docs),
        "seed": args.seed,
        "repeat": args.repeat,
        "unrelated_read_in_full": passed,
        "differ_without_prescan": differ,
        "docs_per_s": {
            label: {p: round(rate(label, p), 1) for p in ("attack", "unrelated", "overall")} for label in runs
        },
        "ratio_to_tokenizer": {p: round(rate("extract", p) / rate("tokenizer", p), 3) for p in parts},
    }
    (args.out_dir / "firehose.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results: {args.out_dir / 'firehose.json'}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
