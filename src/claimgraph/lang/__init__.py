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
    values = { monday = 0, tuesday = 1 }
    examples = ["Drones struck the base on Monday."]   # required; each must hold one of the words

    [list.ambiguous_months]             # a list of words
    items = ["may", "mar"]
    examples = ["More attacks may follow."]

A cue's pattern may name a table, a list or another cue between double braces: ``{{weekdays}}`` is
the table's words as one group (escaped, longest first), ``{{casualty_killed}}`` the other cue's
pattern. Table keys and list items are in the pack's normal form (Arabic: normalised letters), like
the cues' ``alternatives``.

A cue with ``shared = true`` applies to documents of every language (its effective pattern is the
union of every pack's entry of that name; a shared table or list is likewise the union of every
pack's words); a cue borrowed from another pack says so with ``same_as = "en"``. A cue the
extractor asks of a pack that has neither is an error when the packs load, never a silent
fallback to English. Load errors name the file and line.

``LanguageRules`` is one loaded pack; ``Packs`` all of them. ``packs()`` returns the built-in
packs, loaded once per process; ``Packs.load(extra_dirs)`` adds a user's packs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from claimgraph.errors import ClaimgraphError
from claimgraph.nlp.normalize import normalize_arabic
from claimgraph.nlp.scripts import ScriptSplit

PACKS_DIR = Path(__file__).resolve().parent
PACK_FORMAT = "claimgraph.langpack.v1"

_ENTRY_KEYS = {
    "cue": {
        "doc",
        "pattern",
        "alternatives",
        "wrap",
        "case",
        "shared",
        "normalised",
        "same_as",
        "examples",
        "not_examples",
    },
    "table": {"doc", "values", "shared", "examples"},
    "list": {"doc", "items", "shared", "examples"},
}
_WORDS_KEY = {"table": "values", "list": "items"}
_PACK_KEYS = {"format", "code", "name", "version", "spacy", "normalise"}
_NORMALISERS = {"none": None, "arabic": normalize_arabic}
_WRAPS = {"none": "{}", "word": r"\b({})\b", "group": "(?:{})"}
# ``{{name}}`` in a cue's pattern: the words of a table or list, or another cue's pattern
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


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

    def has(self, kind: str, name: str) -> bool:
        """Does the pack itself write an entry ``[kind.name]`` (a shared cue of another pack does not count)?"""
        return (kind, name) in self.entries

    def table(self, name: str) -> dict[str, Any]:
        """The pack's own table ``name``, its keys in the pack's normal form."""
        return {self.norm(k): v for k, v in self._entry("table", name).spec["values"].items()}

    def items(self, name: str) -> list[str]:
        """The pack's own list ``name``, its items in the pack's normal form."""
        return [self.norm(w) for w in self._entry("list", name).spec["items"]]

    def words(self, kind: str, name: str) -> list[str]:
        """The words of a table (its keys) or a list (its items)."""
        return list(self.table(name)) if kind == "table" else self.items(name)

    def norm(self, text: str) -> str:
        """``text`` as this pack's patterns are written (Arabic: normalised letters)."""
        f = _NORMALISERS[self.normalise]
        return f(text) if f else text

    @property
    def normaliser(self) -> Callable[[str], str] | None:
        """The function behind ``norm`` (None when the pack does not normalise), for hot loops."""
        return _NORMALISERS[self.normalise]

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
                    if not spec.get("examples"):
                        what = "sentences it must match" if kind == "cue" else "text holding its words"
                        raise PackError(f"{entry.where}: a {kind} needs examples ({what}); see docs/languages.md")
                    if kind in _WORDS_KEY:
                        _check_words(spec, kind, entry)
                    if (kind, name) in rules.entries:
                        raise PackError(f"{entry.where}: defined twice (also {rules.entries[(kind, name)].where})")
                    rules.entries[(kind, name)] = entry
        return rules

    def own_pattern(self, entry: Entry) -> str | None:
        """The entry's own regular expression source (None for a ``same_as`` cue), ``{{name}}`` not yet
        replaced (``Packs`` does that, since a shared table's words come from every pack)."""
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


def _check_words(spec: Mapping[str, Any], kind: str, entry: Entry) -> None:
    key = _WORDS_KEY[kind]
    words = spec.get(key)
    shape = dict if kind == "table" else list
    if not isinstance(words, shape) or not words or not all(isinstance(w, str) and w for w in words):
        raise PackError(f"{entry.where}: {key} must be a non-empty {'table' if kind == 'table' else 'list'} of words")


def alternation(words: Iterable[str]) -> str:
    """Words as one regular-expression group: escaped, the longest first (so that "hier soir" is tried
    before "hier"), duplicates dropped."""
    escaped = dict.fromkeys(re.escape(w) for w in words)
    return "(?:" + "|".join(sorted(escaped, key=len, reverse=True)) + ")"


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
    """Every loaded language pack, by code; compiles the cues and checks their examples.

    ``check=False`` compiles without checking the examples (the tests check them one by one)."""

    def __init__(self, packs: Iterable[LanguageRules], *, check: bool = True):
        self._packs = {p.code: p for p in packs}
        self._sources: dict[tuple[str, str], tuple[str, int]] = {}  # (code or "*", cue) -> expanded source
        self._compile(check)

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

    # -- reading ------------------------------------------------------------
    def shared(self, name: str) -> re.Pattern:
        """A cue that reads documents of every language (the union of every pack's entry)."""
        for rules in self._packs.values():
            entry = rules.entries.get(("cue", name))
            if entry is not None and entry.spec.get("shared"):
                return rules.cue(name)
        raise PackError(f"no pack defines a shared cue {name!r}")

    def normal_form(self) -> Callable[[str], str]:
        """A function that writes text in every pack's normal form at once (today: Arabic letters
        normalised), for the shared cues that say ``normalised = true``."""
        found = list(dict.fromkeys(f for r in self._packs.values() if (f := r.normaliser) is not None))
        if not found:
            return str
        if len(found) == 1:
            return found[0]

        def normal(text: str) -> str:
            for f in found:
                text = f(text)
            return text

        return normal

    def shared_table(self, name: str) -> dict[str, Any]:
        """The union of every pack's shared table ``name`` (keys in each pack's normal form)."""
        out: dict[str, Any] = {}
        where: dict[str, Entry] = {}
        for rules, entry in self._shared_entries("table", name):
            for key, value in rules.table(name).items():
                if key in out and out[key] != value:
                    raise PackError(f"{entry.where}: {key!r} = {value!r}, but {where[key].where} says {out[key]!r}")
                out[key], where[key] = value, entry
        return out

    def shared_items(self, name: str) -> list[str]:
        """The union of every pack's shared list ``name`` (items in each pack's normal form)."""
        return list(dict.fromkeys(w for rules, _ in self._shared_entries("list", name) for w in rules.items(name)))

    def check_required(self, names: Iterable[str]) -> None:
        """Every pack answers every cue the extractor reads (own, shared or borrowed)."""
        for rules in self._packs.values():
            missing = [n for n in names if not rules.has_cue(n)]
            if missing:
                raise PackError(
                    f"language pack {rules.code!r} ({rules.folder}) lacks cue(s) {', '.join(missing)}: "
                    "write them, or borrow another pack's with same_as"
                )

    def _shared_entries(self, kind: str, name: str) -> list[tuple[LanguageRules, Entry]]:
        found = [
            (rules, entry)
            for rules in self._packs.values()
            if (entry := rules.entries.get((kind, name))) is not None and entry.spec.get("shared")
        ]
        if not found:
            raise PackError(f"no pack defines a shared {kind} {name!r}")
        return found

    # -- compiling ----------------------------------------------------------
    def _compile(self, check: bool) -> None:
        shared_names = {
            name
            for rules in self._packs.values()
            for (kind, name), e in rules.entries.items()
            if kind == "cue" and e.spec.get("shared")
        }
        combined = {name: self._shared_pattern(name) for name in sorted(shared_names)}
        for rules in self._packs.values():
            for (kind, name), entry in rules.entries.items():
                if kind != "cue":
                    continue
                if entry.spec.get("shared"):
                    rules._cues[name] = combined[name]
                elif "same_as" not in entry.spec:
                    source, flags = self._source(rules, name, ())
                    rules._cues[name] = _compile_one(source, flags, entry)
            for name, pattern in combined.items():
                rules._cues.setdefault(name, pattern)  # a shared cue reads every document
        for rules in self._packs.values():
            for (kind, name), entry in rules.entries.items():
                if kind == "cue" and "same_as" in entry.spec:
                    rules._cues[name] = self._donor(rules, entry).cue(name)
        if check:
            for rules in self._packs.values():
                for entry in rules.entries.values():
                    _check_examples(rules, entry)

    def _donor(self, rules: LanguageRules, entry: Entry) -> LanguageRules:
        """The pack a ``same_as`` cue borrows from: one that writes the cue itself, or any pack if it is shared."""
        donor = self._packs.get(entry.spec["same_as"])
        own = donor.entries.get(("cue", entry.name)) if donor is not None else None
        if donor is None or not ((own is not None and "same_as" not in own.spec) or self._is_shared("cue", entry.name)):
            raise PackError(f"{entry.where}: same_as {entry.spec['same_as']!r} has no cue {entry.name!r}")
        return donor

    def _is_shared(self, kind: str, name: str) -> bool:
        return any(r.has(kind, name) and r.entries[(kind, name)].spec.get("shared") for r in self._packs.values())

    def _shared_pattern(self, name: str) -> re.Pattern:
        return _compile_union(self._shared_parts(name, ()))

    def _shared_parts(self, name: str, stack: tuple[str, ...]) -> list[tuple[str, int, Entry]]:
        """Every pack's part of the shared cue ``name``: (expanded source, flags, entry)."""
        parts = []
        for rules, entry in self._shared_entries("cue", name):
            if "same_as" in entry.spec:
                raise PackError(f"{entry.where}: a shared cue cannot borrow with same_as")
            parts.append((*self._own_source(rules, entry, stack), entry))
        if len({f for _, f, _ in parts}) != 1:
            raise PackError(f"{parts[0][2].where}: shared cue written with different case settings in different packs")
        return parts

    def _source(self, rules: LanguageRules, name: str, stack: tuple[str, ...]) -> tuple[str, int]:
        """The expanded source and flags of the cue ``name`` as documents of ``rules`` read it."""
        entry = rules.entries.get(("cue", name))
        if entry is not None and "same_as" in entry.spec:
            return self._source(self._donor(rules, entry), name, stack)
        if entry is not None and not entry.spec.get("shared"):
            return self._own_source(rules, entry, stack)
        parts = self._shared_parts(name, stack)
        if len(parts) == 1:
            return parts[0][0], parts[0][1]
        return "|".join(f"(?:{s})" for s, _, _ in parts), parts[0][1]

    def _own_source(self, rules: LanguageRules, entry: Entry, stack: tuple[str, ...]) -> tuple[str, int]:
        key = (rules.code, entry.name)
        if key not in self._sources:
            if entry.name in stack:
                raise PackError(f"{entry.where}: {{{{{entry.name}}}}} refers to itself (through {' -> '.join(stack)})")
            flags = _flags(entry.spec)
            source = _PLACEHOLDER.sub(
                lambda m: self._placeholder(rules, entry, m.group(1), flags, (*stack, entry.name)),
                rules.own_pattern(entry),
            )
            self._sources[key] = (source, flags)
        return self._sources[key]

    def _placeholder(self, rules: LanguageRules, entry: Entry, name: str, flags: int, stack: tuple[str, ...]) -> str:
        """What ``{{name}}`` in ``entry`` stands for: a table's or list's words, or a cue's pattern."""
        for kind in ("table", "list"):
            own = rules.entries.get((kind, name))
            if own is not None and not own.spec.get("shared"):
                return alternation(rules.words(kind, name))
            if own is not None or self._is_shared(kind, name):
                words = self.shared_table(name) if kind == "table" else self.shared_items(name)
                return alternation(words)
        if rules.has("cue", name) or self._is_shared("cue", name):
            source, cue_flags = self._source(rules, name, stack)
            if cue_flags == flags:
                return f"(?:{source})"
            return f"(?{'i' if cue_flags & re.IGNORECASE else '-i'}:{source})"
        raise PackError(f"{entry.where}: {{{{{name}}}}} names no table, list or cue of pack {rules.code!r}")


def _compile_one(source: str, flags: int, entry: Entry) -> re.Pattern:
    try:
        return re.compile(source, flags)
    except re.error as e:
        raise PackError(f"{entry.where}: pattern does not compile: {e}") from None


def _compile_union(parts: list[tuple[str, int, Entry]]) -> re.Pattern | ScriptSplit:
    if len(parts) == 1:
        return _compile_one(*parts[0])
    for source, flags, entry in parts:
        _compile_one(source, flags, entry)  # name the file whose part is broken
    try:
        # read with the parts a text's scripts allow: an English sentence skips the Arabic part
        return ScriptSplit.of([s for s, _, _ in parts], parts[0][1])
    except re.error as error:  # each part compiles: two parts name the same group
        where = ", ".join(entry.where for _, _, entry in parts)
        raise PackError(
            f"{where}: the parts of this shared cue do not compile together ({error}); "
            "a named group (?P<...>) may appear in one pack's part only"
        ) from None


def _check_examples(rules: LanguageRules, entry: Entry) -> None:
    if entry.kind in _WORDS_KEY:  # words are in the pack's normal form, so are the examples they are looked for in
        words = [w.lower() for w in rules.words(entry.kind, entry.name)]
        for example in entry.spec["examples"]:
            text = rules.norm(example).lower()
            if not any(w in text for w in words):
                raise PackError(f"{entry.where}: example holds none of its words: {example!r}")
        return
    # a pack's own cues read text in its normal form; shared cues read the text as written, unless
    # they say ``normalised = true``
    as_written = entry.spec.get("shared") and not entry.spec.get("normalised")
    norm = (lambda t: t) if as_written else rules.norm
    pattern = rules.cue(entry.name)
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
