"""Language packs: every cue the extractor reads, as data, one folder per language.

A pack is a folder ``lang/<code>/`` holding ``pack.toml`` (code, name, version, the spaCy
language of its tokenizer, its normalisation) and any number of rule files (``cues.toml``,
``dates.toml``, ...). A rule file holds named entries:

    [cue.attack]                       # a regular expression
    doc = "Offensive actions: the sentence reports an attack or strike."
    alternatives = ['attack(?:s|ed)?', 'struck(?! down)']   # joined with |, or `pattern = '...'`
    wrap = "word"                       # \\b(...)\\b (one group) around the alternatives (default: none)
    examples = ["Drones attacked the base."]          # required; each must match
    not_examples = ["The attackers were never found."]  # each must not match

    [table.weekdays]                    # a mapping from words to values
    monday = 0

A cue with ``shared = true`` applies to documents of every language (its effective pattern is the
union of every pack's entry of that name); a cue borrowed from another pack says so with
``same_as = "en"``. A cue the extractor asks of a pack that has neither is an error when the packs
load, never a silent fallback to English. Load errors name the file and line.

``LanguageRules`` is one loaded pack; ``Packs`` all of them. ``packs()`` returns the built-in
packs, loaded once per process; ``Packs.load(extra_dirs)`` adds a user's packs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.nlp.normalize import normalize_arabic

PACKS_DIR = Path(__file__).resolve().parent
PACK_FORMAT = "claimgraph.langpack.v1"

_ENTRY_KEYS = {
    "cue": {"doc", "pattern", "alternatives", "wrap", "case", "shared", "same_as", "examples", "not_examples"},
    "table": {"doc", "values", "examples"},
    "list": {"doc", "items", "examples"},
}
_PACK_KEYS = {"format", "code", "name", "version", "spacy", "normalise", "cues"}
_NORMALISERS = {"none": None, "arabic": normalize_arabic}
_WRAPS = {"none": "{}", "word": r"\b({})\b", "group": "(?:{})"}


class PackError(ClaimgraphError):
    """A language pack that cannot be loaded: an unknown key, a bad pattern, an example that fails."""

    exit_code = 2


@dataclass(frozen=True)
class Entry:
    """One named entry of a pack, with where it was written."""

    kind: str
    name: str
    spec: Mapping[str, Any]
    file: Path
    line: int

    @property
    def where(self) -> str:
        return f"{self.file.parent.name}/{self.file.name}:{self.line} [{self.kind}.{self.name}]"


@dataclass
class LanguageRules:
    """One language's pack: its cues (compiled), tables and word lists."""

    code: str
    name: str
    version: str
    spacy: str
    normalise: str
    folder: Path
    entries: dict[tuple[str, str], Entry] = field(default_factory=dict)
    _cues: dict[str, re.Pattern] = field(default_factory=dict, repr=False)

    # -- reading ------------------------------------------------------------
    def cue(self, name: str) -> re.Pattern:
        try:
            return self._cues[name]
        except KeyError:
            raise PackError(f"language pack {self.code!r} has no cue {name!r} ({self.folder})") from None

    def has_cue(self, name: str) -> bool:
        return name in self._cues

    def table(self, name: str) -> dict[str, Any]:
        return dict(self._entry("table", name).spec["values"])

    def items(self, name: str) -> list[str]:
        return list(self._entry("list", name).spec["items"])

    def norm(self, text: str) -> str:
        """``text`` as this pack's patterns are written (Arabic: normalised letters)."""
        f = _NORMALISERS[self.normalise]
        return f(text) if f else text

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for kind, _ in self.entries:
            out[kind] = out.get(kind, 0) + 1
        out["examples"] = sum(
            len(e.spec.get("examples", [])) + len(e.spec.get("not_examples", [])) for e in self.entries.values()
        )
        return out

    def _entry(self, kind: str, name: str) -> Entry:
        try:
            return self.entries[(kind, name)]
        except KeyError:
            raise PackError(f"language pack {self.code!r} has no {kind} {name!r} ({self.folder})") from None

    # -- loading ------------------------------------------------------------
    @classmethod
    def read(cls, folder: Path) -> LanguageRules:
        meta_file = folder / "pack.toml"
        if not meta_file.is_file():
            raise PackError(f"{folder}: not a language pack (no pack.toml); see docs/languages.md")
        meta = _toml(meta_file)
        _check_keys(meta, _PACK_KEYS, f"{folder.name}/pack.toml")
        if meta.get("format") != PACK_FORMAT:
            raise PackError(f"{folder.name}/pack.toml: format must be {PACK_FORMAT!r}, not {meta.get('format')!r}")
        missing = [k for k in ("code", "name", "version", "spacy") if k not in meta]
        if missing:
            raise PackError(f"{folder.name}/pack.toml: missing {', '.join(missing)}")
        normalise = meta.get("normalise", "none")
        if normalise not in _NORMALISERS:
            raise PackError(f"{folder.name}/pack.toml: normalise must be one of {', '.join(_NORMALISERS)}")
        rules = cls(meta["code"], meta["name"], str(meta["version"]), meta["spacy"], normalise, folder)
        for path in sorted(folder.glob("*.toml")):
            if path.name == "pack.toml":
                continue
            data = _toml(path)
            text = path.read_text(encoding="utf-8")
            for kind, named in data.items():
                if kind not in _ENTRY_KEYS or not isinstance(named, dict):
                    raise PackError(f"{folder.name}/{path.name}: unknown section [{kind}] (use cue, table or list)")
                for name, spec in named.items():
                    entry = Entry(kind, name, spec, path, _line_of(text, kind, name))
                    _check_keys(spec, _ENTRY_KEYS[kind], entry.where)
                    if kind == "cue" and not spec.get("examples"):
                        raise PackError(
                            f"{entry.where}: a cue needs examples (sentences it must match); see docs/languages.md"
                        )
                    if (kind, name) in rules.entries:
                        raise PackError(f"{entry.where}: defined twice (also {rules.entries[(kind, name)].where})")
                    rules.entries[(kind, name)] = entry
        return rules

    def own_pattern(self, entry: Entry) -> str | None:
        """The entry's own regular expression source (None for a ``same_as`` cue)."""
        spec = entry.spec
        if "same_as" in spec:
            return None
        if ("pattern" in spec) == ("alternatives" in spec):
            raise PackError(f"{entry.where}: give exactly one of pattern, alternatives or same_as")
        wrap = spec.get("wrap", "none")
        if wrap not in _WRAPS:
            raise PackError(f"{entry.where}: wrap must be one of {', '.join(_WRAPS)}")
        source = spec["pattern"] if "pattern" in spec else "|".join(self.norm(a) for a in spec["alternatives"])
        return _WRAPS[wrap].format(source)


def _flags(spec: Mapping[str, Any]) -> int:
    return 0 if spec.get("case", False) else re.IGNORECASE


def _toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise PackError(f"{path.parent.name}/{path.name}: not valid TOML: {e}") from None


def _line_of(text: str, kind: str, name: str) -> int:
    header = re.compile(rf"^[ \t]*\[{re.escape(kind)}\.{re.escape(name)}\]", re.M)
    m = header.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else 0


def _check_keys(spec: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(spec) - allowed)
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})")


class Packs(Mapping[str, LanguageRules]):
    """Every loaded language pack, by code; compiles the cues and checks their examples."""

    def __init__(self, packs: Iterable[LanguageRules]):
        self._packs = {p.code: p for p in packs}
        self._compile()

    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = ()) -> Packs:
        folders = [p for p in sorted(PACKS_DIR.iterdir()) if (p / "pack.toml").is_file()]
        by_code: dict[str, LanguageRules] = {}
        for folder in [*folders, *extra_dirs]:
            rules = LanguageRules.read(Path(folder))
            by_code[rules.code] = rules  # a user's pack of the same code replaces the built-in one
        return cls(by_code.values())

    def __getitem__(self, code: str) -> LanguageRules:
        return self._packs[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._packs)

    def __len__(self) -> int:
        return len(self._packs)

    def _compile(self) -> None:
        shared: dict[str, list[tuple[str, int, Entry]]] = {}
        for rules in self._packs.values():
            for (kind, name), entry in rules.entries.items():
                if kind == "cue" and entry.spec.get("shared"):
                    source = rules.own_pattern(entry)
                    if source is None:
                        raise PackError(f"{entry.where}: a shared cue cannot borrow with same_as")
                    shared.setdefault(name, []).append((source, _flags(entry.spec), entry))
        combined = {name: _compile_union(parts) for name, parts in shared.items()}
        for rules in self._packs.values():
            for (kind, name), entry in rules.entries.items():
                if kind != "cue":
                    continue
                if entry.spec.get("shared"):
                    rules._cues[name] = combined[name]
                    continue
                if "same_as" in entry.spec:
                    continue
                rules._cues[name] = _compile_one(rules.own_pattern(entry), _flags(entry.spec), entry)
            for name, pattern in combined.items():
                rules._cues.setdefault(name, pattern)  # a shared cue reads every document
        for rules in self._packs.values():
            for (kind, name), entry in rules.entries.items():
                if kind == "cue" and "same_as" in entry.spec:
                    donor = self._packs.get(entry.spec["same_as"])
                    if donor is None or not donor.has_cue(name):
                        raise PackError(f"{entry.where}: same_as {entry.spec['same_as']!r} has no cue {name!r}")
                    rules._cues[name] = donor.cue(name)
        for rules in self._packs.values():
            for (kind, _name), entry in rules.entries.items():
                if kind == "cue":
                    _check_examples(rules, entry)

    def shared(self, name: str) -> re.Pattern:
        """A cue that reads documents of every language (the union of every pack's entry)."""
        for rules in self._packs.values():
            entry = rules.entries.get(("cue", name))
            if entry is not None and entry.spec.get("shared"):
                return rules.cue(name)
        raise PackError(f"no pack defines a shared cue {name!r}")

    def check_required(self, names: Iterable[str]) -> None:
        """Every pack answers every cue the extractor reads (own, shared or borrowed)."""
        for rules in self._packs.values():
            missing = [n for n in names if not rules.has_cue(n)]
            if missing:
                raise PackError(
                    f"language pack {rules.code!r} ({rules.folder}) lacks cue(s) {', '.join(missing)}: "
                    "write them, or borrow another pack's with same_as"
                )


def _compile_one(source: str, flags: int, entry: Entry) -> re.Pattern:
    try:
        return re.compile(source, flags)
    except re.error as e:
        raise PackError(f"{entry.where}: pattern does not compile: {e}") from None


def _compile_union(parts: list[tuple[str, int, Entry]]) -> re.Pattern:
    if len(parts) == 1:
        return _compile_one(*parts[0])
    for source, flags, entry in parts:
        _compile_one(source, flags, entry)  # name the file whose part is broken
    flags = {f for _, f, _ in parts}
    if len(flags) != 1:
        raise PackError(f"{parts[0][2].where}: shared cue written with different case settings in different packs")
    return re.compile("|".join(f"(?:{s})" for s, _, _ in parts), flags.pop())


def _check_examples(rules: LanguageRules, entry: Entry) -> None:
    pattern = rules.cue(entry.name)
    # a pack's own cues read text in its normal form; shared cues read the text as written
    norm = (lambda t: t) if entry.spec.get("shared") else rules.norm
    for example in entry.spec.get("examples", []):
        if not pattern.search(norm(example)):
            raise PackError(f"{entry.where}: example does not match: {example!r}")
    for example in entry.spec.get("not_examples", []):
        if pattern.search(norm(example)):
            raise PackError(f"{entry.where}: not_example matches: {example!r}")


@cache
def packs() -> Packs:
    """The built-in language packs, loaded and checked once per process."""
    return Packs.load()


def rules(code: str) -> LanguageRules:
    """The built-in pack of one language; a language with no pack is a ``PackError``."""
    loaded = packs()
    if code not in loaded:
        raise PackError(f"no language pack for {code!r} (packs: {', '.join(loaded)}); see docs/languages.md")
    return loaded[code]
