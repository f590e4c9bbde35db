"""The benchmark corpus generator (bench/corpus.py): deterministic, ~3 KB reports, varied words."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import sys
from datetime import date
from pathlib import Path

import pytest

BENCH_CORPUS = Path(__file__).resolve().parents[1] / "bench" / "corpus.py"


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCH_CORPUS)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_corpus"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    yield module
    del sys.modules["bench_corpus"]


def test_bench_corpus_same_seed_same_corpus(corpus, tmp_path):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    corpus.write_corpus(a, 30, seed=1)
    corpus.write_corpus(b, 30, seed=1)
    corpus.write_corpus(c, 30, seed=2)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_bench_corpus_records_are_documents_of_about_3_kb(corpus, tmp_path):
    path = tmp_path / "corpus.jsonl"
    stats = corpus.write_corpus(path, 100, seed=3)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == stats.docs == 100
    assert len({r["id"] for r in records}) == 100
    for record in records:
        assert set(record) == {"id", "title", "published", "lang", "text"}
        date.fromisoformat(record["published"])
        assert 2500 <= len(record["text"].encode("utf-8")) <= 3700
    assert 2800 <= stats.avg_bytes <= 3300


def test_bench_corpus_vocabulary_keeps_growing(corpus, tmp_path):
    """Repetitive text would flatter spaCy's tokenizer cache: new words must keep coming."""
    small = corpus.write_corpus(tmp_path / "small.jsonl", 100, seed=4)
    large = corpus.write_corpus(tmp_path / "large.jsonl", 400, seed=4)
    assert small.distinct_words / small.words > 0.05
    assert large.distinct_words > 2.5 * small.distinct_words


def test_bench_corpus_every_template_fills(corpus):
    banks = corpus.Banks.load()
    writer = corpus._Writer(banks, random.Random(5), date(2024, 1, 28))
    for template in banks.event_templates + banks.filler_templates:
        text = writer.fill(template)
        assert "{" not in text and "}" not in text
        assert re.match(r"[A-Z0-9\"]", text), text[:60]


def test_bench_corpus_daily_batch_tells_of_the_last_three_days_only(corpus, tmp_path):
    path = tmp_path / "daily.jsonl"
    corpus.daily_batch(path, 60, seed=7)
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    last = date.fromordinal(corpus.FIRST_DAY.toordinal() + corpus.SPAN_DAYS)
    months = "|".join(corpus._MONTHS)
    for doc in docs:
        published = date.fromisoformat(doc["published"])
        assert 0 <= (published - last).days <= 1
        for day, month in re.findall(rf"\bon (\d{{1,2}}) ({months})\b", doc["text"]):
            when = date(published.year, corpus._MONTHS.index(month) + 1, int(day))
            assert 0 <= (published - when).days < corpus.DAILY_DAYS
        assert "Tower 22" not in doc["text"]  # a landmark: its attack is dated January 2024
        assert not re.search(r"\b(last week|a day earlier|two days later)\b", doc["text"])
