"""Writing an output file: never onto the workspace, never half-written.

Every file the workbench writes for the user (reports in each format, the PDF, the window's
screenshot) goes through this module:

* `check_output(out, workspace)` refuses, before any work, a path that is the workspace or one
  of its files by any name (a symbolic or hard link, its `-wal`, `-shm` or `-journal`, anything
  in its backups folder), and one whose folder cannot be written.
* `atomic_output(out)` gives a new file in the target's folder; the caller writes and checks it,
  and only when the block ends without an error is it flushed to disk (fsync) and renamed over
  the target. A failure — a full disk, a size limit, an exception — leaves the old file as it
  was and no temporary file behind. A pipe or a device (`-o /dev/null`) is written straight to.

On Linux the new file is made with `O_TMPFILE`: it has no name until it is complete, so even a
process killed with SIGKILL leaves nothing behind. It gets a unique hidden name only for the
instant between `linkat` and `rename`. Where the file system has no `O_TMPFILE` it is a
`tempfile.mkstemp` file (`.report.pdf.XXXXXXXX.tmp`), removed on any error but left by a kill.

Nothing here opens a file that might be a database the process holds (that would drop its
SQLite locks): workspace files are compared with `os.stat` and `os.path.realpath` only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from db.workspace import workspace_files

PROC_FD = Path("/proc/self/fd")  # names an O_TMPFILE file for linkat (see open(2))


class OutputError(OSError):
    """An output that must not or cannot be written; the message names the file."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.errno = code


# --- checks before any work -----------------------------------------------------------------------


def check_output(out: Path, workspace: Path | None = None) -> None:
    """Refuse `out` if it is a file of `workspace`, or cannot be written (checked before any work).

    Raises:
        OutputError: with one line naming the file and why.
    """
    check_not_workspace(out, workspace)
    check_writable(out)


def check_not_workspace(out: Path, workspace: Path | None) -> None:
    """Refuse an output that resolves to the workspace or one of its files, by any name.

    Compares resolved paths (symbolic links, `..`) and, for files that exist, device and inode
    (hard links). Both names of a workspace opened through a symbolic link count, since SQLite
    may put its `-wal` beside either.

    Raises:
        OutputError: "refusing to write report.pdf: it is the workspace ws.db".
    """
    if workspace is None:
        return
    workspace = Path(workspace)
    real = Path(os.path.realpath(out))
    identity = _identity(out)
    for base in dict.fromkeys((workspace, Path(os.path.realpath(workspace)))):
        *files, backups = workspace_files(base)
        for own in files:
            if real == Path(os.path.realpath(own)) or (identity and identity == _identity(own)):
                what = (
                    f"the workspace {workspace}"
                    if own == base
                    else f"{own.name}, a file of the workspace {workspace}"
                )
                raise OutputError(f"refusing to write {out}: it is {what}", errno.EEXIST)
        real_backups = Path(os.path.realpath(backups))
        if real == real_backups or real_backups in real.parents or _is_backup(identity, backups):
            raise OutputError(
                f"refusing to write {out}: it is in {backups.name}, the backups of the workspace {workspace}",
                errno.EEXIST,
            )


def check_writable(out: Path) -> None:
    """Fail early, in one line, when `out` cannot be written (before Qt paints anything)."""
    folder = out.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {out}: no folder {folder}", errno.ENOENT)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write {out}: the folder {folder} is not writable", errno.EACCES)
    if out.is_dir():
        raise OutputError(f"cannot write {out}: it is a folder", errno.EISDIR)


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file; `stat` opens no descriptor, so SQLite's locks are safe."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _is_backup(identity: tuple[int, int] | None, backups: Path) -> bool:
    """Whether the file is one of the backups under another name (a hard link elsewhere)."""
    if identity is None or not backups.is_dir():
        return False
    try:
        entries = list(os.scandir(backups))
    except OSError:
        return False
    return any(_identity(Path(entry.path)) == identity for entry in entries)


# --- writing ----------------------------------------------------------------------------------------


class PendingFile:
    """The new content of one output, not yet visible under its name.

    Attributes:
        out: the path as the user gave it (for messages).
        target: the file that will be replaced (`out` with symbolic links resolved).
        fd: the open descriptor (read and write) to write through.
        stream: the target is a pipe or a device (`/dev/null`, a FIFO): written straight to, as
            there is nothing to replace (renaming over `/dev/null` would replace the device).
    """

    def __init__(self, out: Path) -> None:
        self.out = out
        self.target = Path(os.path.realpath(out))
        self.folder = self.target.parent
        self.name: Path | None = None  # the temporary name (mkstemp only; O_TMPFILE has none)
        self.stream = _is_stream(self.target)
        try:
            if self.stream:
                self.fd = os.open(self.target, os.O_WRONLY)
                return
            self.fd = self._anonymous()
            if self.fd is None:
                fd, name = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".tmp", dir=self.folder)
                self.fd, self.name = fd, Path(name)
        except OSError as exc:
            raise self.error(exc) from exc

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fd, view) :]
        except OSError as exc:
            raise self.error(exc) from exc

    def size(self) -> int:
        return os.fstat(self.fd).st_size

    def expect_size(self, size: int) -> None:
        if not self.stream and self.size() != size:
            raise self.error(f"only {self.size()} of {size} bytes were written")

    def error(self, cause: OSError | str) -> OutputError:
        if isinstance(cause, OSError):
            return OutputError(f"cannot write {self.out}: {cause.strerror or cause}", cause.errno)
        return OutputError(f"cannot write {self.out}: {cause}", errno.EIO)

    def commit(self) -> None:
        """Flush to disk, then put the file in place of the target in one rename."""
        if self.stream:
            self.discard()
            return
        try:
            os.fchmod(self.fd, self._mode())
            os.fsync(self.fd)
            folder_fd = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY)
            try:
                if self.name is None:
                    self.name = self._link(folder_fd)
                os.replace(self.name, self.target)
                self.name = None
                with contextlib.suppress(OSError):  # some file systems cannot sync a folder
                    os.fsync(folder_fd)
            finally:
                os.close(folder_fd)
        except OSError as exc:
            raise self.error(exc) from exc
        finally:
            self.discard()

    def discard(self) -> None:
        """Close and forget the new content (an anonymous file vanishes with its descriptor)."""
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None
        if self.name is not None:
            with contextlib.suppress(OSError):
                self.name.unlink()
            self.name = None

    def _anonymous(self) -> int | None:
        """An O_TMPFILE descriptor in the target's folder, or None where the system has none."""
        flag = getattr(os, "O_TMPFILE", 0)
        if not flag or not PROC_FD.is_dir():
            return None
        try:
            return os.open(self.folder, flag | os.O_RDWR, 0o666)
        except OSError as exc:
            if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
                return None  # the file system (or kernel) does not support it
            raise

    def _link(self, folder_fd: int) -> Path:
        """Give the anonymous file a unique hidden name (the rename needs one)."""
        while True:
            name = f".{self.target.name}.{secrets.token_hex(4)}.tmp"
            try:
                os.link(PROC_FD / str(self.fd), name, dst_dir_fd=folder_fd, follow_symlinks=True)
            except FileExistsError:
                continue
            return self.folder / name

    def _mode(self) -> int:
        """The replaced file's permissions, else what a new file gets (0666 less the umask)."""
        try:
            return stat.S_IMODE(os.stat(self.target).st_mode)
        except OSError:
            return 0o666 & ~_umask()


@contextlib.contextmanager
def atomic_output(out: Path) -> Iterator[PendingFile]:
    """Write `out` all at once: the block writes and checks a PendingFile, which replaces `out`
    only if the block ends without an error. See the module docstring.

    Raises:
        OutputError: the file cannot be written (the message names it); `out` is left as it was.
    """
    pending = PendingFile(out)
    try:
        yield pending
    except BaseException:
        pending.discard()
        raise
    pending.commit()


def write_atomically(out: Path, data: bytes) -> None:
    """Write `data` to `out` through `atomic_output`, checking every byte arrived.

    Qt's writers (QPdfWriter, QImage) paint into a QBuffer and hand the bytes here: they ignore
    failed writes to a file, and QFile forgets its error at its next call, so a full disk would
    pass unnoticed; `os.write` here raises it.
    """
    with atomic_output(out) as pending:
        pending.write(data)
        pending.expect_size(len(data))


def _is_stream(path: Path) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
