"""The claimgraph database schema (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Three layers, kept apart so that canonical records never replace what sources said::

    assertions   documents, document_sources, mentions, evidence, event_reports, claims,
                 attributions, memberships, new_actors      (one row per thing a text says;
                                                             written once per document)
    knowledge    kb_actors, kb_aliases, kb_relations, kb_places, kb_meta (the KB version
                 the assertions were resolved against)
    canonical    events, event_links (event <-> report), event_fields (every value of every
                 field with its reports, the consensus and the conflicts), actor_edges
                 (KB relations + extracted memberships, aggregated)    (recomputed by reconcile)
    analysts     review_actions (append-only audit log), analyst_fields (a field value an
                 analyst confirmed or edited), analyst_links (a report an analyst placed in
                 an event by a merge or split), analyst_status, analyst_exclusions (a report
                 the machine may not move into an event a review action made), event_redirects
                 (an id a review action retired, and the event its reports went to)
                                                     (written only by people; never by reconcile)
    bookkeeping  ingest_runs, ingest_ledger (the resume ledger), failed_inputs,
                 schema_migrations; watch_sources, watch_fetches, watch_items (`watch`),
                 saved_searches, search_matches, search_alerts (saved searches and alerts)

Every id is derived from content (``models.stable_id``), so ingesting the same input twice
writes nothing, and a resumed run converges on the database of a clean one. Only the
bookkeeping tables carry wall-clock times.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

_ID = sa.String(40)


def _id(name: str = "id", **kw: object) -> sa.Column:
    return sa.Column(name, _ID, primary_key=True, **kw)


def _ref(name: str, target: str, **kw: object) -> sa.Column:
    return sa.Column(name, _ID, sa.ForeignKey(target, ondelete="CASCADE"), **kw)


# -- assertions -------------------------------------------------------------------------------

documents = sa.Table(
    "documents",
    metadata,
    _id(),  # content hash of the text: the same text read twice is one document
    sa.Column("ext_id", sa.Text, nullable=False),  # the id the input gave it (file stem, JSON id)
    sa.Column("title", sa.Text, nullable=False, default=""),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("raw", sa.Text),  # the raw input record (HTML, JSON) kept for provenance
    sa.Column("content_hash", sa.String(64), nullable=False),  # sha256 of the text
    sa.Column("outlet", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("lang", sa.String(8)),
    sa.Column("extractor_version", sa.String(40), nullable=False),
    sa.Column("kb_version", sa.String(60), nullable=False),
    sa.Column("n_events", sa.Integer, nullable=False, default=0),
    sa.Column("notes", sa.JSON, nullable=False, default=list),
)
sa.Index("ix_documents_published", documents.c.published)

document_sources = sa.Table(
    "document_sources",
    metadata,
    _ref("doc_id", "documents.id", primary_key=True),
    sa.Column("source", sa.Text, primary_key=True),  # path or path:line the text was read from
)

mentions = sa.Table(
    "mentions",
    metadata,
    _id(),
    _ref("doc_id", "documents.id", nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),  # actor | place | date | weapon
    sa.Column("ref_id", sa.Text),  # KB actor/place id, ISO date, weapon name
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("surface", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
)

event_reports = sa.Table(
    "event_reports",
    metadata,
    _id(),
    _ref("doc_id", "documents.id", nullable=False, index=True),
    sa.Column("ordinal", sa.Integer, nullable=False),  # position in the document
    sa.Column("event_type", sa.Text, nullable=False),
    sa.Column("sub_event_type", sa.Text, nullable=False),
    sa.Column("weapons", sa.JSON, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_basis", sa.String(16)),
    sa.Column("date_low", sa.Date),  # the interval the date stands for (a month: its first and last day)
    sa.Column("date_high", sa.Date),
    sa.Column("place_name", sa.Text),
    sa.Column("place_id", sa.Text),
    sa.Column("latitude", sa.Float),
    sa.Column("longitude", sa.Float),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.Text),
    sa.Column("geo_precision", sa.String(10)),
    sa.Column("launch_site", sa.JSON),
    sa.Column("actors", sa.JSON, nullable=False),
    sa.Column("claimed_by", sa.JSON, nullable=False),
    sa.Column("attributed_to", sa.JSON, nullable=False),
    sa.Column("unclaimed", sa.Boolean, nullable=False, default=False),
    sa.Column("target", sa.Text),
    sa.Column("vessel", sa.JSON),  # an attack at sea: {name, type, flag} of the ship hit (added by migration 0011)
    sa.Column("fatalities", sa.Integer),
    sa.Column("injuries", sa.Integer),
    sa.Column("casualty_qualifiers", sa.JSON, nullable=False),
    sa.Column("confirmed", sa.Boolean, nullable=False),
    sa.Column("extractor_version", sa.String(40), nullable=False),
)
sa.Index("ix_event_reports_date", event_reports.c.date_low, event_reports.c.date_high)

claims = sa.Table(
    "claims",
    metadata,
    _id(),
    _ref("report_id", "event_reports.id", nullable=False, index=True),
    _ref("doc_id", "documents.id", nullable=False),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("claimant", sa.Text, nullable=False),
    sa.Column("claimant_id", sa.Text),
    sa.Column("channel", sa.String(16), nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("status", sa.String(12), nullable=False),  # issued | superseded | retracted | contested
    sa.Column("supersedes", _ID),  # the claim this one replaces (same document)
    sa.Column("first_hand", sa.Boolean, nullable=False),
)

attributions = sa.Table(
    "attributions",
    metadata,
    _id(),
    _ref("report_id", "event_reports.id", nullable=False, index=True),
    _ref("doc_id", "documents.id", nullable=False),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("attributed_to", sa.Text, nullable=False),
    sa.Column("attributed_id", sa.Text),
    sa.Column("said_by", sa.Text, nullable=False),
    sa.Column("hedge", sa.String(10), nullable=False),  # confirmed | likely | alleged
)

memberships = sa.Table(
    "memberships",
    metadata,
    _id(),
    _ref("doc_id", "documents.id", nullable=False, index=True),
    sa.Column("member", sa.Text, nullable=False),
    sa.Column("member_id", sa.Text),
    sa.Column("umbrella", sa.Text, nullable=False),
    sa.Column("umbrella_id", sa.Text),
    sa.Column("relation", sa.String(12), nullable=False),
    sa.Column("confidence", sa.String(10), nullable=False),
    sa.Column("said_by", sa.Text, nullable=False),
)

new_actors = sa.Table(
    "new_actors",
    metadata,
    _id(),
    _ref("doc_id", "documents.id", nullable=False, index=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("pattern", sa.Text, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),  # proposed (review changes it)
)

evidence = sa.Table(
    "evidence",
    metadata,
    _id(),
    _ref("doc_id", "documents.id", nullable=False, index=True),
    sa.Column("owner_kind", sa.String(12), nullable=False),  # report | claim | attribution | membership | new_actor
    sa.Column("owner_id", _ID, nullable=False, index=True),
    sa.Column("field", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

# -- strategic developments (added by migration 0009) ------------------------------------------------


def _development_columns(*, report: bool) -> list[sa.Column]:
    """What a development says (a report's and the canonical record's columns alike; fresh objects)."""
    return [
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, index=True),
        sa.Column("date", sa.Date, index=not report),
        sa.Column("date_precision", sa.String(8)),
        *([sa.Column("date_basis", sa.String(12))] if report else []),
        sa.Column("place_name", sa.Text),
        *([sa.Column("place_id", sa.Text)] if report else []),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("country", sa.String(2)),
        sa.Column("channel", sa.String(12), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("counterpart", sa.Text),
        sa.Column("counterpart_id", sa.Text),
        sa.Column("condition", sa.Text),
    ]


development_reports = sa.Table(  # one document's account of one announcement
    "development_reports",
    metadata,
    _id(),
    _ref("doc_id", "documents.id", nullable=False, index=True),
    *_development_columns(report=True),
    sa.Column("development_id", _ID, index=True),  # set by reconcile
)

developments = sa.Table(  # one announcement, with every document that reports it
    "developments",
    metadata,
    _id(),
    *_development_columns(report=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("doc_ids", sa.JSON, nullable=False),
    sa.Column("conflicts", sa.JSON, nullable=False),  # {field: [{value, doc_ids}]} where sources disagree
    sa.Column("status", sa.String(12), nullable=False),  # unreviewed | confirmed | rejected (analysts)
)

development_status = sa.Table(  # analysts' decisions on developments (review_actions holds the log)
    "development_status",
    metadata,
    sa.Column("development_id", _ID, primary_key=True),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("action_id", sa.Integer, nullable=False),
)

# -- knowledge base -----------------------------------------------------------------------------

kb_meta = sa.Table(
    "kb_meta",
    metadata,
    sa.Column("key", sa.String(40), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

kb_actors = sa.Table(
    "kb_actors",
    metadata,
    _id(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("country", sa.String(2)),
    sa.Column("description", sa.Text, nullable=False, default=""),
)

kb_aliases = sa.Table(
    "kb_aliases",
    metadata,
    _ref("actor_id", "kb_actors.id", primary_key=True),
    sa.Column("alias", sa.Text, primary_key=True),
    sa.Column("lang", sa.String(8), primary_key=True),  # en | ar | fr | abbr
)

kb_relations = sa.Table(
    "kb_relations",
    metadata,
    sa.Column("subject", _ID, primary_key=True),
    sa.Column("predicate", sa.String(16), primary_key=True),
    sa.Column("object", _ID, primary_key=True),
    sa.Column("confidence", sa.String(10), nullable=False),
    sa.Column("start", sa.String(10)),
    sa.Column("end", sa.String(10)),
    sa.Column("evidence", sa.Text, nullable=False, default=""),
)

kb_places = sa.Table(
    "kb_places",
    metadata,
    _id(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("latitude", sa.Float, nullable=False),
    sa.Column("longitude", sa.Float, nullable=False),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.Text),
    sa.Column("aliases", sa.JSON, nullable=False),
)

# -- canonical (reconcile writes these; everything here can be recomputed) -----------------------

events = sa.Table(
    "events",
    metadata,
    _id(),
    sa.Column("event_type", sa.Text, nullable=False),
    sa.Column("sub_event_type", sa.Text, nullable=False),
    sa.Column("date", sa.Date),
    sa.Column("date_precision", sa.String(8)),
    sa.Column("date_low", sa.Date),
    sa.Column("date_high", sa.Date),
    sa.Column("place_name", sa.Text),
    sa.Column("place_id", sa.Text),
    sa.Column("latitude", sa.Float),  # plain columns: the SQLite file maps in QGIS / Datasette
    sa.Column("longitude", sa.Float),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.Text),
    sa.Column("geo_precision", sa.String(10)),
    sa.Column("weapons", sa.JSON, nullable=False),
    sa.Column("actors", sa.JSON, nullable=False),
    sa.Column("claimed_by", sa.JSON, nullable=False),
    sa.Column("attributed_to", sa.JSON, nullable=False),
    sa.Column("target", sa.Text),
    sa.Column("vessel", sa.JSON),  # the ship hit, as most reports name it (added by migration 0011)
    sa.Column("fatalities", sa.Integer),
    sa.Column("fatalities_low", sa.Integer),
    sa.Column("fatalities_high", sa.Integer),
    sa.Column("injuries", sa.Integer),
    sa.Column("injuries_low", sa.Integer),
    sa.Column("injuries_high", sa.Integer),
    sa.Column("n_reports", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("conflicts", sa.JSON, nullable=False),  # names of the fields whose sources disagree
    sa.Column("review_status", sa.String(12), nullable=False),  # unreviewed | confirmed | edited | rejected
    sa.Column("first_reported", sa.Date),
    sa.Column("last_reported", sa.Date),
)
sa.Index("ix_events_date", events.c.date)
sa.Index("ix_events_country", events.c.country)
# added by migration 0005 (listed here so a new database gets them from create_all too)
ix_events_country_date = sa.Index("ix_events_country_date", events.c.country, events.c.date)
ix_events_type_date = sa.Index("ix_events_type_date", events.c.sub_event_type, events.c.date)

event_links = sa.Table(
    "event_links",
    metadata,
    _ref("report_id", "event_reports.id", primary_key=True),
    sa.Column("event_id", _ID, nullable=False, index=True),
    sa.Column("origin", sa.String(8), nullable=False),  # machine | analyst
)

event_fields = sa.Table(
    "event_fields",
    metadata,
    sa.Column("event_id", _ID, primary_key=True),
    sa.Column("field", sa.String(20), primary_key=True),
    sa.Column("value_key", sa.Text, primary_key=True),  # canonical JSON of the value
    sa.Column("value", sa.JSON),
    sa.Column("report_ids", sa.JSON, nullable=False),
    sa.Column("doc_ids", sa.JSON, nullable=False),
    sa.Column("is_consensus", sa.Boolean, nullable=False),
    sa.Column("origin", sa.String(8), primary_key=True),  # machine | analyst
)

actor_edges = sa.Table(
    "actor_edges",
    metadata,
    sa.Column("subject", sa.Text, primary_key=True),  # KB actor id, or the name of an actor not in the KB
    sa.Column("predicate", sa.String(16), primary_key=True),
    sa.Column("object", sa.Text, primary_key=True),
    sa.Column("subject_name", sa.Text, nullable=False),
    sa.Column("object_name", sa.Text, nullable=False),
    sa.Column("confidence", sa.String(10), nullable=False),
    sa.Column("in_kb", sa.Boolean, nullable=False),
    sa.Column("evidence_count", sa.Integer, nullable=False),  # extracted statements
    sa.Column("first_seen", sa.Date),
    sa.Column("last_seen", sa.Date),
    sa.Column("doc_ids", sa.JSON, nullable=False),
    sa.Column("kb_evidence", sa.Text, nullable=False, default=""),
    sa.Column("announced_start", sa.Date),  # migration 0009: an affiliation announced on this day
    sa.Column("announced_end", sa.Date),  # migration 0009: a disaffiliation announced on this day
)

# -- analysts (append-only log + the decisions it implies) ----------------------------------------

review_actions = sa.Table(
    "review_actions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("user", sa.Text, nullable=False),
    sa.Column("action", sa.String(12), nullable=False),  # confirm edit merge split reject reopen undo repair
    sa.Column("event_id", _ID, nullable=False, index=True),
    sa.Column("field", sa.String(20)),
    sa.Column("old_value", sa.JSON),
    sa.Column("new_value", sa.JSON),
    sa.Column("detail", sa.JSON),  # what moved where, values before/after, what undo restores
    sa.Column("note", sa.Text, nullable=False, default=""),
)

analyst_fields = sa.Table(
    "analyst_fields",
    metadata,
    sa.Column("event_id", _ID, primary_key=True),
    sa.Column("field", sa.String(20), primary_key=True),
    sa.Column("value", sa.JSON),
    sa.Column("action_id", sa.Integer, nullable=False),
)

analyst_links = sa.Table(
    "analyst_links",
    metadata,
    sa.Column("report_id", _ID, primary_key=True),
    sa.Column("event_id", _ID, nullable=False, index=True),
    sa.Column("action_id", sa.Integer, nullable=False),
)

analyst_status = sa.Table(
    "analyst_status",
    metadata,
    sa.Column("event_id", _ID, primary_key=True),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("action_id", sa.Integer, nullable=False),
)

analyst_exclusions = sa.Table(  # added by migration 0007
    "analyst_exclusions",
    metadata,
    sa.Column("report_id", _ID, primary_key=True),
    sa.Column("event_id", _ID, primary_key=True),
    sa.Column("action_id", sa.Integer, nullable=False),
)

event_redirects = sa.Table(  # added by migration 0007
    "event_redirects",
    metadata,
    sa.Column("event_id", _ID, primary_key=True),
    sa.Column("target_id", _ID, nullable=False),
    sa.Column("action_id", sa.Integer, nullable=False),
)

# -- bookkeeping -----------------------------------------------------------------------------------

schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("name", sa.String(60), primary_key=True),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)

ingest_runs = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("inputs", sa.JSON, nullable=False),
    sa.Column("extractor_version", sa.String(40), nullable=False),
    sa.Column("kb_version", sa.String(60), nullable=False),
    sa.Column("n_new", sa.Integer, nullable=False, default=0),
    sa.Column("n_duplicate", sa.Integer, nullable=False, default=0),
    sa.Column("n_failed", sa.Integer, nullable=False, default=0),
    sa.Column("events_created", sa.Integer, nullable=False, default=0),
    sa.Column("events_updated", sa.Integer, nullable=False, default=0),
    sa.Column("status", sa.String(12), nullable=False),  # running | finished | failed
)

ingest_ledger = sa.Table(
    "ingest_ledger",
    metadata,
    sa.Column("run_id", sa.Integer, primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),  # input order within the run
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("doc_id", _ID),
    sa.Column("outcome", sa.String(10), nullable=False),  # new | duplicate | failed
)

failed_inputs = sa.Table(
    "failed_inputs",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("exit_code", sa.Integer, nullable=False),
)

# -- watch (added by migration 0008: `claimgraph watch`, saved searches and their alerts) -------------

watch_sources = sa.Table(
    "watch_sources",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("outlet", sa.Text),
    sa.Column("lang", sa.String(8)),
    sa.Column("interval_s", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(8)),  # feed | page, as told by the content of the last good fetch
    sa.Column("etag", sa.Text),  # validators of the last answer whose documents are all stored
    sa.Column("last_modified", sa.Text),
    sa.Column("last_fetch_at", sa.DateTime(timezone=True)),
    sa.Column("last_status", sa.String(16)),  # ok | not_modified | failed | robots
    sa.Column("last_error", sa.Text),
    sa.Column("failures", sa.Integer, nullable=False, default=0),  # in a row; drives the back-off
    sa.Column("next_due_at", sa.DateTime(timezone=True)),
    sa.Column("new_documents", sa.Integer, nullable=False, default=0),  # in all rounds
)

watch_fetches = sa.Table(
    "watch_fetches",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("round_id", sa.Text, nullable=False, index=True),
    sa.Column("source", sa.Text, nullable=False, index=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("http_status", sa.Integer),
    sa.Column("outcome", sa.String(16), nullable=False),  # ok | not_modified | failed | robots
    sa.Column("bytes", sa.Integer, nullable=False, default=0),
    sa.Column("pages", sa.Integer, nullable=False, default=0),  # article pages fetched for its items
    sa.Column("documents", sa.Integer, nullable=False, default=0),  # documents read
    sa.Column("new_documents", sa.Integer),  # set once they are stored
    sa.Column("seconds", sa.Float, nullable=False, default=0.0),
    sa.Column("error", sa.Text),
)

watch_items = sa.Table(  # feed items already stored: their article page is not fetched again
    "watch_items",
    metadata,
    sa.Column("source", sa.Text, primary_key=True),
    sa.Column("item_key", sa.Text, primary_key=True),  # guid / id, else link
    sa.Column("doc_id", _ID, nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

saved_searches = sa.Table(
    "saved_searches",
    metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("filters", sa.JSON, nullable=False),  # the options of `claimgraph events`
    sa.Column("webhook_url", sa.Text),
    sa.Column("secret", sa.Text),  # HMAC-SHA256 key of the webhook signature
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.Text, nullable=False),
)

search_matches = sa.Table(  # what each saved search matched when last checked, and how it stood
    "search_matches",
    metadata,
    sa.Column("search", sa.String(80), primary_key=True),
    sa.Column("event_id", _ID, primary_key=True),
    sa.Column("state", sa.JSON, nullable=False),
    sa.Column("first_matched_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
)

search_alerts = sa.Table(  # one row per change an analyst cares about; sent once
    "search_alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(64), nullable=False, unique=True),
    sa.Column("search", sa.String(80), nullable=False, index=True),
    sa.Column("event_id", _ID, nullable=False),
    sa.Column("changes", sa.JSON, nullable=False),  # [{"kind", "text"}]
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("webhook", sa.String(8), nullable=False),  # none | pending | sent | failed
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("sent_at", sa.DateTime(timezone=True)),
    sa.Column("last_error", sa.Text),
)

WATCH_TABLES = ("watch_sources", "watch_fetches", "watch_items", "saved_searches", "search_matches", "search_alerts")

# -- people (the web app's users; written by `claimgraph users` and by logging in) ----------------

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(80), nullable=False, unique=True),
    sa.Column("role", sa.String(10), nullable=False),  # viewer | analyst | admin
    sa.Column("password_hash", sa.Text, nullable=False),  # scrypt$N$r$p$salt$hash
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # sha256 of the cookie value
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),  # sha256; the token is shown once
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)

#: Tables whose content must be identical after a clean run and after a killed-and-resumed
#: run (or a duplicate ingest): everything but the bookkeeping.
CONTENT_TABLES = tuple(
    t
    for t in metadata.sorted_tables
    if t.name not in {"schema_migrations", "ingest_runs", "ingest_ledger", "users", "sessions", "api_tokens"}
    and t.name not in WATCH_TABLES  # bookkeeping of `watch` (times of fetches and alerts)
)
