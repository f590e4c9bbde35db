"""``claimgraph kb``: inspect and check the knowledge base (packaged data plus your own files) and the
language packs."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from claimgraph.cli.options import DbOption
from claimgraph.cli.output import plural, stdout_console
from claimgraph.store.engine import DEFAULT_DB

if TYPE_CHECKING:
    from claimgraph.kb import KnowledgeBase

app = typer.Typer(
    name="kb",
    no_args_is_help=True,
    help=(
        "Inspect and check the knowledge base (actors, aliases, relations and places) and the language packs.\n\n"
        "The KB subcommands load the packaged KB plus any --kb-file you give; `packs` lists and checks "
        "the language packs, plus any --pack-dir you give.\n\n"
        "Example: claimgraph kb actors hezbollah"
    ),
)

KbFiles = Annotated[
    list[Path] | None,
    typer.Option(
        "--kb-file",
        help="Extra KB file (TOML) loaded on top of the packaged one; repeat for several.",
        exists=True,
        dir_okay=False,
        show_default=False,
    ),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
Query = Annotated[
    str | None,
    typer.Argument(metavar="QUERY", help="Show only entries whose id, name or an alias contains this."),
]


def _load(kb_files: list[Path] | None) -> KnowledgeBase:
    from claimgraph.kb import load_kb

    return load_kb(extra=list(kb_files or ()))


@app.command("stats")
def stats(kb_file: KbFiles = None, as_json: AsJson = False) -> None:
    """Count actors (by kind), aliases, places (by kind) and relations (by predicate).

    Example: claimgraph kb stats --kb-file my-actors.toml
    """
    kb = _load(kb_file)
    actors, places = list(kb.actors.values()), list(kb.places.values())
    summary: dict[str, Any] = {
        "version": kb.version,
        "actors": len(actors),
        "aliases": sum(len(_aliases(a)) for a in actors),
        "places": len(places),
        "relations": len(kb.relations),
        "actor_kinds": dict(sorted(Counter(str(getattr(a, "kind", "")) for a in actors).items())),
        "place_kinds": dict(sorted(Counter(str(getattr(p, "kind", "")) for p in places).items())),
        "predicates": dict(sorted(Counter(str(r.predicate) for r in kb.relations).items())),
    }
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False))
        return
    table = Table(title=f"knowledge base {kb.version}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for key in ("actors", "aliases", "places", "relations"):
        table.add_row(key, str(summary[key]))
    for group, label in (("actor_kinds", "actor"), ("place_kinds", "place"), ("predicates", "relation")):
        for name, count in summary[group].items():
            table.add_row(Text(f"  {label} {name}"), str(count))
    stdout_console().print(table)


@app.command("check")
def check(kb_file: KbFiles = None) -> None:
    """Load the knowledge base and validate it; exit code 3 with the problem if it is inconsistent.

    Example: claimgraph kb check --kb-file my-actors.toml
    """
    kb = _load(kb_file)  # raises KBError, mapped to exit code 3 by main()
    typer.echo(
        f"knowledge base {kb.version} OK: {len(kb.actors)} actors, {len(kb.places)} places, "
        f"{len(kb.relations)} relations in {plural(len(kb.theatres), 'theatre')} "
        f"({', '.join(t.id for t in kb.theatres)})"
    )


@app.command("theatres")
def theatres(kb_file: KbFiles = None, as_json: AsJson = False) -> None:
    """List the theatre packs (id, name, actors, relations, places, file) after checking the whole KB.

    The packaged KB is one pack per theatre (kb/data/theatres/*.toml), loaded together; a --kb-file
    with a [theatre] table is listed as a theatre of its own. An inconsistent pack exits with code 3
    and names the file and the entry.

    Example: claimgraph kb theatres --kb-file my-front.toml
    """
    kb = _load(kb_file)
    rows = [
        {
            "id": t.id,
            "name": t.name,
            "actors": len(t.actors),
            "relations": t.relations,
            "places": len(t.places),
            "file": t.origin,
        }
        for t in kb.theatres
    ]
    _print_rows(rows, as_json, title=f"{plural(len(rows), 'theatre')} OK (knowledge base {kb.version})")


@app.command("actors")
def actors(query: Query = None, kb_file: KbFiles = None, as_json: AsJson = False) -> None:
    """List actors (id, name, kind, country, aliases), optionally only those matching QUERY.

    Example: claimgraph kb actors "kataib"
    """
    kb = _load(kb_file)
    rows = [
        {
            "id": actor_id,
            "name": actor.name,
            "kind": getattr(actor, "kind", ""),
            "country": getattr(actor, "country", ""),
            "aliases": _latin_aliases(actor),
            "aliases_ar": list(getattr(actor, "aliases_ar", ())),
        }
        for actor_id, actor in sorted(kb.actors.items())
        if _matches(query, actor_id, actor.name, *_aliases(actor))
    ]
    _print_rows(rows, as_json, title=plural(len(rows), "actor"))


@app.command("places")
def places(query: Query = None, kb_file: KbFiles = None, as_json: AsJson = False) -> None:
    """List places (id, name, kind, coordinates, country, admin1), optionally matching QUERY.

    Example: claimgraph kb places "asad"
    """
    kb = _load(kb_file)
    rows = [
        {
            "id": place_id,
            "name": place.name,
            "kind": getattr(place, "kind", ""),
            "lat": getattr(place, "lat", None),
            "lon": getattr(place, "lon", None),
            "country": getattr(place, "country", None),
            "admin1": getattr(place, "admin1", None),
        }
        for place_id, place in sorted(kb.places.items())
        if _matches(query, place_id, place.name, *_aliases(place))
    ]
    _print_rows(rows, as_json, title=plural(len(rows), "place"))


@app.command("unresolved")
def unresolved(db: DbOption = DEFAULT_DB, as_json: AsJson = False, limit: int = 50) -> None:
    """List the place names events were reported at that neither the KB nor the gazetteer knows, most
    reported first: name, country, reports, documents, first and last date.

    Such an event keeps the name as written, its country and no coordinates (geo_precision
    "unresolved"). Add the frequent ones to a KB file of your own (--kb-file, `places` entries with
    coordinates) and re-extract.

    Example: claimgraph kb unresolved --db claimgraph.db
    """
    import sqlalchemy as sa

    from claimgraph.store import schema
    from claimgraph.store.engine import connect

    r = schema.event_reports
    query = (
        sa.select(
            r.c.place_name.label("name"),
            r.c.country,
            sa.func.count().label("reports"),
            sa.func.count(sa.distinct(r.c.doc_id)).label("documents"),
            sa.func.min(r.c.date).label("first"),
            sa.func.max(r.c.date).label("last"),
        )
        .where(r.c.geo_precision == "unresolved")
        .group_by(r.c.place_name, r.c.country)
        .order_by(sa.desc("reports"), r.c.place_name)
        .limit(max(1, limit))
    )
    engine = connect(db)
    try:
        with engine.connect() as conn:
            rows = [{**row._asdict(), "first": _iso(row.first), "last": _iso(row.last)} for row in conn.execute(query)]
    finally:
        engine.dispose()
    _print_rows(rows, as_json, title=plural(len(rows), "unresolved place name"))


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value  # SQLite answers MIN/MAX as text


PackDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--pack-dir",
        help="A language pack folder of your own (pack.toml + rule files) to validate and list; repeat for several.",
        exists=True,
        file_okay=False,
        show_default=False,
    ),
]


@app.command("packs")
def packs(pack_dir: PackDirs = None, as_json: AsJson = False) -> None:
    """List the language packs (code, name, version, entries by kind, examples) and check them.

    Every cue's examples must match and its not_examples must not, and every pack must answer
    every cue the extractor reads; a pack that fails exits with code 2 and names the file and
    line. A --pack-dir pack with the code of a built-in one replaces it.

    Example: claimgraph kb packs --pack-dir my-packs/de
    """
    from claimgraph.extract.cues import check_packs
    from claimgraph.lang import PACKS_DIR, Packs

    loaded = Packs.load([p.resolve() for p in pack_dir or ()])  # raises PackError: exit code 2
    check_packs(loaded)
    rows = []
    for code, rules in sorted(loaded.items()):
        entries = Counter(kind for kind, _ in rules.entries)
        specs = [e.spec for e in rules.entries.values()]
        rows.append(
            {
                "code": code,
                "name": rules.name,
                "version": rules.version,
                "cue": entries.get("cue", 0),
                "table": entries.get("table", 0),
                "list": entries.get("list", 0),
                "examples": sum(len(s.get("examples", ())) for s in specs),
                "not_examples": sum(len(s.get("not_examples", ())) for s in specs),
                "folder": "built-in" if rules.folder.parent == PACKS_DIR else str(rules.folder),
            }
        )
    _print_rows(rows, as_json, title=f"{plural(len(rows), 'language pack')} OK")


def _latin_aliases(actor: Any) -> list[str]:
    names = (
        *getattr(actor, "abbreviations", ()),
        *getattr(actor, "aliases", ()),
        *getattr(actor, "aliases_fr", ()),
    )
    return list(dict.fromkeys(names))


def _aliases(actor: Any) -> list[str]:
    """Every name of an actor or place: abbreviations, English, French and Arabic aliases."""
    return [*_latin_aliases(actor), *getattr(actor, "aliases_ar", ())]


def _fold(text: str) -> str:
    """Case- and diacritic-insensitive form (Arabic harakat are combining marks too)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _matches(query: str | None, *values: str) -> bool:
    if not query:
        return True
    needle = _fold(query)
    return any(needle in _fold(str(v)) for v in values if v)


def _print_rows(rows: list[dict[str, Any]], as_json: bool, *, title: str) -> None:
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    table = Table(title=title)
    columns = list(rows[0]) if rows else ["id", "name"]
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text(_cell(row[c])) for c in columns))
    stdout_console().print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)
