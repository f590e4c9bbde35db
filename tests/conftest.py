"""Shared fixtures: document files written into a temporary folder, hand-written report
snippets, one extractor per test session, and a CLI runner."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from typer.testing import CliRunner

    from claimgraph.extract import Extractor

# Hand-written report snippets (paraphrased from the kind of wire copy claimgraph reads).
TOWER22_REPORT = {
    "id": "tower22",
    "title": "Drone attack kills three US soldiers in Jordan",
    "published": "2024-01-29",
    "url": None,
    "lang": "en",
    "text": (
        "AMMAN, Jan 29 (wire) - A one-way attack drone struck Tower 22, a small US outpost in "
        "north-eastern Jordan near the Syrian border, on Sunday, killing three US soldiers and "
        "injuring at least 34, the Pentagon said. The Islamic Resistance in Iraq, an umbrella for "
        "Iran-backed Iraqi militias, claimed the attack in a statement on Telegram. US officials "
        "blamed Kataib Hezbollah, a member of the Islamic Resistance in Iraq."
    ),
}
AIN_AL_ASAD_REPORT = {
    "id": "ain-al-asad",
    "title": "Rockets hit Ain al-Asad air base",
    "published": "2024-01-21",
    "lang": "en",
    "text": (
        "BAGHDAD, Jan 21 (wire) - Several ballistic missiles and rockets were fired at Ain al-Asad "
        "air base in Iraq's western Anbar province on Saturday, wounding four US service members and "
        "an Iraqi soldier, US Central Command said. The Islamic Resistance in Iraq claimed the attack."
    ),
}
HARIR_REPORT = {
    "id": "harir",
    "title": "Drone downed near Harir air base",
    "published": "2023-10-19",
    "lang": "en",
    "text": (
        "ERBIL, Oct 19 (wire) - A drone was shot down near Harir air base, north-east of Erbil, on "
        "Tuesday, a coalition official said. No one was hurt. The Islamic Resistance in Iraq said it "
        "had targeted the base with a drone."
    ),
}
REPORTS = (TOWER22_REPORT, AIN_AL_ASAD_REPORT, HARIR_REPORT)


class DocFiles:
    """Writes document files under one folder; every method returns the file's path."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def path(self, name: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def text(self, name: str, text: str) -> Path:
        path = self.path(name)
        path.write_text(text, encoding="utf-8")
        return path

    def bytes(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        path.write_bytes(data)
        return path

    def json(self, name: str, record: Any) -> Path:
        return self.text(name, json.dumps(record, ensure_ascii=False, indent=2))

    def jsonl(self, name: str, records: Iterable[Any]) -> Path:
        lines = (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records)
        return self.text(name, "".join(line + "\n" for line in lines))

    def sparse(self, name: str, size: int) -> Path:
        """A file of ``size`` bytes created without writing them (sparse, instant)."""
        path = self.path(name)
        with path.open("wb") as fh:
            fh.truncate(size)
        return path


@pytest.fixture
def tmp_docs(tmp_path: Path) -> DocFiles:
    return DocFiles(tmp_path / "docs")


@pytest.fixture
def report() -> dict[str, Any]:
    """A fresh copy of one realistic report record, free to modify."""
    return dict(TOWER22_REPORT)


@pytest.fixture
def reports() -> dict[str, dict[str, Any]]:
    """Fresh copies of the hand-written report records, by id, in a fixed order."""
    return {r["id"]: dict(r) for r in REPORTS}


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real extractor, built once per test session (it is the slow part)."""
    from claimgraph.extract import Extractor

    return Extractor.build()


@pytest.fixture
def shared_extractor(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> Extractor:
    """Make CLI commands reuse the session's extractor instead of building their own."""
    from claimgraph.cli import extract as extract_cmd

    real = extract_cmd.build_extractor
    # with the user's own KB files the command needs its own extractor; otherwise reuse the session's
    monkeypatch.setattr(extract_cmd, "build_extractor", lambda kb_files=(): real(kb_files) if kb_files else extractor)
    return extractor


@pytest.fixture
def cli_runner() -> CliRunner:
    from typer.testing import CliRunner

    # A wide terminal, so tables are not folded into unreadable columns.
    return CliRunner(env={"COLUMNS": "220", "NO_COLOR": "1"})
