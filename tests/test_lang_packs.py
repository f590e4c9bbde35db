"""Language packs: every example sentence of every cue is a test, broken packs fail loudly at load
time naming the file, a language with no pack is refused with a note, and one extractor can read
two documents at once.

The snippets below are hand-written for these tests (not taken from any evaluation set)."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from claimgraph.lang import PACKS_DIR, LanguageRules, PackError, Packs, packs
from claimgraph.models import Document

# -- (a) the examples are the tests ------------------------------------------------------------
# The cases are read from the pack files with ``tomllib`` and the patterns built without checking
# any example (``Packs(..., check=False)``), so that a failing example is one failing test with its
# id, not a load error that hides every other result.


class Case(NamedTuple):
    code: str
    name: str
    text: str
    must_match: bool


def _builtin_folders() -> list[Path]:
    return [p for p in sorted(PACKS_DIR.iterdir()) if (p / "pack.toml").is_file()]


def _cases() -> list[pytest.param]:
    params = []
    for folder in _builtin_folders():
        code = tomllib.loads((folder / "pack.toml").read_text(encoding="utf-8"))["code"]
        for path in sorted(folder.glob("*.toml")):
            if path.name == "pack.toml":
                continue
            for name, spec in tomllib.loads(path.read_text(encoding="utf-8")).get("cue", {}).items():
                for i, text in enumerate(spec.get("examples", [])):
                    params.append(pytest.param(Case(code, name, text, True), id=f"{code}-{name}-{i}"))
                for i, text in enumerate(spec.get("not_examples", [])):
                    params.append(pytest.param(Case(code, name, text, False), id=f"{code}-{name}-not-{i}"))
    return params


@pytest.fixture(scope="module")
def effective_cues() -> dict[tuple[str, str], tuple[re.Pattern, bool]]:
    """(code, cue) -> (the pattern documents of that language are read with, do its examples read the
    text as written).

    A shared cue is the union of every pack's entry of that name; a ``same_as`` cue is the donor's;
    ``{{name}}`` in a pattern is a table's words or another cue. ``Packs(..., check=False)`` builds
    them all without checking any example, so that each example below is a test of its own."""
    loaded = Packs([LanguageRules.read(folder) for folder in _builtin_folders()], check=False)
    cues: dict[tuple[str, str], tuple[re.Pattern, bool]] = {}
    for code, rules in loaded.items():
        for (kind, name), entry in rules.entries.items():
            if kind == "cue":
                as_written = bool(entry.spec.get("shared")) and not entry.spec.get("normalised")
                cues[(code, name)] = (rules.cue(name), as_written)
    return cues


@pytest.fixture(scope="module")
def normalisers() -> dict[str, LanguageRules]:
    return {rules.code: rules for rules in (LanguageRules.read(f) for f in _builtin_folders())}


@pytest.mark.parametrize("case", _cases())
def test_lang_packs_example(case: Case, effective_cues, normalisers):
    pattern, as_written = effective_cues[(case.code, case.name)]
    # a pack's own cues read text in the pack's normal form (Arabic: normalised letters);
    # shared cues read the text as written, unless they say ``normalised = true``
    text = case.text if as_written else normalisers[case.code].norm(case.text)
    found = pattern.search(text)
    if case.must_match:
        assert found, f"[cue.{case.name}] of {case.code!r} does not match its example {case.text!r}"
    else:
        assert not found, f"[cue.{case.name}] of {case.code!r} matches its not_example {case.text!r}: {found[0]!r}"


def test_lang_packs_every_cue_has_two_examples():
    thin = [
        f"{folder.name}/{path.name} [cue.{name}]"
        for folder in _builtin_folders()
        for path in sorted(folder.glob("*.toml"))
        if path.name != "pack.toml"
        for name, spec in tomllib.loads(path.read_text(encoding="utf-8")).get("cue", {}).items()
        if len(spec.get("examples", [])) < 2
    ]
    assert not thin, f"cues with fewer than two examples: {thin}"


def _entries(file: str | None = None, kinds: tuple[str, ...] = ("cue", "table", "list")):
    """(code, kind, name, spec) of every entry of the built-in packs (of one rule file, if given)."""
    for folder in _builtin_folders():
        code = tomllib.loads((folder / "pack.toml").read_text(encoding="utf-8"))["code"]
        for path in sorted(folder.glob("*.toml")):
            if path.name == "pack.toml" or (file is not None and path.name != file):
                continue
            for kind, named in tomllib.loads(path.read_text(encoding="utf-8")).items():
                if kind in kinds:
                    for name, spec in named.items():
                        yield code, kind, name, spec


def _example_params(file: str | None = None, kinds: tuple[str, ...] = ("table", "list"), skip=()) -> list:
    return [
        pytest.param(code, kind, name, text, id=f"{code}-{kind}-{name}-{i}")
        for code, kind, name, spec in _entries(file, kinds)
        if name not in skip
        for i, text in enumerate(spec.get("examples", []))
    ]


@pytest.mark.parametrize(("code", "kind", "name", "text"), _example_params())
def test_lang_packs_word_example_holds_a_word(code, kind, name, text, normalisers):
    rules = normalisers[code]
    words = [w.lower() for w in rules.words(kind, name)]
    assert any(w in rules.norm(text).lower() for w in words), (
        f"[{kind}.{name}] of {code!r}: none of its words in {text!r}"
    )


# -- (a2) what the date entries produce -------------------------------------------------------
# A date cue's examples must give a date (of that cue: an earlier cue taking the span is a failure),
# and so must the examples of the date tables; "may" in [list.ambiguous_months] must give none.
PUBLISHED = date(2024, 3, 4)
ANCHOR = date(2024, 3, 1)  # the previous event's date, for "two days later"


def _date_cue_params() -> list:
    return [
        pytest.param(code, name, text, id=f"{code}-{name}-{i}")
        for code, kind, name, spec in _entries("dates.toml", ("cue",))
        if not spec.get("shared")
        for i, text in enumerate(spec["examples"])
    ]


@pytest.mark.parametrize(("code", "name", "text"), _date_cue_params())
def test_lang_packs_date_cue_example_gives_a_date(code, name, text, normalisers):
    from claimgraph.nlp.dates import find_dates

    rules = normalisers[code]
    found = find_dates(text, 0, code, PUBLISHED)
    match = packs()[code].cue(name).search(rules.norm(text))
    mine = [d for d in found if rules.norm(d.text) == match[0]]
    assert mine, f"[cue.{name}] of {code!r}: {match[0]!r} in {text!r} gives no date (found {found})"
    assert mine[0].resolve(ANCHOR) is not None, f"[cue.{name}] of {code!r}: {mine[0]} does not resolve"


@pytest.mark.parametrize(("code", "kind", "name", "text"), _example_params("dates.toml", skip=("ambiguous_months",)))
def test_lang_packs_date_table_example_gives_a_date(code, kind, name, text):
    from claimgraph.nlp.dates import find_dates

    found = [d.resolve(ANCHOR) for d in find_dates(text, 0, code, PUBLISHED)]
    assert any(found), f"[{kind}.{name}] of {code!r}: no date in {text!r}"


@pytest.mark.parametrize(
    ("code", "kind", "name", "text"),
    [p for p in _example_params("dates.toml") if p.values[2] == "ambiguous_months"],
)
def test_lang_packs_ambiguous_month_example_gives_no_date(code, kind, name, text):
    from claimgraph.nlp.dates import find_dates

    assert find_dates(text, 0, code, PUBLISHED) == []


# -- (a3) what the casualty entries produce --------------------------------------------------
# The examples of the cues that state a figure must give it (the other casualty cues read a
# fragment before or after a number: their examples are matched above).
CASUALTY_PRODUCES = {
    "casualty_killed_count": ("a number of dead", lambda c: bool(c.fatalities)),
    "casualty_toll": ("a number of dead", lambda c: bool(c.fatalities)),
    "casualty_risen": ("a number of dead or wounded", lambda c: bool(c.fatalities or c.injuries)),
    "casualty_killed_list": ("a number of dead", lambda c: bool(c.fatalities)),
    "casualty_named_killed": ("one dead", lambda c: c.fatalities == 1),
    "casualty_hurt_count": ("a number of wounded", lambda c: bool(c.injuries)),
    "casualty_pair": ("two dead or two wounded", lambda c: 2 in (c.fatalities, c.injuries)),
    "casualty_none": ("0 dead and 0 wounded", lambda c: (c.fatalities, c.injuries) == (0, 0)),
    "casualty_none_killed": ("0 dead", lambda c: c.fatalities == 0),
    "casualty_none_hurt": ("0 wounded", lambda c: c.injuries == 0),
    "casualty_vague": ("a qualifier, no number", lambda c: bool(c.qualifiers)),
    "casualty_shared_total": ("a figure shared by several events", lambda c: c.shared),
    "casualty_among": ("a part of a figure given elsewhere", lambda c: c.partial),
}


@pytest.mark.parametrize(
    ("code", "name", "text"),
    [
        pytest.param(code, name, text, id=f"{code}-{name}-{i}")
        for code, _, name, spec in _entries("casualties.toml", ("cue",))
        if name in CASUALTY_PRODUCES
        for i, text in enumerate(spec["examples"])
    ],
)
def test_lang_packs_casualty_example_gives_its_figure(code, name, text):
    from claimgraph.extract.casualties import parse_casualties

    what, holds = CASUALTY_PRODUCES[name]
    found = parse_casualties(text)
    assert holds(found), f"[cue.{name}] of {code!r}: {text!r} should give {what}, gives {found}"


# -- (a4) what the detection entries produce -------------------------------------------------
# A pack's detect.toml examples are detected as the pack's language; so are the examples of the
# languages without a pack in lang/detect.toml (which are then refused with a note).
def _detect_params() -> list:
    params = [
        pytest.param(code, text, id=f"{code}-{kind}-{name}-{i}")
        for code, kind, name, spec in _entries("detect.toml")
        for i, text in enumerate(spec["examples"])
    ]
    other = tomllib.loads((PACKS_DIR / "detect.toml").read_text(encoding="utf-8"))
    for section in ("scripts", "marks", "words"):
        for code, spec in other.get(section, {}).items():
            params += [pytest.param(code, text, id=f"{code}-{section}-{i}") for i, text in enumerate(spec["examples"])]
    return params


@pytest.mark.parametrize(("code", "text"), _detect_params())
def test_lang_packs_detect_example_is_detected_as_its_language(code, text):
    from claimgraph.nlp.lang import detect_language

    assert detect_language(text) == code


def test_lang_packs_supported_languages_are_the_packs():
    from claimgraph.nlp.lang import SUPPORTED

    assert list(SUPPORTED) == [rules.code for rules in map(LanguageRules.read, _builtin_folders())]
    assert "en" in SUPPORTED and "de" not in SUPPORTED


# -- (b) a broken pack is a load error naming the file and line --------------------------------
PACK_TOML = """format = "claimgraph.langpack.v1"
code = "xx"
name = "Test language"
version = "1"
spacy = "xx"
"""
GOOD_ATTACK = """# a test pack
[cue.attack]
alternatives = ['lobbed', 'shelled']
wrap = "word"
examples = ["Militants lobbed mortar rounds at the base.", "Artillery shelled the village overnight."]
"""


def _pack(root: Path, cues: str, *, pack_toml: str | None = PACK_TOML) -> Path:
    folder = root / "xx"
    folder.mkdir()
    if pack_toml is not None:
        (folder / "pack.toml").write_text(pack_toml, encoding="utf-8")
    (folder / "cues.toml").write_text(cues, encoding="utf-8")
    return folder


def test_lang_packs_a_good_test_pack_loads(tmp_path):
    loaded = Packs.load([_pack(tmp_path, GOOD_ATTACK)])
    assert loaded["xx"].cue("attack").search("They lobbed grenades.")
    assert {"en", "ar", "fr"} <= set(loaded)


@pytest.mark.parametrize(
    ("cues", "message"),
    [
        pytest.param(
            GOOD_ATTACK.replace("wrap =", "warp ="),
            r"xx/cues\.toml:2 \[cue\.attack\]: unknown key\(s\) warp",
            id="unknown-key",
        ),
        pytest.param(
            GOOD_ATTACK.replace("'shelled'", "'shell(ed'"),
            r"xx/cues\.toml:2 \[cue\.attack\]: pattern does not compile",
            id="pattern-does-not-compile",
        ),
        pytest.param(
            GOOD_ATTACK.replace("Artillery shelled", "Artillery pounded"),
            r"xx/cues\.toml:2 \[cue\.attack\]: example does not match: 'Artillery pounded",
            id="example-fails",
        ),
        pytest.param(
            GOOD_ATTACK + 'not_examples = ["Gunmen shelled out cash."]\n',
            r"xx/cues\.toml:2 \[cue\.attack\]: not_example matches: 'Gunmen shelled",
            id="not-example-matches",
        ),
        pytest.param(
            "\n\n[cue.attack]\nalternatives = ['lobbed']\n",
            r"xx/cues\.toml:3 \[cue\.attack\]: a cue needs examples",
            id="no-examples",
        ),
        pytest.param(
            "[cue.attack]\nalternatives = ['lobbed']\nexamples = []\n",
            r"xx/cues\.toml:1 \[cue\.attack\]: a cue needs examples",
            id="empty-examples",
        ),
        pytest.param(
            GOOD_ATTACK + "\n[cue.claim]\nsame_as = 'zz'\nexamples = ['It claimed the attack.']\n",
            r"xx/cues\.toml:7 \[cue\.claim\]: same_as 'zz' has no cue 'claim'",
            id="same-as-unknown-pack",
        ),
        pytest.param(
            "[rule.attack]\npattern = 'x'\n",
            r"xx/cues\.toml: unknown section \[rule\]",
            id="unknown-section",
        ),
        pytest.param(
            GOOD_ATTACK + "\n[table.weekdays]\nvalues = { montag = 0 }\n",
            r"xx/cues\.toml:7 \[table\.weekdays\]: a table needs examples",
            id="table-without-examples",
        ),
        pytest.param(
            GOOD_ATTACK + "\n[table.weekdays]\nvalues = { montag = 0 }\nexamples = ['am Dienstag']\n",
            r"xx/cues\.toml:7 \[table\.weekdays\]: example holds none of its words: 'am Dienstag'",
            id="table-example-without-its-words",
        ),
        pytest.param(
            GOOD_ATTACK + "\n[list.months]\nitems = []\nexamples = ['im Mai']\n",
            r"xx/cues\.toml:7 \[list\.months\]: items must be a non-empty list of words",
            id="empty-list",
        ),
        pytest.param(
            GOOD_ATTACK.replace("alternatives = ['lobbed', 'shelled']", "alternatives = ['lobbed', '{{shelling}}']"),
            r"xx/cues\.toml:2 \[cue\.attack\]: \{\{shelling\}\} names no table, list or cue of pack 'xx'",
            id="placeholder-names-nothing",
        ),
        pytest.param(
            GOOD_ATTACK.replace("alternatives = ['lobbed', 'shelled']", "alternatives = ['lobbed', '{{attack}}']"),
            r"xx/cues\.toml:2 \[cue\.attack\]: \{\{attack\}\} refers to itself",
            id="placeholder-refers-to-itself",
        ),
        pytest.param(
            GOOD_ATTACK + "\n[table.number_words]\nshared = true\nvalues = { one = 2 }\nexamples = ['one']\n",
            r"xx/cues\.toml:7 \[table\.number_words\]: 'one' = 2, but en/casualties\.toml:\d+ "
            r"\[table\.number_words\] says 1",
            id="shared-table-disagrees",
        ),
    ],
)
def test_lang_packs_broken_pack_names_file_and_line(tmp_path, cues, message):
    folder = _pack(tmp_path, cues)
    with pytest.raises(PackError, match=message):
        Packs.load([folder])


def test_lang_packs_placeholder_is_the_words_of_a_table(tmp_path):
    cues = GOOD_ATTACK + (
        "\n[table.weekdays]\nvalues = { montag = 0, dienstag = 1 }\nexamples = ['am Dienstag']\n"
        "\n[cue.date_weekday]\npattern = '\\b(?P<wd>{{weekdays}})\\b'\nexamples = ['Raketen am Montag']\n"
    )
    rules = Packs.load([_pack(tmp_path, cues)])["xx"]
    assert rules.cue("date_weekday").pattern == r"\b(?P<wd>(?:dienstag|montag))\b"
    assert rules.table("weekdays") == {"montag": 0, "dienstag": 1}


def test_lang_packs_folder_without_pack_toml_is_not_a_pack(tmp_path):
    folder = _pack(tmp_path, GOOD_ATTACK, pack_toml=None)
    with pytest.raises(PackError, match=rf"{re.escape(str(folder))}: not a language pack \(no pack\.toml\)"):
        Packs.load([folder])


def test_lang_packs_missing_required_cue_names_the_pack_and_the_cues(tmp_path):
    from claimgraph.extract.cues import check_packs

    folder = _pack(tmp_path, GOOD_ATTACK)
    loaded = Packs.load([folder])  # parses and checks examples: fine so far
    with pytest.raises(PackError) as caught:
        check_packs(loaded)
    message = str(caught.value)
    assert f"language pack 'xx' ({folder})" in message and "borrow another pack's with same_as" in message
    missing = message.split("lacks cue(s) ")[1].split(":")[0].split(", ")
    # its own attack cue is there, and the shared cues come from the built-in packs
    assert missing == [
        "aggregate",
        "non_event",
        "claim",
        "claim_negated",
        "attribution",
        "membership",
        "locative_before",
        "event_taken_up",
    ]


def test_lang_packs_builtin_packs_answer_every_required_cue():
    from claimgraph.extract.cues import check_packs

    check_packs()


# -- (c) a language with no pack is refused, never read as English -----------------------------
ENGLISH_ATTACK = (
    "BAGHDAD, Jan 21 - Rockets struck Ain al-Asad air base on Saturday, wounding four US soldiers. "
    "The Islamic Resistance in Iraq claimed the attack."
)


@pytest.mark.parametrize("lang", ["de", "es"])
def test_lang_packs_language_without_pack_gets_a_note_and_nothing_else(extractor, lang):
    result = extractor.extract(Document("t", ENGLISH_ATTACK, published=date(2024, 1, 21), lang=lang))
    assert result.lang == lang
    assert [n.kind for n in result.notes] == ["unsupported_language"]
    assert repr(lang) in result.notes[0].message
    # the English cues would find an attack and a claim here: nothing may leak through
    assert result.events == [] and result.mentions == [] and result.memberships == []


def test_lang_packs_cue_of_language_without_pack_is_an_error():
    from claimgraph.extract.cues import cue

    with pytest.raises(PackError, match=r"no language pack for 'de' .*docs/languages\.md"):
        cue("de", "attack")


# -- (d) one extractor, two threads -------------------------------------------------------------
THREAD_SNIPPETS = [
    (
        "en-tarmiyah",
        "en",
        date(2024, 1, 16),
        "BAGHDAD, Jan 16 - A roadside bomb struck a convoy carrying Iraqi troops in Tarmiyah, north of "
        "Baghdad, on Monday, killing two soldiers, police said. No group claimed the attack.",
    ),
    (
        "en-erbil",
        "en",
        date(2024, 1, 3),
        "ERBIL, Jan 3 - Two drones attacked Harir air base north-east of Erbil on Tuesday, a coalition "
        "official said. The Islamic Resistance in Iraq claimed the attack in a statement on Telegram.",
    ),
    (
        "en-jurf",
        "en",
        date(2024, 2, 8),
        "US aircraft struck Kataib Hezbollah positions at Jurf al-Sakhar on Wednesday, killing three "
        "fighters. The strikes came in retaliation for a drone attack on Tower 22 in Jordan.",
    ),
    (
        "en-israel",
        "en",
        date(2024, 2, 7),
        "Israeli jets struck a weapons depot near Damascus airport on Monday, a war monitor said. On "
        "Tuesday, air strikes hit a convoy near Albu Kamal, killing four fighters.",
    ),
    (
        "en-tanf",
        "en",
        date(2023, 11, 12),
        "A one-way drone targeted the US garrison at al-Tanf in Syria on Saturday. Harakat al-Nujaba said "
        "its fighters had launched the drone. US forces shot down a second drone near Shaddadi.",
    ),
    (
        "en-us",
        "en",
        date(2024, 2, 4),
        "US jets struck a Kataib Hezbollah headquarters in al-Qaim on Friday, the Pentagon said. On "
        "Saturday, more air strikes hit a depot in Akashat.",
    ),
    (
        "ar-harir",
        "ar",
        date(2024, 2, 12),
        "أعلنت المقاومة الإسلامية في العراق في بيان على قناتها في تلغرام أن مجاهديها استهدفوا يوم الأحد "
        "قاعدة حرير في أربيل بطائرة مسيرة.",
    ),
    (
        "ar-jurf",
        "ar",
        date(2024, 2, 10),
        "قالت مصادر أمنية إن طائرات أمريكية قصفت يوم الخميس مواقع لكتائب حزب الله في جرف الصخر، ما أسفر "
        "عن مقتل ثلاثة عناصر.",
    ),
    (
        "ar-asad",
        "ar",
        date(2024, 1, 21),
        "سقطت عدة صواريخ على قاعدة عين الأسد الجوية في محافظة الأنبار مساء السبت، وأصيب عدد من الجنود "
        "الأمريكيين، ولم تعلن أي جهة مسؤوليتها عن الهجوم.",
    ),
    (
        "ar-town",
        "ar",
        date(2024, 3, 4),
        "انفجرت عبوة ناسفة يوم الأحد على رتل للجيش العراقي في قضاء الطارمية شمالي بغداد، ما أدى إلى إصابة جنديين.",
    ),
    (
        "ar-tanf",
        "ar",
        date(2023, 11, 20),
        "تبنت المقاومة الإسلامية في العراق هجوما بطائرتين مسيرتين على قاعدة التنف الأمريكية في سوريا يوم الأحد.",
    ),
    (
        "ar-baghdad",
        "ar",
        date(2024, 1, 5),
        "أدانت الحكومة العراقية الغارة الأمريكية التي استهدفت يوم الخميس مقرا لحركة النجباء في بغداد "
        "وأسفرت عن مقتل أحد قادتها.",
    ),
]


def test_lang_packs_two_threads_share_one_extractor(extractor):
    """One document's reading lives in its own ``Reading``: two threads sharing one extractor (gazetteer towns
    in one document, a state's air strike in another) give what one thread gives."""
    docs = [Document(i, text, published=published, lang=lang) for i, lang, published, text in THREAD_SNIPPETS]
    expected = [extractor.extract(d).to_json() for d in docs]
    assert all(json.loads(out)["events"] for out in expected)  # every snippet reports an event
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # hand the GIL over as often as possible, so the two threads interleave
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for _ in range(100):  # a race shows within a few rounds; 100 clean rounds take about 3 s
                assert list(pool.map(lambda d: extractor.extract(d).to_json(), docs)) == expected
    finally:
        sys.setswitchinterval(switch)
