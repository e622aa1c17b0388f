"""One validated copy of the data file: its exact bytes in a sealed in-memory file that every worker reads."""

# No worker ever reads the data file itself: it may have changed since it was checked.

import contextlib
import fcntl
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from app.data.data_file import MAX_FILE_BYTES, DataFileError, LoadedSource, changes_path, load_changes, load_source, parse_source

SEALS = ("F_SEAL_SEAL", "F_SEAL_SHRINK", "F_SEAL_GROW", "F_SEAL_WRITE")


@dataclass(frozen=True)
class Snapshot:
    """The checked bytes of a data file: `fd` for workers to inherit, `path` to read them by, `loaded` as served."""

    source: Path
    changes: Path  # the change log beside the source, checked here, read by each worker at start
    fd: int
    path: Path
    loaded: LoadedSource

    @property
    def version(self) -> str:
        """The dataset version every answer over this snapshot names."""
        return self.loaded.version

    def close(self) -> None:
        """Let the copy go (workers that inherited it keep theirs)."""
        with contextlib.suppress(OSError):
            os.close(self.fd)
        if not self.path.is_relative_to("/proc"):
            self.path.unlink(missing_ok=True)


def take_snapshot(source: Path) -> Snapshot:
    """Read the data file once, check its bytes, and keep them sealed; DataFileError names every problem."""
    raw, modified = read_capped(source)
    parse_source(raw, str(source))  # problems name the file the operator edits
    load_changes(source)
    fd, path = sealed_copy(raw, modified)
    try:
        loaded = load_source(path)  # exactly as every worker will load it: same version, same Last-Modified
    except DataFileError:
        os.close(fd)
        raise
    return Snapshot(source=source, changes=changes_path(source), fd=fd, path=path, loaded=loaded)


def read_capped(path: Path) -> tuple[bytes, float]:
    """The file's bytes and modification time; one too large is refused before a byte of it is read."""
    try:
        with path.open("rb") as file:
            facts = os.fstat(file.fileno())
            if facts.st_size > MAX_FILE_BYTES:
                raise DataFileError([f"{path}:1:1: the file is {facts.st_size} bytes, over the limit of {MAX_FILE_BYTES}"])
            return file.read(MAX_FILE_BYTES + 1), facts.st_mtime
    except OSError as error:
        raise DataFileError([f"{path}:1:1: cannot read the file: {error.strerror}"]) from None


def sealed_copy(raw: bytes, modified: float) -> tuple[int, Path]:
    """The bytes in a memory file nobody can change (Linux memfd, sealed), else in a private read-only temp file."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("lnst-data-snapshot", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
        path = Path(f"/proc/self/fd/{fd}")  # the same number in every worker: it is passed on as this fd
    else:  # pragma: no cover - not Linux
        fd, name = tempfile.mkstemp(prefix="lnst-data-snapshot-", suffix=".yaml")
        path = Path(name)
    view = memoryview(raw)
    while view:
        view = view[os.write(fd, view) :]
    os.utime(fd, (modified, modified))  # Last-Modified falls back to the file's own time
    if hasattr(os, "memfd_create"):
        seals = 0
        for name in SEALS:
            seals |= getattr(fcntl, name)
        fcntl.fcntl(fd, fcntl.F_ADD_SEALS, seals)
    else:  # pragma: no cover - not Linux
        os.chmod(path, 0o400)
    return fd, path
