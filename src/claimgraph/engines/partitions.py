"""Split the inputs of a run into partitions that a worker reads by itself.

The driver never reads documents for a distributed run: it lists files (as the local reader
would: directories recursively in sorted order, hidden entries and files of other types
skipped) and cuts ``.jsonl`` files into byte ranges that start at a line boundary, counting
lines so that error messages and default ids (``path:LINE``) are those of a local run.
Small files are grouped, ``files_per_partition`` at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.sources.files import FORMAT_OF_SUFFIX

DEFAULT_PARTITION_BYTES = 4 * 1024 * 1024
DEFAULT_FILES_PER_PARTITION = 64


@dataclass(frozen=True, slots=True)
class Partition:
    """Files read whole, or one byte range of a ``.jsonl`` file."""

    files: tuple[str, ...] = ()
    jsonl: str | None = None
    start: int = 0
    end: int | None = None
    first_line: int = 1
    index: int = 0

    @property
    def label(self) -> str:
        if self.jsonl:
            return f"{self.jsonl}[{self.start}:{self.end}]"
        return f"{len(self.files)} file(s) from {self.files[0]}" if self.files else "empty"


@dataclass(slots=True)
class _Planner:
    input_format: str
    partition_bytes: int
    files_per_partition: int
    group: list[str] = field(default_factory=list)
    count: int = 0

    def _next(self, **kw) -> Partition:
        p = Partition(index=self.count, **kw)
        self.count += 1
        return p

    def flush(self) -> Iterator[Partition]:
        if self.group:
            yield self._next(files=tuple(self.group))
            self.group = []

    def file(self, path: Path, explicit: bool) -> Iterator[Partition]:
        kind = self.input_format if self.input_format != "auto" else FORMAT_OF_SUFFIX.get(path.suffix.lower())
        if kind == "jsonl" and path.is_file() and path.stat().st_size > self.partition_bytes:
            yield from self.flush()
            yield from self._ranges(path)
            return
        if kind is None and not explicit:
            return  # a file of another type inside a directory: skipped, as the local reader does
        self.group.append(str(path))
        if len(self.group) >= self.files_per_partition:
            yield from self.flush()

    def _ranges(self, path: Path) -> Iterator[Partition]:
        size = path.stat().st_size
        start, line = 0, 1
        with path.open("rb") as fh:
            while start < size:
                target = min(size, start + self.partition_bytes)
                fh.seek(start)
                chunk = fh.read(target - start)
                if target < size:
                    rest = fh.readline()  # up to the end of the line the cut falls in
                    chunk += rest
                end = start + len(chunk)
                yield self._next(jsonl=str(path), start=start, end=end, first_line=line)
                line += chunk.count(b"\n")
                start = end


def plan_partitions(
    paths: Iterable[str | Path],
    *,
    input_format: str = "auto",
    partition_bytes: int = DEFAULT_PARTITION_BYTES,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
) -> Iterator[Partition]:
    """Partitions covering ``paths`` in the order a local run reads them."""
    planner = _Planner(input_format, partition_bytes, files_per_partition)
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(planner, path, set())
        else:
            yield from planner.file(path, explicit=True)  # missing files: the worker reports them
    yield from planner.flush()


def _walk(planner: _Planner, directory: Path, seen: set[Path]) -> Iterator[Partition]:
    real = directory.resolve()
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError:
        yield from planner.file(directory, explicit=True)  # the worker reports the error
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(planner, entry, seen)
        elif entry.is_file():
            yield from planner.file(entry, explicit=planner.input_format != "auto")
