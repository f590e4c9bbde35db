"""Who did what to whom in one unit: perpetrators, targets, claims and blame.

Rules read the words around each actor mention: the subject of an offensive
verb is a perpetrator ("the IRI launched"), the object or owner of what was hit
is a target ("struck two Kataib Hezbollah facilities"), the subject of a
defensive verb is a target ("US forces engaged two drones"); "claimed by X" and
"X said it had struck" are claims; "attributed the attack to X", "bore the
hallmarks of X" are attributions with a hedge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from claimgraph.extract import cues
from claimgraph.lang import rules
from claimgraph.models import Evidence
from claimgraph.nlp.normalize import normalize_arabic
from claimgraph.nlp.pipeline import Mention

STATE_KINDS = {"state", "state_force", "coalition"}


@dataclass(slots=True)
class UnitRoles:
    perpetrators: list[Mention] = field(default_factory=list)
    targets: list[Mention] = field(default_factory=list)
    claimants: list[Mention] = field(default_factory=list)
    attributed: list[Mention] = field(default_factory=list)
    claim_negated: bool = False
    claim_anaphora: bool = False
    perp_anaphora: bool = False
    state_ack: bool = False
    first_claimants: list[Mention] = field(default_factory=list)  # "initially claimed by X"
    claim_evidence: list[Evidence] = field(default_factory=list)
    flags: list[Mention] = field(default_factory=list)  # a ship's flag ("سفينة أمريكية"): no party to the event
    blamer: str = ""
    hedge: str = "likely"
    channel: str = "unknown"


def _habit(rest: str) -> bool:
    """The claim words at the start of ``rest`` tell a habit ("claim attacks under the banner", "التي تتبنى بشكل
    دوري استهداف القواعد"), not a claim of the event told."""
    return any(c.match(rest) for c in cues.per_language("claim_habit"))


def _later_claims(lang: str, subject: str, claim) -> list:
    """The Arabic claim words after the first one in ``subject`` (the unit's normalised text), as habits and losses
    are not claims; empty for other languages or when the first is the only one."""
    if lang != "ar" or claim is None:
        return []
    out = []
    for c in cues.cue(lang, "claim").finditer(subject, claim.end()):
        if _habit(subject[c.start() :]):
            continue
        if rules(lang).has("cue", "claim_as_loss") and cues.cue(lang, "claim_as_loss").match(subject, c.start()):
            continue
        out.append(c)
    return out


def assign_roles(text: str, start: int, norm: str, lang: str, mentions: list[Mention], kind_of) -> UnitRoles:
    """Roles of the actor mentions in one unit (``text`` starts at document offset ``start``)."""
    r = UnitRoles()
    subject = norm or text
    actors = [m for m in mentions if m.label == "ACTOR"]
    low = text.lower()
    claim = cues.cue(lang, "claim").search(subject) if _may(lang, low, "claim_stems") else None
    if claim and _habit(subject[claim.start() :]):
        claim = None  # "factions that claim attacks under the banner": a habit, not a claim of this event
    # "أعلنت جماعة الحوثي مقتل رئيس حكومتها في غارة إسرائيلية": a loss announced (read from the claim word), no claim
    loss = cues.cue(lang, "claim_as_loss") if claim and rules(lang).has("cue", "claim_as_loss") else None
    if loss is not None and loss.match(subject, claim.start()):
        claim = None
    if claim and rules(lang).has("cue", "claim_as_blame"):
        blame = cues.cue(lang, "claim_as_blame").search(subject)
        if blame and blame.start() <= claim.start() < blame.end():
            claim = cues.cue(lang, "claim").search(subject, blame.end())  # "حمّلت واشنطن X مسؤولية": blame
    negated = cues.cue(lang, "claim_negated").search(subject) if _may(lang, low, "claim_negated_stems") else None
    attrib = cues.cue(lang, "attribution").search(text) if _may(lang, low, "attribution_stems") else None
    if attrib is None and norm and norm != text:
        attrib = cues.search_normal(cues.cue(lang, "attribution"), text, rules(lang).normaliser, norm)  # "حمّلت"
    r.claim_negated = bool(negated) and not claim_after(claim, negated)
    if claim:
        r.channel = cues.channel_of(text) or r.channel
    near = cues.within(text)  # the cues read around each actor, each tested once on the whole unit
    first_claim = claim
    # "ففي بيانات متتالية مساء الأربعاء، أعلنت المقاومة أنها استهدفت": of several claim words, each Arabic actor is
    # read with the last one before it (the first, "بيانات", is too far from the subject of "أعلنت")
    later_claims = _later_claims(lang, subject, claim)
    # of several words of blame, each actor is read with the last one before it ("حمّلت واشنطن X مسؤولية الهجوم، وقال
    # مسؤولون إنه يحمل «بصمات Y»": Y is blamed by the second)
    blames = [attrib] if attrib else []
    if attrib and lang != "ar":
        blames = list(cues.cue(lang, "attribution").finditer(text))
    elif attrib:
        blames = [
            mapped for _, mapped in cues.finditer_normal(cues.cue(lang, "attribution"), text, rules(lang).normaliser)
        ]
    first_attrib = attrib
    # "..., in what it described as a response to attacks by the Islamic Republic": the avenged attack's parties,
    # after a retaliation cue that is not fronted (a fronted one ends at its comma: "In response to X, Y fired")
    avenged = cues.find("retaliation", text)
    avenged_at = avenged.end() if avenged and text[: avenged.start()].strip(' \t\n-–—•*"«') else None
    for m in actors:
        a, b = m.start - start, m.end - start
        if avenged_at is not None and avenged_at <= a and not _CLAUSE_BREAK.search(text, avenged_at, a):
            continue
        attrib = max((x for x in blames if x.start() < a), key=lambda x: x.start(), default=first_attrib)
        if later_claims:
            an = len(normalize_arabic(text[:a]))
            claim = max((c for c in later_claims if c.start() <= an), key=lambda c: c.start(), default=first_claim)
        before, after = text[max(0, a - 40) : a], text[b : b + 70]
        if _HEADING_LABEL.match(after) and not text[:a].strip(" \t-•*–\n") and kind_of(m) == "state":
            continue  # "- Syria: Israel conducted an airstrike ...": the country heading the item, no party
        relative = cues.shared("relative_clause_after").match(text[b : b + 240]) if lang != "ar" else None
        if relative:
            after = text[b + relative.end() : b + relative.end() + 70]  # "the militia, which holds X, fired"
        kind = kind_of(m)
        if (
            cues.shared("ar_coalition_against_before").search(normalize_arabic(text[max(0, a - 70) : a]))
            if lang == "ar"
            else near("coalition_against_before").search(text[max(0, a - 70) : a])
        ):
            continue  # "the coalition against the Islamic State": what the coalition fights, not a party
        if lang == "ar" and kind in STATE_KINDS:
            vessel = cues.shared("ar_vessel_before").search(normalize_arabic(before))
            if vessel and vessel.group("warship"):
                r.targets.append(m)  # "مدمرة أمريكية": the navy whose warship was attacked
                continue
            if vessel:
                r.flags.append(m)  # "سفينة بريطانية": the ship's flag, not a party
                continue
        # "المتحدث العسكري للحوثيين": the group its spokesman speaks for, not one whose site was hit
        # ("المتحدث الرسمي باسم القوات المسلحة العميد يحيى سريع": the spokesman named after his title)
        spokesman_of = lang == "ar" and bool(
            cues.shared("ar_speaker_of_before").search(normalize_arabic(text[max(0, a - 80) : a]))
        )
        if spokesman_of and claim and not r.claim_negated and 0 <= a - claim.end() < 60 and kind not in STATE_KINDS:
            r.claimants.append(m)  # "أعلن المتحدث العسكري للحوثيين ... أن قواتهم استهدفت"
            continue
        if lang == "ar" and near("sponsor_before").search(before):
            continue  # "فصائل مرتبطة بالحرس الثوري": the factions' sponsor, not a party (nor a target)
        if lang == "ar" and cues.shared("ar_institution_of_before").search(normalize_arabic(before)):
            continue  # "وفق ما أعلنته وزارة الصحة في حكومة الحوثيين": the source of a toll, no party to the attack
        if lang == "ar" and kind in STATE_KINDS and cues.shared("ar_source_in_before").search(normalize_arabic(before)):
            continue  # "أفاد مصدر في وزارة الداخلية": the ministry a source speaks from, no party to the attack
        if (
            lang == "ar"
            and attrib
            and m.text.startswith("ل")
            and cues.shared("ar_blamed_before").search(normalize_arabic(text[max(0, a - 120) : a]))
        ):
            r.attributed.append(m)  # "حمّلت واشنطن المسؤولية عنه للمقاومة": the one responsibility is laid on
            continue
        if (
            lang == "ar"
            and cues.shared("ar_held_responsible_before").search(normalize_arabic(before))
            and cues.shared("ar_responsibility_after").match(normalize_arabic(after))
        ):
            r.attributed.append(
                m
            )  # "وحمّلت واشنطن «المقاومة الإسلامية في العراق» مسؤولية الهجوم": the one held to blame
            continue
        if lang == "ar" and (
            cues.shared("ar_target_before").search(normalize_arabic(before))
            or (
                not spokesman_of
                and m.text[:1] in _items("ar", "ar_target_prefix")
                and len(m.text) > 2
                and not m.text.startswith(_items("ar", "ar_name_start"))
                and not _state_weapon_name(m, kind)
            )
        ):
            r.targets.append(m)  # "مقرات لكتائب حزب الله": the headquarters of KH were hit
            continue
        if lang == "ar" and cues.shared("ar_outlet_before").search(normalize_arabic(before)):
            continue  # "وكالة أنباء النظام السوري": the regime's news agency speaks, the regime did not act
        if lang == "ar" and kind == "state" and not _state_weapon_name(m, kind):
            nb = normalize_arabic(before)
            if cues.shared("ar_country_place_before").search(nb) or (
                m.text.startswith("و") and cues.shared("ar_country_place_coordinated_before").search(nb)
            ):
                continue  # "في العراق وسوريا": the country is where it happened, not a party
        if (
            lang == "ar"
            and kind in STATE_KINDS
            and cues.shared("ar_between_parties_before").search(normalize_arabic(before))
        ):
            continue  # "وقف إطلاق النار بين إيران وإسرائيل": parties to a truce, not to the attack told
        if lang == "ar" and kind in STATE_KINDS and near("retaliation_before").search(text[max(0, a - 70) : a]):
            continue  # "ردا على القصف الإسرائيلي": the state's attack avenged, not the one told
        if (
            lang == "ar"
            and kind in STATE_KINDS
            and (
                cues.shared("ar_state_weapon_before").search(normalize_arabic(before))
                or _state_weapon_name(m, kind)
                or cues.shared("ar_state_verb_before").search(normalize_arabic(before))
                or (
                    cues.shared("ar_announce_verb_before").search(normalize_arabic(before))
                    and cues.shared("ar_own_responsibility_after").match(normalize_arabic(after))
                )
            )
        ):
            # "قصفت طائرات أمريكية", "غارة إسرائيلية": the state's own weapon; "قصف نفذه الحرس الثوري": its act
            r.perpetrators.append(m)
            continue
        if lang == "ar" and kind not in STATE_KINDS:
            nb = normalize_arabic(before)
            an = len(normalize_arabic(text[:a]))  # the claim cue was read on the normalised text
            if claim and not r.claim_negated and claim.start() <= an < claim.end():
                r.claimants.append(m)  # "وقالت المقاومة إنها استهدفت ...": the subject of a claim formula
                continue
            if (
                claim
                and not r.claim_negated
                and an >= claim.end()
                and cues.shared("ar_named_subject_between").match(subject[claim.end() : an])
            ):
                r.claimants.append(m)  # "أعلنت فصائل تطلق على نفسها اسم "المقاومة" ...": the group names itself
                continue
            if cues.shared("ar_mujahideen_before").search(nb) or cues.shared("ar_mujahideen_before").search(
                normalize_arabic(m.text.split()[0]) + " "
            ):
                # "هاجم مجاهدو المقاومة", also when the KB's name of the group starts with its fighters
                r.claimants.append(m)  # "هاجم مجاهدو المقاومة ...": the group's own statement of its attack
                continue
            if cues.shared("ar_verb_before").search(nb):
                r.perpetrators.append(m)  # verb-subject order: "استهدفت المقاومة ..."
                continue
        if cues.shared("described_after").match(after):
            continue  # "Iran-backed militants": a description, not a participant
        if kind == "state" and near("country_place_before").search(before):
            continue  # "the T-4 Airbase in Syria": a country as a place, not a party
        if kind in STATE_KINDS and lang == "fr" and near("fr_weapon_before").search(before):
            # "une frappe américaine", "des frappes israéliennes" (French puts the state after its weapon; in English
            # "a drone targeted US forces" the forces are the target)
            r.perpetrators.append(m)
            continue
        if (
            near("listed_member_before").search(before)
            or near("member_apposition_before").search(before)
            or near("sponsor_before").search(before)
            or _listed(text, a, actors, start)
        ):
            continue  # "the IRI, ... including Kataib Hezbollah": a member named; "backed by the regime": a sponsor
        if cues.shared("speaker_after").match(after) and not claim:
            continue  # "US officials said the drone struck": who speaks, not who acted
        if _reports_other(text, b, m, actors, start):
            continue  # "the Israeli army said Hezbollah fired": who speaks, not who acted
        if (
            kind in STATE_KINDS
            and cues.shared("state_air_after").match(after)
            and not near("target_before").search(before[-12:] if near("on_before").search(before) else "")
        ):
            r.perpetrators.append(m)
            continue
        if claim and near("banner_before").search(before):
            r.claimants.append(m)
            continue
        if near("fighters_of_before").search(before):
            if cues.shared("fighters_victim_after").match(text[b : b + 160]) or near("fighters_victim_before").search(
                text[max(0, a - 80) : a]
            ):
                r.targets.append(m)  # "fighters of X were killed in US strikes": X lost them, it did not act
            else:
                (r.claimants if claim else r.perpetrators).append(m)
            continue
        if (
            near("by_before").search(before)
            and claim
            and 0 <= a - claim.end() <= 60  # "claimed by X", "a été revendiquée par X"
        ):
            r.claimants.append(m)
            continue
        if near("casualty_object_before").search(before) or cues.shared("passive_target_after").match(after):
            r.targets.append(m)  # "a strike ... wounded five U.S. personnel", "US forces in Iraq were targeted"
            continue
        if near("blamed_on_before").search(text[max(0, a - 80) : a]):
            r.attributed.append(m)  # "Hezbollah blamed the attacks on Israel": the one the attacks are laid on
            continue
        passive_blame = attrib and cues.shared("passive_blame").match(attrib.group(0)) and 0 <= attrib.start() - b < 30
        if lang == "ar" and attrib and _accuser(text, attrib, a, actors, start):
            continue  # "اتهمت واشنطن كتائب حزب الله بتنفيذ الهجوم": the verb's subject blames, the object is blamed
        if (
            attrib
            and (a > attrib.start() or passive_blame)
            and not (kind in STATE_KINDS and a < attrib.start())
            and not (a > attrib.end() and near("new_clause").search(text, attrib.end(), a))
        ):
            if (
                r.attributed
                and not cues.shared("joined_between").match(text[r.attributed[-1].end - start : a])
                and not near("new_clause").search(text, r.attributed[-1].end - start, a)
            ):
                continue  # "the hallmarks of KH, one of the factions under the IRI banner": the IRI is not blamed
            if lang == "ar" and kind in STATE_KINDS and _AR_SAYS_THAT.match(after):
                continue  # "فيما قال مسؤولون في البنتاغون إن الهجوم يحمل بصمات ...": who speaks, not who is blamed
            r.attributed.append(m)
            continue
        if near("agent_by_before").search(before):
            r.perpetrators.append(m)  # "attacks by the IRI", "rockets fired by the militia", "targeted by KH"
            continue
        if cues.shared("actor_weapon_after").match(after):
            if near("struck_object_before").search(before):
                r.targets.append(m)  # "US forces struck 14 Houthi missiles loaded on launchers": what was hit
            else:
                r.perpetrators.append(m)  # "struck by a Houthi anti-ship missile": the weapon's author
            continue
        if (
            cues.shared("target_after").match(after)
            and not cues.shared("aircraft_after").match(after)
            and not (kind in STATE_KINDS and cues.shared("state_forces_after").match(after))
        ):
            r.targets.append(m)
            continue
        if near("target_before").search(before) and not near("by_before").search(before):
            r.targets.append(m)
            continue
        defends = near("defensive").search(after[:50])
        if defends and _defends(after, defends):
            r.targets.append(m)  # "US forces shot down two drones", "The IDF said it intercepted a missile"
            continue
        ar_claimant = lang == "ar" and claim is not None and 0 <= a - claim.end() < 25
        if claim and (a < claim.start() or ar_claimant) and kind not in STATE_KINDS and not r.claim_negated:
            r.claimants.append(m)
            continue
        off = cues.shared("offensive_after").match(after)
        if off and not near("passive_before_verb").search(after[: off.start(1)]):
            r.perpetrators.append(m)
            continue
    claim = first_claim
    if (
        claim
        and not r.claimants
        and not r.claim_negated
        and (
            # (the claim cue may take in the subject before its verb: "In a statement, the group said ...")
            _anaphor_before(text, claim.start())
            or (lang != "ar" and cues.shared("claimed_by_anaphor").match(text, claim.end()))
            or (lang == "ar" and _anaphor_after_verb(text, claim.start()))
            or (lang == "ar" and _implicit_subject(text, subject, start, actors))
        )
    ):
        r.claim_anaphora = True
    # a monitor, a think tank, the UN or a political bloc reports, counts or condemns: it attacks or claims nothing
    # (nor is it blamed: "وفقاً لإحصاءات المرصد السوري" is a source, not an accused)
    r.perpetrators = [m for m in r.perpetrators if kind_of(m) != "organisation"]
    r.claimants = [m for m in r.claimants if kind_of(m) != "organisation"]
    r.attributed = [m for m in r.attributed if kind_of(m) != "organisation"]
    # "the Syrian Observatory said at least 18 fighters were killed": the monitor that speaks lost no one
    said = cues.shared("reported_speech_after")
    r.targets = [
        m for m in r.targets if kind_of(m) != "organisation" or not said.match(text[m.end - start : m.end - start + 80])
    ]
    if lang == "ar" and r.claimants and r.perpetrators:
        # "أعلنت جماعة الحوثي أن الولايات المتحدة وبريطانيا شنتا غارات": the announcer tells of another party's
        # attack, whose subject follows "أن"; it claims nothing
        r.claimants = [c for c in r.claimants if not _announces_other(text, start, c, r.perpetrators)]
    if not r.perpetrators and not r.claimants and near("actor_anaphor").search(text):
        r.perp_anaphora = True
    first = claim and near("claimed_first").search(text)
    if first and near("claim_first").search(text):
        # "X first claimed it, but the claim was later re-issued under Y": Y issues the claim
        # that replaces X's; without a revision in the same sentence, every claimant was first.
        revised = near("claim_revised").search(text, first.end())
        cut = revised.start() if revised else len(text)
        r.first_claimants = [m for m in r.claimants if m.start < cut] if revised else list(r.claimants)
    attrib = first_attrib
    if claim:
        r.claim_evidence.append(Evidence("claimed_by", start + claim.start(), start + claim.end(), claim.group(0)))
    if attrib:
        word = attrib.group(0).lower()
        r.hedge = cues.hedge_of(text) or "likely"
        if cues.shared("alleged_attribution").search(word):
            r.hedge = "alleged"
        by = near("blamer").search(text[: attrib.start() + 1])
        r.blamer = by.group(1) if by else ""
    r.state_ack = _may(lang, low, "state_ack_stems") and bool(cues.shared("state_ack").search(text))
    return r


_AR_SAYS_THAT = re.compile(r"\s*[،,]?\s*(?:إن|ان|أن)(?!\w)")


# "أن" opening the clause of what was announced, or the verbal noun of launching whose agent follows it
# ("أعلنت جماعة الحوثي شن الولايات المتحدة وبريطانيا غارات": the Houthis announced the US and UK's raids)
_AR_THAT = re.compile(r"(?:^|\s)(?:[وف]?(?:ان|أن|إن)|(?:شن|تنفيذ))\s+")


def _announces_other(text: str, start: int, claimant: Mention, perpetrators: list[Mention]) -> bool:
    """An Arabic announcer whose "أن" clause opens on another actor who acted: "أعلنت جماعة الحوثي، الأحد، أن
    الولايات المتحدة وبريطانيا شنتا 6 غارات", or "... شن الولايات المتحدة وبريطانيا سلسلة غارات"."""
    b = claimant.end - start
    that = _AR_THAT.search(text, b, b + 60)
    if not that:
        return False
    return any(p.key != claimant.key and 0 <= p.start - start - that.end() <= 12 for p in perpetrators)


def _defends(after: str, defends: re.Match) -> bool:
    """Whether the defensive verb after an actor is its own: no verb of attack comes first, or only "said it" does,
    right before the defensive verb ("The IDF said it intercepted a missile")."""
    off = cues.shared("offensive_after").match(after[:20])
    if off is None:
        return True
    said = off.group(1).startswith(("said", "says"))
    return (
        said and defends.start() >= off.end() and _SAID_THEN.fullmatch(after[off.end() : defends.start()]) is not None
    )


_SAID_THEN = re.compile(r"\s*(?:had\s+|has\s+|have\s+)?")


def _reports_other(text: str, b: int, m: Mention, actors: list[Mention], start: int) -> bool:
    """The actor says what another actor, the subject of its words, did: "X said Y fired"."""
    said = cues.shared("reported_speech_after").match(text[b : b + 80])
    if not said:
        return False
    end = b + said.end()
    return any(
        o is not m
        and o.start - start >= end
        and cues.shared("reported_subject_between").match(text[end : o.start - start])
        for o in actors
    )


_WORD_TAIL = re.compile(r"\w*$")
_WORD_HEAD = re.compile(r"\w*")


_HEADING_LABEL = re.compile(r"\s*:\s")  # a name that heads an item or line, then a colon


_CLAUSE_BREAK = re.compile(r"[,،;:.]")


def _accuser(text: str, attrib: re.Match, a: int, actors: list[Mention], start: int) -> bool:
    """The subject of an Arabic blaming verb, which comes right after it ("اتهمت واشنطن X"، "وحمّلت الحكومة X
    مسؤولية"، "حمّلت واشنطن طهران المسؤولية"): it blames the one named after it, so it is neither attributed nor a
    party."""
    begin = attrib.start() - len(_WORD_TAIL.search(text, 0, attrib.start()).group())
    end = attrib.end() + len(_WORD_HEAD.match(text, attrib.end()).group())
    verb = normalize_arabic(text[begin:end])
    return a >= end and not text[end:a].strip() and bool(cues.shared("ar_blame_verb").fullmatch(verb))


def _implicit_subject(text: str, subject: str, start: int, actors: list[Mention]) -> bool:
    """An Arabic claim verb whose subject is the group named before ("والجمعة أعلنت استهدافها"، "تبنت ذات
    الفصائل استهداف"): no actor is named between the verb and what it claims (``subject`` is the unit's
    normalised text, on which the cue is read)."""
    m = cues.shared("ar_claim_implicit_subject").search(subject)
    if not m:
        return False
    offsets = [len(normalize_arabic(text[: a.start - start])) for a in actors]
    return not any(m.start() <= o < m.end() for o in offsets)


def _state_weapon_name(m: Mention, kind: str) -> bool:
    """A state's name that starts with its weapon ("بغارة إسرائيلية", by an Israeli strike): the preposition
    attached to it makes the strike the means, not the state a target."""
    return kind in STATE_KINDS and bool(
        cues.shared("ar_state_weapon_before").search(normalize_arabic(m.text.split()[0]) + " ")
    )


def _may(lang: str, low: str, stems: str) -> bool:
    """Whether a cue can match: only when one of its stems occurs, for a pack that lists them (English);
    always for the others. A substring test is far cheaper than the regex."""
    return not rules(lang).has("list", stems) or any(stem in low for stem in _items(lang, stems))


@cache
def _items(lang: str, name: str) -> tuple[str, ...]:
    """The words of the list ``name`` of the pack of ``lang``."""
    return tuple(rules(lang).items(name))


def _listed(text: str, a: int, actors: list[Mention], start: int) -> bool:
    """The mention is one of the members an apposition lists ("an umbrella including KH and Nujaba, claimed"):
    right after the listing cue, or after another actor listed after it."""
    lo = max(0, a - 100)
    m = cues.within(text)("in_listing_before").search(text[lo:a])
    if not m:
        return False
    cue_end = lo + m.end(1)
    return a - cue_end < 25 or any(cue_end <= o.start - start < a for o in actors)


def _anaphor_before(text: str, at: int) -> bool:
    """A group taken up again ("the group", "it") before the claim cue at ``at``, or at its very start (a cue that
    takes in its subject: ", the group said")."""
    return any(a.start() <= at + 3 for a in cues.shared("actor_anaphor").finditer(text))


def _anaphor_after_verb(text: str, at: int) -> bool:
    """Arabic puts the subject after its verb: "أعلنت الجماعة، الثلاثاء، استهداف ..." (the group announced)."""
    return any(at <= a.start() <= at + 25 for a in cues.shared("actor_anaphor").finditer(text))


def quiet_roles(unit, lang: str) -> UnitRoles:
    """Roles of a unit that names no actor, place or weapon: only a negated claim can matter."""
    r = UnitRoles()
    subject = unit.norm or unit.text
    negated = cues.cue(lang, "claim_negated").search(subject)
    if negated:
        r.claim_negated = not claim_after(cues.cue(lang, "claim").search(subject), negated)
    elif cues.cue(lang, "claim").search(subject) and cues.shared("actor_anaphor").search(unit.text):
        r.claim_anaphora = True
        r.channel = cues.channel_of(unit.text) or r.channel
    return r


def claim_after(claim: re.Match | None, negated: re.Match) -> bool:
    """A positive claim cue that is not part of the negation ("no group has claimed" vs later "X claimed")."""
    if claim is None:
        return False
    return claim.start() > negated.end() + 5
