"""Strategic developments: announcements beside the attacks, read sentence by sentence.

A sentence that matches a pack's ``development_<kind>`` cue (``lang/<code>/developments.toml``) and
names an actor gives a ``Development`` of that kind: a new phase, a suspension, a resumption, a truce,
a group formed, joined or left, a designation, a demand for withdrawal, a threat. Developments are
records of their own: they never become events, and reading them changes nothing the event stages
read or write.

Who: the announcer is the first actor named before the cue ("Two days later, Kataib Hezbollah, under
the IRI, announced the suspension": Kataib Hezbollah), skipping those who only speak about it ("US
officials said"); a pronoun ("the group said it would halt") takes the last announcer of the paragraph.
A designation's actor is the designated group, named after the cue if it is ("the US designated
Nujaba"), and its counterpart the state that designated; an affiliation's counterpart is the umbrella
joined. When: the date in the sentence nearest the cue ("two days after" counts from the date before
it), else the last date of the paragraph, else the publication date; a date after publication is a
deadline, never the announcement's date. A denied announcement ("denied any truce") is not one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta

from claimgraph.extract import cues
from claimgraph.extract.report import place_ref
from claimgraph.kb.loader import Place
from claimgraph.lang import PackError
from claimgraph.models import DEVELOPMENT_KINDS, DateValue, Development, Evidence, stable_id
from claimgraph.nlp import literals
from claimgraph.nlp.dates import DateMention, index_map
from claimgraph.nlp.pipeline import Annotated, Mention, Sentence

STATE_KINDS = {"state", "state_force"}
# kinds whose announcer may be a state ("the Iraqi government demanded the withdrawal"); the others are
# announced by armed groups, brands, coalitions or organisations
STATE_MAY_ANNOUNCE = {"withdrawal_demand", "threat", "truce"}
# kinds whose actor may stand after the cue ("a military alliance was formed under the banner of the IRI")
ACTOR_AFTER = {"formation", "designation"}
UMBRELLA_KINDS = {"umbrella_brand", "coalition"}
_NEGATION_WINDOW = 45
_HEADLINE_DAYS = 3  # a headline's publication day and the body's stated day of the same announcement
_PARTIES_WINDOW = 120  # "the ceasefire that went into effect on June 24, ending the war between Iran and Israel"
_LEDE_PARAGRAPHS = 2  # the title, the lede and the next paragraph may take the publication date
# a resumption or escalation only threatened ("warned it would resume attacks") is the threat's content
THREATENED = {"resumption", "escalation"}


def read_developments(
    ann: Annotated,
    doc_id: str,
    found: list[DateMention],
    published: date | None,
    places: Mapping[str, Place],
    kb,
    name_of: Callable[[str], str],
    skip: int = 0,
) -> list[Development]:
    """The developments a document announces, in text order, one per (kind, actor, date); ``skip`` is the
    end of the dateline (its place is where the story was filed, not where anything was announced)."""
    lang = ann.lang
    rules = cues.rules(lang)
    kinds = [k for k in DEVELOPMENT_KINDS if rules.has_cue(f"development_{k}")]  # a pack may have none
    if not kinds:
        return []
    norm = rules.normaliser
    kind_cues = tuple(cues.cue(lang, f"development_{k}") for k in kinds)
    furniture = [(a, b) for a, b, _ in cues.furniture_lines(ann.text)]
    dated = sorted((d for d in found if d.value is not None or d.kind == "anchored"), key=lambda d: d.start)
    out: dict[tuple[str, str, str], Development] = {}
    speaking = _spokesmen(ann, kb, lang)
    last_actor: Mention | None = None
    paragraph = -1
    for sent in ann.sentences:
        if sent.paragraph != paragraph:
            paragraph, last_actor = sent.paragraph, None
        if any(a <= sent.start < b for a, b in furniture):
            continue  # captions, related links
        actors = [m for m in ann.in_sentence(sent.index, "ACTOR") if m.key and not _generic(kb, m.key)]
        searched, idx = index_map(sent.text, norm) if norm else (sent.text, None)
        actors = _with_spokesmen(actors, speaking, sent, searched, idx)
        found_here = False
        folded = literals.fold(searched)
        # most sentences hold no cue of any kind: one substring test for them all
        told = kinds if literals.may_match_any(kind_cues, folded) else ()
        threat = literals.search(rules.cue("development_threat"), searched, folded) if "threat" in told else None
        habitual = cues.shared("habitual").search(sent.text) if told else None
        joined = None  # affiliation or disaffiliation: one per sentence, the first cue's
        for kind in told:
            cue = literals.search(cues.cue(lang, f"development_{kind}"), searched, folded)
            if cue is None or _negated(lang, searched, cue.start()):
                continue
            if kind in THREATENED and threat is not None and threat.start() < cue.start():
                continue
            if habitual and _span(sent, idx, cue.start(), cue.end())[0] > sent.start + habitual.start():
                continue  # "has repeatedly vowed": a habit, not an announcement
            if kind in ("affiliation", "disaffiliation"):
                if joined is not None and joined < cue.start():
                    continue
                joined = cue.start()
            a, b = _span(sent, idx, cue.start(), cue.end())
            if kind == "truce":  # every party is bound by it: one development each, the other as counterpart
                parties = _truce_parties(kb, lang, actors, a, b, sent, ann.text)
            else:
                parties = [(_actor(kb, lang, kind, actors, a, b, ann.text), None)]
            if not parties or parties[0][0] is None:
                parties = [(_anaphor(kind, sent, a, last_actor, kb), None)]
            if parties[0][0] is None:
                continue
            dv = _year_after(ann.text, b) or _date(dated, sent, a, published, ann)
            if dv is None:
                continue
            for actor, other in parties:
                counterpart = other or _counterpart(kb, kind, actors, actor, b)
                key = (kind, actor.key, dv.iso())
                if key in out:
                    out[key].evidence.append(Evidence("development", sent.start, sent.end, sent.text.strip()))
                    continue
                evidence = [
                    Evidence("development", sent.start, sent.end, sent.text.strip()),
                    Evidence("kind", a, b, ann.text[a:b]),
                    Evidence("actor", actor.start, actor.end, actor.text),
                ]
                if dv.start >= 0:
                    evidence.append(Evidence("date", dv.start, dv.end, dv.text))
                out[key] = Development(
                    id=stable_id("dev", doc_id, kind, actor.key, dv.iso()),
                    doc_id=doc_id,
                    kind=kind,
                    actor=name_of(actor.key),
                    actor_id=actor.key if not actor.key.startswith("new:") else None,
                    date=dv,
                    location=_place(lang, ann, sent, places, b, skip),
                    channel=cues.channel_of(sent.text) or "unknown",
                    speaker=_speaker(lang, sent, searched, idx),
                    counterpart=name_of(counterpart.key) if counterpart else None,
                    counterpart_id=counterpart.key if counterpart else None,
                    condition=_condition(sent, a) if kind == "threat" else None,
                    evidence=evidence,
                )
            last_actor, found_here = parties[0][0], True
        announcers = [m for m in actors if _kind(kb, m.key) not in STATE_KINDS]
        if announcers and not found_here:
            last_actor = announcers[0]
    return _fold_headlines(list(out.values()))


def _fold_headlines(found: list[Development]) -> list[Development]:
    """A headline dated only by publication ("Oman announces ceasefire deal") tells the announcement the
    body dates ("... said in a statement on Tuesday"): one development, the body's day, both sentences."""
    kept = []
    for d in found:
        told = next(
            (
                o
                for o in found
                if d.date.basis == "publication"
                and o.date.basis != "publication"
                and (o.kind, o.actor) == (d.kind, d.actor)
                and 0 <= (d.date.value - o.date.value).days <= _HEADLINE_DAYS
            ),
            None,
        )
        if told is None:
            kept.append(d)
        else:
            told.evidence += [e for e in d.evidence if e.field == "development"]
    return kept


_NAME_WINDOW = 100  # characters either side of a group's name where its leader may be named
_SHORTEST_NAME = 4  # a shorter last name ("Ali") is too common to speak for a group


def _spokesmen(ann: Annotated, kb, lang: str) -> dict[str, str]:
    """The people the text names as a group's leader or spokesman ("Hezbollah chief Hassan Nasrallah",
    "Akram al-Kaabi, the leader of Nujaba", "الأمين العام لكتائب حزب الله، أبو حسين الحميداوي"): the
    last word of each name (as searched) -> the group's actor id. Read with the pack's
    ``development_spokesman``, where "@@" stands for the group; no other actor may stand between."""
    rules = cues.rules(lang)
    if not rules.has_cue("development_spokesman"):
        return {}
    cue = rules.cue("development_spokesman")
    norm = rules.normaliser or (lambda x: x)
    found: dict[str, str] = {}
    for sent in ann.sentences:
        mentions = [m for m in ann.in_sentence(sent.index, "ACTOR") if m.key]
        for i, m in enumerate(mentions):
            if _generic(kb, m.key):
                continue
            lo = max(sent.start, m.start - _NAME_WINDOW, mentions[i - 1].end if i else sent.start)
            hi = min(sent.end, m.end + _NAME_WINDOW, mentions[i + 1].start if i + 1 < len(mentions) else sent.end)
            window = norm(ann.text[lo : m.start]) + " @@ " + norm(ann.text[m.end : hi])
            for hit in cue.finditer(window):
                name = next((v for k, v in hit.groupdict().items() if k.startswith("name") and v), None)
                last = _last_name(name or "")
                if last and len(last) >= _SHORTEST_NAME:
                    found.setdefault(last, m.key)
    return found


def _last_name(name: str) -> str:
    """ "Abu Hussein al-Hamidawi" -> "Hamidawi"; "أبو حسين الحميداوي" -> "الحميداوي"."""
    words = name.split()
    if not words:
        return ""
    return re.sub(r"^(?:al|el)[-‐]", "", words[-1])


def _with_spokesmen(
    actors: list[Mention], speaking: dict[str, str], sent: Sentence, searched: str, idx: list[int] | None
) -> list[Mention]:
    """The sentence's actors, plus a group's named leader or spokesman as the group ("On Thursday,
    Nasrallah declared ...": Hezbollah), where no actor is named at that place already."""
    if not speaking:
        return actors
    extra = []
    for last, key in speaking.items():
        for hit in re.finditer(rf"(?<!\w){re.escape(last)}(?!\w)", searched):
            a, b = _span(sent, idx, hit.start(), hit.end())
            if not any(m.start < b and a < m.end for m in actors):
                extra.append(Mention("ACTOR", key, a, b, sent.text[a - sent.start : b - sent.start], sent.index))
    return sorted([*actors, *extra], key=lambda m: m.start) if extra else actors


def _span(sent: Sentence, idx: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Document offsets of a span of the sentence as searched (Arabic: normalised)."""
    if idx is None:
        return sent.start + start, sent.start + end
    return sent.start + idx[start], sent.start + idx[max(start, end - 1)] + 1


def _negated(lang: str, searched: str, at: int) -> bool:
    rules = cues.rules(lang)
    if not rules.has_cue("development_negated_before"):
        return False
    before = searched[max(0, at - _NEGATION_WINDOW) : at]
    return bool(rules.cue("development_negated_before").search(before))


def _actor(kb, lang: str, kind: str, actors: list[Mention], a: int, b: int, text: str) -> Mention | None:
    speaker = cues.shared("speaker_after")
    allowed = [
        m
        for m in actors
        if not (m.start <= a < m.end)  # a cue word inside a name is no cue
        and (kind in STATE_MAY_ANNOUNCE or _kind(kb, m.key) not in STATE_KINDS)
        # "US officials said": a state's officials report it; a group's spokesman announces for the group
        and not (_kind(kb, m.key) in STATE_KINDS and speaker.search(text[m.end : m.end + 40]))
    ]
    before = [m for m in allowed if m.end <= a]
    inside = [m for m in allowed if a < m.start and m.end <= b]  # "طالبت كتائب حزب الله ... بانسحاب": verb first
    after = [m for m in allowed if m.start >= b]
    if kind == "designation":
        return (inside or after or before[::-1] or [None])[0]
    if before:
        return before[0]  # the subject: "X, under the Y, announced" is X's announcement
    if inside:
        return inside[0]
    if after and _subject_after(lang, text[b : after[0].start]):
        return after[0]  # verb first: "وفي 6 شباط هدد الحميداوي السفارة" (the pack says where it may stand)
    return after[0] if kind in ACTOR_AFTER and after else None


def _subject_after(lang: str, between: str) -> bool:
    rules = cues.rules(lang)
    return rules.has_cue("development_subject_after") and bool(
        rules.cue("development_subject_after").match(rules.norm(between))
    )


def _truce_parties(
    kb, lang: str, actors: list[Mention], a: int, b: int, sent: Sentence, text: str
) -> list[tuple[Mention, Mention | None]]:
    """A truce binds its parties: those named after "between" when the clause names them ("a ceasefire
    between the Houthis and the United States"), else the announcer and the party it is made "with";
    a broker ("US-brokered", "mediated by France", "Oman has brokered") is no party."""
    rules = cues.rules(lang)
    usable = [m for m in actors if not (m.start <= a < m.end) and not _broker(lang, text, m, sent)]
    parties: list[Mention] = []
    between = _search_after(lang, "development_truce_between", text, b, min(sent.end, b + _PARTIES_WINDOW))
    if between is not None:
        parties = [m for m in usable if between <= m.start < between + _PARTIES_WINDOW]
    else:
        before = [m for m in usable if m.end <= a]
        if before:
            parties.append(before[0])
        if rules.has_cue("development_truce_with"):
            with_at = _search_after(lang, "development_truce_with", text, a, min(sent.end, b + _PARTIES_WINDOW))
            if with_at is not None:
                parties += [m for m in usable if with_at <= m.start < with_at + 30][:1]
    unique: list[Mention] = []
    for m in parties:
        if all(m.key != u.key for u in unique):
            unique.append(m)
    if len(unique) == 1:
        return [(unique[0], None)]
    return [(m, next(o for o in unique if o is not m)) for m in unique[:2]]


def _broker(lang: str, text: str, m: Mention, sent: Sentence) -> bool:
    """ "US-brokered", "mediated by the US and France", "Oman has brokered": who brokered a truce."""
    rules = cues.rules(lang)
    if not rules.has_cue("development_broker_after") or not rules.has_cue("development_broker_before"):
        return False
    norm = rules.norm
    after = norm(text[m.end : min(sent.end, m.end + 25)])
    before = norm(text[max(sent.start, m.start - 40) : m.start])
    return bool(
        rules.cue("development_broker_after").match(after) or rules.cue("development_broker_before").search(before)
    )


def _search_after(lang: str, name: str, text: str, start: int, end: int) -> int | None:
    """The document offset of the end of a pack cue's first match in ``text[start:end]``, if any."""
    rules = cues.rules(lang)
    if not rules.has_cue(name) or end <= start:
        return None
    searched, idx = index_map(text[start:end], rules.normaliser) if rules.normaliser else (text[start:end], None)
    m = rules.cue(name).search(searched)
    if m is None:
        return None
    return start + (idx[m.end()] if idx is not None else m.end())


def _anaphor(kind: str, sent: Sentence, a: int, last: Mention | None, kb) -> Mention | None:
    """ "The group said it would halt its attacks": the paragraph's last announcer."""
    if last is None or kind == "designation":
        return None
    before = sent.text[: a - sent.start]
    return last if cues.shared("actor_anaphor").search(before) else None


def _counterpart(kb, kind: str, actors: list[Mention], actor: Mention, b: int) -> Mention | None:
    if kind in ("affiliation", "disaffiliation"):
        found = [m for m in actors if m.start >= b and m.key != actor.key and _kind(kb, m.key) in UMBRELLA_KINDS]
        return found[0] if found else None
    if kind == "designation":
        found = [m for m in actors if m.key != actor.key and _kind(kb, m.key) in STATE_KINDS]
        return found[0] if found else None
    return None


def _date(dated: list[DateMention], sent: Sentence, at: int, published: date | None, ann: Annotated):
    """The announcement's date: the sentence's date nearest the cue, else the paragraph's last, else
    the publication date."""
    latest = published + timedelta(days=1) if published else None

    def resolve(d: DateMention) -> DateValue | None:
        anchor = next((p.value for p in reversed(dated) if p.start < d.start and p.value is not None), None)
        dv = d.resolve(anchor) if d.value is not None or d.kind == "anchored" else _weekday_after(d, anchor, ann.lang)
        return dv if dv is not None and (latest is None or dv.value <= latest) else None

    own = [(abs(d.start - at), dv) for d in dated if sent.start <= d.start < sent.end if (dv := resolve(d))]
    if own:
        return min(own, key=lambda x: x[0])[1]
    para = {s.index for s in ann.sentences if s.paragraph == sent.paragraph and s.start < sent.start}
    starts = [s.start for s in ann.sentences if s.index in para]
    if starts:
        earlier = [dv for d in dated if min(starts) <= d.start < sent.start if (dv := resolve(d))]
        if earlier:
            return earlier[-1]
    if published is not None and sent.paragraph <= _LEDE_PARAGRAPHS:
        return DateValue(published, "day", "publication")  # a lede's undated "said" is the day's news
    return None


_IN_YEAR = re.compile(r"\s+in\s+((?:19|20)\d\d)\b")


def _year_after(text: str, at: int) -> DateValue | None:
    """ "founded in 2013": a bare year right after the cue dates it (the date finder reads no bare years)."""
    m = _IN_YEAR.match(text, at)
    if m is None:
        return None
    return DateValue(date(int(m.group(1)), 1, 1), "year", "absolute", m.group(1), m.start(1), m.end(1))


def _weekday_after(d: DateMention, anchor: date | None, lang: str) -> DateValue | None:
    """A weekday in a text with no publication date ("today, Tuesday"): the first such day on or after
    the last date named before it (a story told forwards)."""
    if d.kind != "weekday" or anchor is None:
        return None
    rules = cues.rules(lang)
    if not rules.has("table", "weekdays"):
        return None
    said = rules.norm(d.text).lower()
    days = [v for k, v in rules.table("weekdays").items() if k.lower() in said]
    if not days:
        return None
    value = anchor + timedelta(days=(days[0] - anchor.weekday()) % 7)
    return DateValue(value, "day", "weekday", d.text, d.start, d.end)


def _place(lang: str, ann: Annotated, sent: Sentence, places: Mapping[str, Place], at: int, skip: int):
    """A place the announcement's clause locates it at ("announced a truce in Baghdad"), if it names one:
    not one of a clause after it ("..., two days after a drone killed three soldiers in Jordan")."""
    locative = cues.cue(lang, "locative_before")
    norm = cues.rules(lang).norm
    local = max(0, at - sent.start)
    cut = cues.shared("clause_break").search(sent.text, local)
    comma = sent.text.find(",", local)  # "..., two days after a drone killed three soldiers in Jordan"
    end = sent.start + min(x for x in (cut.start() if cut else len(sent.text), comma) if x >= 0)
    for m in ann.in_sentence(sent.index, "PLACE"):
        if m.start >= end:
            break
        if (
            m.start >= skip
            and m.key in places
            and locative.search(norm(ann.text[max(sent.start, m.start - 40) : m.start]))
        ):
            return place_ref(places, m)
    return None


def _speaker(lang: str, sent: Sentence, searched: str, idx: list[int] | None) -> str | None:
    rules = cues.rules(lang)
    if not rules.has_cue("development_speaker"):
        return None
    m = rules.cue("development_speaker").search(searched)
    if m is None:
        return None
    a, b = _span(sent, idx, m.start("name"), m.end("name"))
    return sent.text[a - sent.start : b - sent.start].strip()


def _condition(sent: Sentence, at: int) -> str | None:
    try:
        condition = cues.shared("development_condition")
    except PackError:  # no pack writes one
        return None
    m = condition.search(sent.text, at - sent.start)
    if m is None:
        return None
    return re.sub(r"\s+", " ", sent.text[m.start() :]).strip().rstrip(".")[:200] or None


def _kind(kb, key: str) -> str:
    return getattr(kb.actors.get(key), "kind", "armed_group")


def _generic(kb, key: str) -> bool:
    return getattr(kb.actors.get(key), "generic", False)
