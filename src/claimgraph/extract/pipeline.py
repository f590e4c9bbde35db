"""The extractor: one document in, a ``DocumentExtraction`` out, through the stages of ``STAGES``.

One document's state is a ``Reading`` (``extract/reading.py``), made for it and passed through the
stages in order; each stage is ``stage(extractor, reading) -> None`` and its docstring says which fields
of the reading it reads and writes. In order:

``language`` -> ``plain_text`` -> ``blank_metadata_line`` -> ``prescan`` -> ``annotate`` ->
``assumed_publication`` -> ``local_abbreviations`` -> ``new_actors`` -> ``towns`` -> ``dual_places`` ->
``weapon_nationality`` ->
``sponsored_attacks`` -> ``front_labels`` -> ``positions`` -> ``units`` -> ``dates`` -> ``events`` (per unit:
``new_paragraph`` -> ``narrative_only`` -> ``roles`` -> ``sites`` -> ``eventful`` -> ``date_sites`` ->
``new_events`` -> ``follow_up`` -> ``carry_discourse``) -> ``claim_lists`` -> ``quoted_statements`` ->
``struck_lists`` -> ``corrections`` -> ``days_after`` -> ``at_sea`` -> ``hand_down`` -> ``merge`` -> ``framed_attacker``
-> ``launch_country`` -> ``assumed_precision`` -> ``acknowledged`` -> ``struck_side`` -> ``report`` -> ``vessels`` ->
``memberships`` -> ``developments`` -> ``quote_original`` -> ``first_hand``.

The document-wide stages are in ``extract/stages.py``, the per-unit ones in ``extract/events.py``, the
stages of attacks at sea (``positions``, ``at_sea``, ``vessels``) in ``extract/sea.py``, ``front_labels``
and ``days_after`` in ``extract/sequence.py``, ``blank_metadata_line``, ``assumed_publication`` and
``assumed_precision`` (undated texts) in ``extract/undated.py``, ``weapon_nationality`` in
``extract/nationality.py``, ``claim_lists`` and ``struck_lists`` (statements and strikes that list
several operations or places) in ``extract/claimlists.py``, ``struck_side`` in ``extract/targets.py``,
``hand_down`` in ``extract/handdown.py``, ``sponsored_attacks``, ``framed_attacker`` and ``launch_country`` (whose
attacks a report is about) in ``extract/frames.py``, ``developments`` in ``extract/developments.py``. A stage that
finds nothing to read (an empty text, a language with no pack) ends the reading.

The ``Extractor`` holds only what never changes: the KB, the annotator (spaCy matchers built from the
KB), the membership reader and the gazetteer of towns, built once by ``Extractor.build`` and shared by
every document in the process, and by threads: it keeps no state of a document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from claimgraph.extract import cues
from claimgraph.extract import windows as windowing
from claimgraph.extract.claimlists import claim_lists, quoted_statements, struck_lists
from claimgraph.extract.events import (
    carry_discourse,
    corrections,
    date_sites,
    eventful,
    follow_up,
    narrative_only,
    new_events,
    new_paragraph,
    per_unit,
    roles,
    sites,
)
from claimgraph.extract.frames import framed_attacker, launch_country, sponsored_attacks
from claimgraph.extract.handdown import hand_down
from claimgraph.extract.memberships import MembershipReader
from claimgraph.extract.nationality import weapon_nationality
from claimgraph.extract.prescan import Prescan, gate_enabled
from claimgraph.extract.reading import Reading
from claimgraph.extract.sea import at_sea, positions, vessels
from claimgraph.extract.sequence import days_after, front_labels
from claimgraph.extract.stages import (
    acknowledged,
    annotate,
    dates,
    developments,
    dual_places,
    first_hand,
    language,
    local_abbreviations,
    memberships,
    merge,
    new_actors,
    plain_text,
    prescan,
    quote_original,
    report,
    towns,
    units,
)
from claimgraph.extract.targets import struck_side
from claimgraph.extract.undated import assumed_precision, assumed_publication, blank_metadata_line
from claimgraph.models import Document, DocumentExtraction
from claimgraph.nlp.pipeline import Annotator, Mention
from claimgraph.resolve.places import GazetteerPlaces

EXTRACTOR_VERSION = "rules.v1"

Stage = Callable[["Extractor", Reading], None]

# The extraction, in order.
STAGES: tuple[Stage, ...] = (
    language,
    plain_text,
    blank_metadata_line,
    prescan,
    annotate,
    assumed_publication,
    local_abbreviations,
    new_actors,
    towns,
    dual_places,
    weapon_nationality,
    sponsored_attacks,
    front_labels,
    positions,
    units,
    dates,
    per_unit(  # the events stage: these steps on each unit in turn
        new_paragraph,
        narrative_only,
        roles,
        sites,
        eventful,
        date_sites,
        new_events,
        follow_up,
        carry_discourse,
    ),
    claim_lists,
    quoted_statements,
    struck_lists,
    corrections,
    days_after,
    at_sea,
    hand_down,
    merge,
    framed_attacker,
    launch_country,
    assumed_precision,
    acknowledged,
    struck_side,
    report,
    vessels,
    memberships,
    developments,
    quote_original,
    first_hand,
)


def stage_name(stage: Stage) -> str:
    return getattr(stage, "name", None) or stage.__name__


class Extractor:
    """Rule-based extractor; deterministic and explainable. Holds no state of a document: safe to share."""

    version = EXTRACTOR_VERSION

    def __init__(
        self,
        kb,
        annotator: Annotator,
        memberships: MembershipReader,
        towns: GazetteerPlaces | None = None,
        prescan: Prescan | None = None,
        gate: bool = True,
    ):
        self.kb = kb
        self.annotator = annotator
        self.memberships = memberships
        self.towns = towns
        self.prescan = prescan  # says which documents can hold nothing (None: every document is read)
        self.gate = gate  # those documents are returned at once (False: read anyway, to compare)

    @classmethod
    def build(cls, kb=None, gate: bool | None = None) -> Extractor:
        """The extractor of ``kb`` (the built-in KB by default). ``gate``: return documents the pre-scan finds
        nothing in at once (default: on, unless ``CLAIMGRAPH_PRESCAN=off``)."""
        if kb is None:
            from claimgraph.kb import load_kb

            kb = load_kb()
        # every pack answers every cue the stages read: a gap is a load error here, not a surprise mid-document
        cues.check_packs()
        annotator, towns = Annotator.build(kb), GazetteerPlaces(kb)
        gate = gate_enabled() if gate is None else gate
        return cls(kb, annotator, MembershipReader(kb), towns, Prescan(annotator, towns), gate)

    def extract(self, doc: Document) -> DocumentExtraction:
        if len(doc.text) <= windowing.WINDOW_CHARS:
            return self._read(doc)
        # a text longer than any report: read in bounded windows, so that time grows with length
        parts = [(a, self._read(replace(doc, text=doc.text[a:b]))) for a, b in windowing.windows(doc.text)]
        whole = DocumentExtraction(
            doc.id, None, doc.published, extractor_version=self.version, kb_version=self.kb.version
        )
        return windowing.join(parts, whole)

    def _read(self, doc: Document) -> DocumentExtraction:
        out = DocumentExtraction(
            doc.id, None, doc.published, extractor_version=self.version, kb_version=self.kb.version
        )
        reading = Reading(doc=doc, original=doc.text, out=out, places=self.kb.places)
        for stage in STAGES:
            stage(self, reading)
            if reading.done:
                break
        return reading.out

    # -- the KB's actors, for the stages ---------------------------------------
    def name(self, key: str) -> str:
        """An actor's display name (a proposed new actor's is its surface form)."""
        a = self.kb.actors.get(key)
        return a.name if a else key.removeprefix("new:")

    def kind(self, m: Mention) -> str:
        """The kind of the actor a mention names (a proposed new actor is an armed group)."""
        a = self.kb.actors.get(m.key)
        return a.kind if a else "armed_group"

    def generic(self, key: str) -> bool:
        """A generic referent ("Iran-backed militias"): never a claimant nor the antecedent of "they claimed"."""
        return getattr(self.kb.actors.get(key), "generic", False)

    def acting(self, key: str) -> str:
        """A state acts through its default force in armed events (United States -> US forces)."""
        a = self.kb.actors.get(key)
        if a is not None and a.kind == "state" and a.default_force:
            return a.default_force
        return key
