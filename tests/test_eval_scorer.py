"""The dev-set scorer: the scoring rules on tiny hand-made cases, and agreement
with the dev set's reference ``score.py`` on predictions derived from its gold."""

from __future__ import annotations

import copy
import importlib.util
import json
import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import SourceError, UsageError
from claimgraph.eval import format_report, score

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
GOLD_DIR = DEVSET / "gold"

# --------------------------------------------------------------------------- helpers


def gold_event(**overrides: Any) -> dict[str, Any]:
    """A gold event at Ain al-Asad on 2024-01-20, overridable field by field."""
    event = {
        "date": "2024-01-20",
        "date_precision": "day",
        "sub_event_type": "Shelling/artillery/missile attack",
        "weapons": ["missile", "rocket"],
        "location": "Ain al-Asad Air Base",
        "location_aliases_in_text": ["Ain al-Assad"],
        "admin1": "Anbar",
        "country": "IQ",
        "lat": 33.80,
        "lon": 42.44,
        "actor": ["Islamic Resistance in Iraq"],
        "claimed_by": ["Islamic Resistance in Iraq"],
        "target": "US forces",
        "fatalities": None,
        "injuries": 4,
    }
    event.update(overrides)
    return event


def as_prediction(gold: dict[str, Any]) -> dict[str, Any]:
    """A gold event rewritten in the prediction format (a perfect prediction)."""
    return {
        "date": gold["date"],
        "date_precision": gold["date_precision"],
        "sub_event_type": gold["sub_event_type"],
        "weapons": list(gold["weapons"]),
        "location": {
            "name": gold["location"],
            "lat": gold["lat"],
            "lon": gold["lon"],
            "country": gold["country"],
            "admin1": gold.get("admin1"),
        },
        "actors": list(gold["actor"]),
        "claimed_by": list(gold["claimed_by"]),
        "target": gold["target"],
        "fatalities": gold["fatalities"],
        "injuries": gold["injuries"],
    }


def pred_event(**overrides: Any) -> dict[str, Any]:
    event = as_prediction(gold_event())
    event.update(overrides)
    return event


def write_case(
    tmp_path: Path,
    gold: dict[str, dict[str, Any]],
    pred: list[dict[str, Any]],
) -> tuple[Path, Path]:
    """gold: doc id -> {"events": [...], "memberships": [...]}; pred: JSONL records."""
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(parents=True)
    for doc_id, body in gold.items():
        record = {"id": doc_id, "published": "2024-01-21", "events": [], "memberships": [], **body}
        (gold_dir / f"{doc_id}.json").write_text(json.dumps(record), encoding="utf-8")
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(r) + "\n" for r in pred), encoding="utf-8")
    return gold_dir, pred_path


def lenient_tp(tmp_path: Path, gold: dict[str, Any], pred: dict[str, Any]) -> int:
    gold_dir, pred_path = write_case(tmp_path, {"d": {"events": [gold]}}, [{"doc_id": "d", "events": [pred]}])
    return score(gold_dir, pred_path)["events_lenient"]["tp"]


def fields_of(tmp_path: Path, gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    gold_dir, pred_path = write_case(tmp_path, {"d": {"events": [gold]}}, [{"doc_id": "d", "events": [pred]}])
    result = score(gold_dir, pred_path)
    assert result["events_lenient"]["tp"] == 1, "the pair should match before fields are compared"
    return result["field_accuracy"]


def shift_km_north(lat: float, km: float) -> float:
    return lat + km / (6371.0 * math.pi / 180)


# --------------------------------------------------------------------------- matching rules


def test_eval_scorer_exact_prediction_scores_one(tmp_path):
    gold_dir, pred_path = write_case(
        tmp_path,
        {
            "d": {
                "events": [gold_event()],
                "memberships": [{"member": "Kataib Hezbollah", "umbrella": "Islamic Resistance in Iraq"}],
            }
        },
        [{"doc_id": "d", "events": [pred_event()], "memberships": [{"member": "KH", "umbrella": "IRI"}]}],
    )
    result = score(gold_dir, pred_path)
    for key in ("events_strict", "events_lenient", "memberships"):
        assert result[key]["f1"] == 1.0
    assert set(result["field_accuracy"].values()) == {1.0}
    assert "misses" not in result


@pytest.mark.parametrize(("pred_date", "matches"), [("2024-01-21", True), ("2024-01-19", True), ("2024-01-22", False)])
def test_eval_scorer_day_dates_match_within_one_day(tmp_path, pred_date, matches):
    assert lenient_tp(tmp_path, gold_event(), pred_event(date=pred_date)) == int(matches)


@pytest.mark.parametrize(("pred_date", "matches"), [("2024-01-29", True), ("2024-01-15", True), ("2024-01-30", False)])
def test_eval_scorer_week_gold_allows_seven_days(tmp_path, pred_date, matches):
    gold = gold_event(date="2024-01-22", date_precision="week")
    assert lenient_tp(tmp_path, gold, pred_event(date=pred_date)) == int(matches)


@pytest.mark.parametrize(
    ("gold_date", "gold_precision", "pred_date", "matches"),
    [
        ("2024-02", "month", "2024-02-27", True),  # gold is a month
        ("2024-02-27", "day", "2024-02", True),  # prediction is a month
        ("2024-02-27", "day", "2024-03", False),
        ("2024-02-03", "month", "2024-02-27", True),  # day string, month precision
        ("2024-02", "month", "2024", False),  # a bare year never matches
    ],
)
def test_eval_scorer_month_precision_compares_year_month(tmp_path, gold_date, gold_precision, pred_date, matches):
    gold = gold_event(date=gold_date, date_precision=gold_precision)
    assert lenient_tp(tmp_path, gold, pred_event(date=pred_date)) == int(matches)


def test_eval_scorer_prediction_without_date_never_matches(tmp_path):
    assert lenient_tp(tmp_path, gold_event(), pred_event(date=None)) == 0


@pytest.mark.parametrize(("km", "matches"), [(0, True), (29, True), (31, False), (200, False)])
def test_eval_scorer_places_with_coordinates_match_within_30_km(tmp_path, km, matches):
    location = {
        "name": "somewhere else entirely",
        "lat": shift_km_north(33.80, km),
        "lon": 42.44,
        "country": "IQ",
    }
    assert lenient_tp(tmp_path, gold_event(), pred_event(location=location)) == int(matches)


@pytest.mark.parametrize(
    ("name", "matches"),
    [
        ("Ain al-Asad Air Base", True),
        ("Ayn al-Assad airbase", True),  # transliteration + "airbase" folded
        ("Ain al-Assad", True),  # an alias seen in the text
        ("Aïn al-Assad", True),  # diacritics dropped
        ("Al Asad", False),  # not among this event's names
        ("Baghdad", False),
    ],
)
def test_eval_scorer_places_without_coordinates_match_by_name(tmp_path, name, matches):
    assert lenient_tp(tmp_path, gold_event(), pred_event(location=name)) == int(matches)


def test_eval_scorer_coordinates_win_over_a_matching_name(tmp_path):
    far_away = {"name": "Ain al-Asad Air Base", "lat": 36.19, "lon": 44.01}
    assert lenient_tp(tmp_path, gold_event(), pred_event(location=far_away)) == 0


def test_eval_scorer_country_only_gold_matches_on_country(tmp_path):
    gold = gold_event(location="Syria", location_aliases_in_text=[], lat=None, lon=None, country="SY")
    in_syria = {"name": "Deir ez-Zor", "lat": 35.33, "lon": 40.14, "country": "sy"}
    in_iraq = {"name": "Erbil", "lat": 36.19, "lon": 44.01, "country": "IQ"}
    assert lenient_tp(tmp_path / "a", gold, pred_event(location=in_syria)) == 1
    assert lenient_tp(tmp_path / "b", gold, pred_event(location=in_iraq)) == 0


def test_eval_scorer_strict_requires_same_event_type(tmp_path):
    gold_dir, pred_path = write_case(
        tmp_path,
        {"d": {"events": [gold_event()]}},
        [{"doc_id": "d", "events": [pred_event(sub_event_type="Air/drone strike")]}],
    )
    result = score(gold_dir, pred_path)
    assert result["events_strict"]["tp"] == 0
    assert result["events_lenient"]["tp"] == 1
    assert result["field_accuracy"]["sub_event_type"] == 0.0


def test_eval_scorer_matching_is_one_to_one(tmp_path):
    gold_dir, pred_path = write_case(
        tmp_path,
        {"d": {"events": [gold_event()]}},
        [{"doc_id": "d", "events": [pred_event(), pred_event(date="2024-01-21")]}],
    )
    lenient = score(gold_dir, pred_path)["events_lenient"]
    assert (lenient["tp"], lenient["pred"], lenient["gold"]) == (1, 2, 1)
    assert lenient["precision"] == 0.5 and lenient["recall"] == 1.0 and lenient["f1"] == 0.667


def test_eval_scorer_matching_is_greedy_in_gold_order(tmp_path):
    # Gold A (day 20) takes the first agreeing prediction (day 21), leaving
    # gold B (day 22) only the prediction on day 19, which is too far: 1 match,
    # although an optimal assignment would find 2.
    gold_dir, pred_path = write_case(
        tmp_path,
        {"d": {"events": [gold_event(), gold_event(date="2024-01-22")]}},
        [{"doc_id": "d", "events": [pred_event(date="2024-01-21"), pred_event(date="2024-01-19")]}],
    )
    assert score(gold_dir, pred_path)["events_lenient"]["tp"] == 1


def test_eval_scorer_document_without_gold_events_makes_false_positives(tmp_path):
    gold_dir, pred_path = write_case(
        tmp_path, {"empty": {"events": []}}, [{"doc_id": "empty", "events": [pred_event(), pred_event()]}]
    )
    lenient = score(gold_dir, pred_path)["events_lenient"]
    assert (lenient["tp"], lenient["pred"], lenient["gold"], lenient["precision"]) == (0, 2, 0, 0.0)


def test_eval_scorer_missing_prediction_line_counts_as_nothing_found(tmp_path):
    gold_dir, pred_path = write_case(
        tmp_path,
        {"a": {"events": [gold_event()]}, "b": {"events": [gold_event()]}},
        [{"doc_id": "a", "events": [pred_event()]}, {"doc_id": "not-in-gold", "events": [pred_event()]}],
    )
    lenient = score(gold_dir, pred_path)["events_lenient"]
    assert (lenient["tp"], lenient["pred"], lenient["gold"]) == (1, 1, 2)


def test_eval_scorer_nothing_predicted_for_nothing_is_perfect(tmp_path):
    gold_dir, pred_path = write_case(tmp_path, {"empty": {"events": []}}, [])
    result = score(gold_dir, pred_path)
    assert result["events_lenient"]["f1"] == 1.0
    assert result["field_accuracy"] == {}


def test_eval_scorer_show_misses_lists_missed_and_spurious(tmp_path):
    gold_dir, pred_path = write_case(
        tmp_path,
        {"d": {"events": [gold_event()]}},
        [{"doc_id": "d", "events": [pred_event(date="2024-03-01", location="Erbil")]}],
    )
    misses = score(gold_dir, pred_path, show_misses=True)["misses"]
    assert misses == [
        {
            "doc": "d",
            "kind": "missed",
            "gold": {
                "date": "2024-01-20",
                "location": "Ain al-Asad Air Base",
                "sub_event_type": "Shelling/artillery/missile attack",
            },
        },
        {
            "doc": "d",
            "kind": "spurious",
            "pred": {
                "date": "2024-03-01",
                "location": "Erbil",
                "sub_event_type": "Shelling/artillery/missile attack",
            },
        },
    ]


# --------------------------------------------------------------------------- field rules


@pytest.mark.parametrize(
    ("gold_actors", "pred_actors", "ok"),
    [
        (["Kataib Hezbollah", "Islamic Resistance in Iraq"], ["Kata'ib Hizballah"], True),
        (["Kataib Hezbollah"], ["Asaib Ahl al-Haq"], False),
        ([], [], True),
        ([], ["IRI"], False),
        (["Harakat Hezbollah al-Nujaba"], ["al-Nujaba Movement"], True),
    ],
)
def test_eval_scorer_actor_needs_one_shared_actor(tmp_path, gold_actors, pred_actors, ok):
    fields = fields_of(tmp_path, gold_event(actor=gold_actors), pred_event(actors=pred_actors))
    assert fields["actor"] == float(ok)


def test_eval_scorer_claimed_by_ignores_a_state_acknowledging_its_strike(tmp_path):
    gold = gold_event(actor=["US forces"], claimed_by=["US forces"], target="Kataib Hezbollah")
    fields = fields_of(tmp_path, gold, pred_event(actors=["US military"], claimed_by=[], target="KH"))
    assert fields["claimed_by"] == 1.0 and fields["actor"] == 1.0 and fields["target"] == 1.0


def test_eval_scorer_claimed_by_needs_the_exact_set(tmp_path):
    gold = gold_event(claimed_by=["Islamic Resistance in Iraq", "Kataib Hezbollah"])
    assert fields_of(tmp_path / "a", gold, pred_event(claimed_by=["IRI"]))["claimed_by"] == 0.0
    assert fields_of(tmp_path / "b", gold, pred_event(claimed_by=["KH", "IRI"]))["claimed_by"] == 1.0


def test_eval_scorer_weapons_ignore_unknown(tmp_path):
    assert (
        fields_of(tmp_path / "a", gold_event(), pred_event(weapons=["rocket", "missile", "unknown"]))["weapons"] == 1.0
    )
    assert fields_of(tmp_path / "b", gold_event(), pred_event(weapons=["rocket"]))["weapons"] == 0.0
    gold = gold_event(weapons=["unknown"])
    assert fields_of(tmp_path / "c", gold, pred_event(weapons=[]))["weapons"] == 1.0


@pytest.mark.parametrize(
    ("gold_value", "pred_value", "ok"),
    [(None, None, True), (None, 0, False), (0, None, False), (3, 3, True), (3, 4, False)],
)
def test_eval_scorer_casualties_are_exact_and_null_only_matches_null(tmp_path, gold_value, pred_value, ok):
    fields = fields_of(tmp_path, gold_event(fatalities=gold_value), pred_event(fatalities=pred_value))
    assert fields["fatalities"] == float(ok)


def test_eval_scorer_memberships_are_normalised_pairs(tmp_path):
    gold = {
        "events": [],
        "memberships": [
            {"member": "Kataib Sayyid al-Shuhada", "umbrella": "Islamic Resistance in Iraq"},
            {"member": "Harakat Hezbollah al-Nujaba", "umbrella": "Islamic Resistance in Iraq"},
        ],
    }
    pred = {
        "doc_id": "d",
        "memberships": [
            {"member": "Kata'ib Sayyid al-Shuhada'", "umbrella": "IRI"},
            {"member": "Islamic Resistance in Iraq", "umbrella": "Harakat Hezbollah al-Nujaba"},  # reversed
        ],
    }
    gold_dir, pred_path = write_case(tmp_path, {"d": gold}, [pred])
    memberships = score(gold_dir, pred_path)["memberships"]
    assert (memberships["tp"], memberships["pred"], memberships["gold"]) == (1, 2, 2)


def test_eval_scorer_accepts_id_actor_and_string_location(tmp_path):
    pred = pred_event(location="Ain al-Asad", actors=None, actor=["IRI"])
    gold = gold_event(location_aliases_in_text=["Ain al-Asad"])
    gold_dir, pred_path = write_case(tmp_path, {"d": {"events": [gold]}}, [{"id": "d", "events": [pred]}])
    result = score(gold_dir, pred_path)
    assert result["events_lenient"]["tp"] == 1 and result["field_accuracy"]["actor"] == 1.0


# --------------------------------------------------------------------------- report and errors


def test_eval_scorer_report_has_one_line_per_measure(tmp_path):
    gold_dir, pred_path = write_case(
        tmp_path, {"d": {"events": [gold_event()]}}, [{"doc_id": "d", "events": [pred_event()]}]
    )
    result = score(gold_dir, pred_path)
    lines = format_report(result).splitlines()
    assert lines[0] == "events_strict   P=1.000 R=1.000 F1=1.000  (tp=1 pred=1 gold=1)"
    assert lines[2].startswith("memberships     P=1.000 R=1.000 F1=1.000")
    assert lines[3].startswith("field accuracy on matched events: actor=1.0, claimed_by=1.0")
    detailed = format_report(result, per_field=True).splitlines()
    assert len(detailed) == len(lines) + len(result["field_accuracy"])
    assert any(line.split()[0] == "weapons" for line in detailed[4:])


def test_eval_scorer_missing_gold_dir_is_a_usage_error(tmp_path):
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("", encoding="utf-8")
    with pytest.raises(UsageError, match="does not exist"):
        score(tmp_path / "no-such-dir", pred_path)


def test_eval_scorer_missing_prediction_file_is_a_usage_error(tmp_path):
    gold_dir, _ = write_case(tmp_path, {"d": {"events": []}}, [])
    with pytest.raises(UsageError, match="prediction file"):
        score(gold_dir, tmp_path / "missing.jsonl")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"events": []}', "no 'doc_id'"),
        ('{"doc_id": "d", "events": {"date": "2024-01-20"}}', "'events' must be a list"),
        ('{"doc_id": "d", "events": ["x"]}', "events[0]: must be a JSON object"),
        ('{"doc_id": "d", "events": [{"date": 20240120}]}', "'date' must be a string"),
        ('{"doc_id": "d", "events": [{"date": "2024-02-30"}]}', "not a calendar date"),
        ('{"doc_id": "d", "events": [{"location": {"lat": 33.8}}]}', "'lat' given without 'lon'"),
        ('{"doc_id": "d", "events": [{"location": 42}]}', "'location' must be"),
        ('{"doc_id": "d", "events": [{"fatalities": "three"}]}', "'fatalities' must be a number"),
        ('{"doc_id": "d", "events": [{"actors": "KH"}]}', "'actors' must be a list"),
        ('{"doc_id": "d", "memberships": [{"member": ["KH"]}]}', "memberships[0]: 'member' must be a string"),
    ],
)
def test_eval_scorer_invalid_prediction_line_names_file_and_line(tmp_path, line, reason):
    gold_dir, pred_path = write_case(tmp_path, {"d": {"events": []}}, [])
    pred_path.write_text('{"doc_id": "other"}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        score(gold_dir, pred_path)
    assert info.value.source == f"{pred_path}:3"
    assert reason in info.value.reason
    assert "claimgraph extract" in info.value.hint


def test_eval_scorer_duplicate_document_is_an_error(tmp_path):
    gold_dir, pred_path = write_case(tmp_path, {"d": {"events": []}}, [{"doc_id": "d"}, {"doc_id": "d"}])
    with pytest.raises(SourceError, match="second prediction"):
        score(gold_dir, pred_path)


def test_eval_scorer_line_separator_inside_a_string_is_not_a_line_break(tmp_path):
    gold_dir, pred_path = write_case(tmp_path, {"d": {"events": [gold_event()]}}, [])
    record = {"doc_id": "d", "events": [pred_event(target="US\u2028forces")]}
    pred_path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert score(gold_dir, pred_path)["events_lenient"]["tp"] == 1


# --------------------------------------------------------------------------- agreement with score.py


def _load_reference():
    path = DEVSET / "score.py"
    if not path.is_file() or not GOLD_DIR.is_dir():
        pytest.skip(f"the dev set is not at {DEVSET} (score.py and gold/ are needed for the comparison)")
    spec = importlib.util.spec_from_file_location("devset_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reference():
    return _load_reference()


@pytest.fixture(scope="module")
def gold_docs() -> list[dict[str, Any]]:
    _load_reference()
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))]


Record = dict[str, Any]
Perturbation = Callable[[list[Record]], list[Record]]


def _perfect(gold_docs: list[Record]) -> list[Record]:
    return [
        {
            "doc_id": g["id"],
            "events": [as_prediction(e) for e in g["events"]],
            "memberships": copy.deepcopy(g["memberships"]),
        }
        for g in gold_docs
    ]


def _each_event(change: Callable[[Record, int], None]) -> Perturbation:
    def apply(records: list[Record]) -> list[Record]:
        n = 0
        for record in records:
            for event in record["events"]:
                change(event, n)
                n += 1
        return records

    return apply


def _shift_days(days: int) -> Callable[[Record, int], None]:
    from datetime import date, timedelta

    def change(event: Record, _: int) -> None:
        if len(event["date"]) == 10:
            event["date"] = (date.fromisoformat(event["date"]) + timedelta(days=days)).isoformat()

    return change


def _month_precision(event: Record, _: int) -> None:
    event["date"], event["date_precision"] = event["date"][:7], "month"


def _week_precision(event: Record, n: int) -> None:
    _shift_days(n % 5 - 2)(event, n)
    event["date_precision"] = "week"


def _move_km(km: float) -> Callable[[Record, int], None]:
    def change(event: Record, n: int) -> None:
        loc = event["location"]
        if loc["lat"] is None:
            return
        if n % 2:
            loc["lat"] = shift_km_north(loc["lat"], km)
        else:  # due east
            loc["lon"] = loc["lon"] + km / (6371.0 * math.pi / 180 * math.cos(math.radians(loc["lat"])))

    return change


def _names_only(event: Record, n: int) -> None:
    event["location"] = {
        "name": event["location"]["name"],
        "lat": None,
        "lon": None,
        "country": event["location"]["country"],
    }


def _names_as_text(records: list[Record]) -> list[Record]:
    """Locations as plain strings: the last alias the gold saw in the text."""
    for record in records:
        gold = json.loads((GOLD_DIR / f"{record['doc_id']}.json").read_text(encoding="utf-8"))
        for event, gold_event_ in zip(record["events"], gold["events"], strict=True):
            aliases = gold_event_["location_aliases_in_text"]
            event["location"] = aliases[-1] if aliases else "Somewhere"
    return records


VARIANTS = {
    "Kataib Hezbollah": ["Kata'ib Hizballah", "KH", "Kataeb Hezbollah", "Iraqi Hezbollah Brigades"],
    "Islamic Resistance in Iraq": [
        "IRI",
        "the Islamic Resistance in Iraq",
        "Al-Muqawama al-Islamiyah fi al-Iraq",
    ],
    "Harakat Hezbollah al-Nujaba": ["al-Nujaba", "HHN", "Harakat Hizballah al-Nujaba'"],
    "Kataib Sayyid al-Shuhada": ["KSS", "Kata'ib Sayyid al-Shuhada'"],
    "US forces": ["US military", "U.S. forces", "CENTCOM", "American troops"],
    "Popular Mobilization Forces": ["PMF", "al-Hashd al-Shaabi", "Popular Mobilisation Forces"],
}


def _variant(name: str, n: int) -> str:
    options = VARIANTS.get(name)
    return options[n % len(options)] if options else name


def _transliterate(event: Record, n: int) -> None:
    event["actors"] = [_variant(a, n) for a in event["actors"]]
    event["claimed_by"] = [_variant(a, n + 1) for a in event["claimed_by"]]
    if event["target"]:
        event["target"] = _variant(event["target"], n)


def _transliterate_memberships(records: list[Record]) -> list[Record]:
    for i, record in enumerate(records):
        record["memberships"] = [
            {"member": _variant(m["member"], i), "umbrella": _variant(m["umbrella"], i + 1)}
            for m in record["memberships"]
        ]
    return records


def _drop_every(k: int) -> Perturbation:
    def apply(records: list[Record]) -> list[Record]:
        n = 0
        for record in records:
            kept = []
            for event in record["events"]:
                if n % k:
                    kept.append(event)
                n += 1
            record["events"] = kept
        return records

    return apply


def _spurious(records: list[Record]) -> list[Record]:
    for i, record in enumerate(records):
        extra = as_prediction(gold_event(date=f"2022-06-0{i % 9 + 1}"))
        record["events"].append(extra)
        if record["events"][:-1]:
            copy_of_first = copy.deepcopy(record["events"][0])  # a duplicate: one-to-one makes it spurious
            record["events"].insert(0, copy_of_first)
    return records


def _perturb_memberships(records: list[Record]) -> list[Record]:
    for i, record in enumerate(records):
        members = record["memberships"]
        if i % 3 == 0 and members:
            members.pop()
        if i % 3 == 1 and members:
            members[0] = {"member": members[0]["umbrella"], "umbrella": members[0]["member"]}
        if i % 2:
            members.append({"member": "Asaib Ahl al-Haq", "umbrella": "Islamic Resistance in Iraq"})
    return records


def _drop_docs(*doc_ids: str) -> Perturbation:
    return lambda records: [r for r in records if r["doc_id"] not in doc_ids]


def _fields(event: Record, n: int) -> None:
    if n % 2:
        event["fatalities"] = (event["fatalities"] or 0) + 1
    if n % 3 == 0:
        event["injuries"] = None
    if n % 4 == 1:
        event["weapons"] = event["weapons"] + ["unknown"]
    if n % 5 == 2:
        event["weapons"] = ["drone"]
    if n % 6 == 3:
        event["sub_event_type"] = "Attack"
    if n % 7 == 4:
        event["target"] = "civilians"
    if n % 4 == 2:
        event["claimed_by"] = [c for c in event["claimed_by"] if c not in ("US forces", "Israel")]
    if n % 9 == 5:
        event["actors"] = []


def _reverse_events(records: list[Record]) -> list[Record]:
    for record in records:
        record["events"].reverse()
    return records


def _fill_empty_doc(records: list[Record]) -> list[Record]:
    for record in records:
        if not record["events"]:
            record["events"] = [pred_event(), pred_event(date="2023-12-01")]
    return records


def _alternate_keys(records: list[Record]) -> list[Record]:
    for i, record in enumerate(records):
        if i % 2:
            record["id"] = record.pop("doc_id")
        for event in record["events"]:
            event["actor"] = event.pop("actors")
    return records


def _random(seed: int) -> Perturbation:
    """A seeded mixture of all event-level changes, one draw per event."""
    changes = [
        _shift_days(1),
        _shift_days(-1),
        _shift_days(2),
        _shift_days(-8),
        _month_precision,
        _week_precision,
        _move_km(20),
        _move_km(40),
        _names_only,
        _transliterate,
        _fields,
        lambda e, n: None,
    ]

    def apply(records: list[Record]) -> list[Record]:
        rng = random.Random(seed)
        kept_records = []
        for n_rec, record in enumerate(records):
            if rng.random() < 0.08:
                continue
            events = []
            for n, event in enumerate(record["events"]):
                if rng.random() < 0.15:
                    continue
                for change in rng.sample(changes, k=rng.randint(1, 3)):
                    change(event, n + n_rec)
                events.append(event)
            if rng.random() < 0.3:
                events.append(as_prediction(gold_event(date=f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")))
            rng.shuffle(events)
            record["events"] = events
            kept_records.append(record)
        return _perturb_memberships(_transliterate_memberships(kept_records)) if seed % 2 else kept_records

    return apply


CASES: dict[str, Perturbation] = {
    "exact copy": lambda r: r,
    "every 3rd event dropped": _drop_every(3),
    "every 2nd event dropped": _drop_every(2),
    "dates +1 day": _each_event(_shift_days(1)),
    "dates -1 day": _each_event(_shift_days(-1)),
    "dates +2 days": _each_event(_shift_days(2)),
    "dates +8 days": _each_event(_shift_days(8)),
    "dates -8 days": _each_event(_shift_days(-8)),
    "month precision": _each_event(_month_precision),
    "week precision": _each_event(_week_precision),
    "places moved 20 km": _each_event(_move_km(20)),
    "places moved 40 km": _each_event(_move_km(40)),
    "place names, no coordinates": _each_event(_names_only),
    "place names as written in the text": _names_as_text,
    "transliterated actor names": _each_event(_transliterate),
    "transliterated memberships": _transliterate_memberships,
    "spurious events": _spurious,
    "events in the no-event document": _fill_empty_doc,
    "memberships perturbed": _perturb_memberships,
    "documents missing": _drop_docs("d001", "seed-000", "d017"),
    "all documents missing": lambda r: [],
    "field values perturbed": _each_event(_fields),
    "events in reverse order": _reverse_events,
    "id and actor keys": _alternate_keys,
    **{f"random mixture, seed {seed}": _random(seed) for seed in range(12)},
}


@pytest.mark.parametrize("case", list(CASES))
def test_eval_scorer_agrees_with_devset_score_py(case, reference, gold_docs, tmp_path, capsys):
    records = CASES[case](_perfect(gold_docs))
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")

    for show_misses in (False, True):
        ours = score(GOLD_DIR, pred_path, show_misses=show_misses)
        theirs = reference.score(GOLD_DIR, pred_path, show_misses)
        assert ours == theirs

    reference.main([str(GOLD_DIR), str(pred_path), "--show-misses"])
    assert format_report(ours) + "\n" == capsys.readouterr().out


def test_eval_scorer_perturbations_exercise_the_rules(reference, gold_docs, tmp_path):
    """The comparison above is only worth something if the cases score differently."""
    seen = set()
    for i, (name, perturb) in enumerate(CASES.items()):
        pred_path = tmp_path / f"{i}.jsonl"
        records = perturb(_perfect(gold_docs))
        pred_path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        result = score(GOLD_DIR, pred_path)
        seen.add(json.dumps(result, sort_keys=True))
        if name == "exact copy":
            assert result["events_strict"]["f1"] == result["memberships"]["f1"] == 1.0
        if name == "places moved 40 km":
            assert result["events_lenient"]["tp"] == 0
        if name in (
            "places moved 20 km",
            "dates +1 day",
            "transliterated actor names",
            "place names, no coordinates",
        ):
            assert result["events_lenient"]["f1"] == 1.0, name
            assert set(result["field_accuracy"].values()) == {1.0}, name
        if name == "transliterated memberships":
            assert result["memberships"]["f1"] == 1.0
        if name in ("dates +8 days", "dates -8 days"):
            assert 0 < result["events_lenient"]["tp"] < result["events_lenient"]["gold"], "week-precision gold only"
    # Many cases are meant to score perfectly (±1 day, 20 km, spelling variants);
    # the rest must not all collapse onto a few results.
    assert len(seen) >= 20
