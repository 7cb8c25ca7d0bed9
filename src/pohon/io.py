"""Writing output files: atomic, never over an existing file unless asked, never over anything
but a regular file, and never a traceback.

- The data goes to a temporary file in the target's folder (mode 0600 while written), which
  then takes the target's place: a new file is created **exclusively** (``os.link`` of the
  temporary file, which fails when the name exists, so two runs cannot both "create" it; where
  a file system has no hard links, ``O_CREAT | O_EXCL``); with ``force`` an existing file is
  replaced in one rename (``os.replace``).
- Only regular files are written or replaced: a folder, device, pipe or socket is refused,
  with ``force`` too. A symbolic link is replaced itself (like ``sed -i``), never written through.
- A replaced file keeps its permissions (a 0600 file stays 0600) and, where allowed, its owner;
  a new file gets 0666 less the umask, like any program's output.
- What the system refuses (full disk, read-only file system, no permission, a path through a
  file, a name too long) is a :class:`PohonError` naming the file (exit 2), and no file changes.
"""

from __future__ import annotations

import errno
import os
import stat

from pohon.diagnostics import Term
from pohon.errors import PohonError

_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK, errno.EXDEV,
                  errno.EACCES}


def _kind(mode: int) -> str | None:
    """The message key naming what a non-regular file is (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "write_jenis_folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "write_jenis_perangkat"
    if stat.S_ISFIFO(mode):
        return "write_jenis_pipa"
    if stat.S_ISSOCK(mode):
        return "write_jenis_soket"
    return "write_jenis_lain"


def _not_a_folder(path: Path) -> Path:
    """The first ancestor of ``path`` that exists and is not a folder (for the message)."""
    for parent in reversed(path.parents):
        if parent.exists() and not parent.is_dir():
            return parent
    return path.parent


def _failed(path: Path, exc: OSError) -> PohonError:
    """A :class:`PohonError` naming ``path`` and saying, in the reader's language, why it cannot be written."""
    code = exc.errno
    folder = str(path.parent)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        reason = Term("write_penuh")
    elif code == errno.EROFS:
        reason = Term("write_hanya_baca")
    elif code in (errno.EACCES, errno.EPERM):
        reason = Term.of("write_izin", folder=folder)
    elif code in (errno.ENOTDIR, errno.EEXIST) and not path.parent.is_dir():
        reason = Term.of("write_bukan_folder", folder=str(_not_a_folder(path)))
    elif code == errno.ENAMETOOLONG:
        reason = Term("write_nama_panjang")
    elif code == errno.EISDIR:
        return PohonError("write_bukan_berkas", path=str(path), what=Term("write_jenis_folder"))
    else:
        reason = Term.of("write_lain", error=exc.strerror or str(exc))
    return PohonError("write_gagal", path=str(path), reason=reason)


def _existing(path: Path) -> os.stat_result | None:
    """The target's status (through a link), None when there is nothing there; refuses non-regular files."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a link loop: there is a name, and nothing to keep
            return None
        raise _failed(path, exc) from None
    kind = _kind(st.st_mode)
    if kind is not None:
        raise PohonError("write_bukan_berkas", path=str(path), what=Term(kind))
    return st


def ensure_writable(path: str | os.PathLike, force: bool) -> None:
    """Refuse early: a target that is not a regular file, or that exists without ``force``."""
    from pathlib import Path  # not at module level: reading a tree (on every check) needs none of it

    target = Path(path)
    st = _existing(target)
    if (st is not None or os.path.lexists(target)) and not force:
        raise PohonError("output_exists", path=str(target))


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _temp_file(folder: Path, name: str, data: bytes, mode: int) -> Path:
    """A new file beside the target holding ``data`` with permissions ``mode``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = folder / f".{name[:40]}.{os.urandom(4).hex()}.tmp"
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileExistsError:
            continue
        break
    else:  # pragma: no cover - 100 random names taken
        raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _create_exclusively(tmp: Path, target: Path, data: bytes, mode: int) -> None:
    """``tmp`` becomes ``target`` only if no ``target`` exists (hard link; else O_EXCL)."""
    try:
        os.link(tmp, target)
        return
    except FileExistsError:
        raise PohonError("output_exists", path=str(target)) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(target, flags, mode)
    except FileExistsError:
        raise PohonError("output_exists", path=str(target)) from None
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def write_bytes(path: str | os.PathLike, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically; refuse to overwrite without ``force`` and to write
    anything but a regular file at all."""
    from pathlib import Path

    target = Path(path)
    ensure_writable(target, force)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _failed(target, exc) from None
    tmp = None
    try:
        old = _existing(target)
        mode = stat.S_IMODE(old.st_mode) if old is not None else 0o666 & ~_umask()
        tmp = _temp_file(target.parent, target.name, data, mode)
        if old is not None and hasattr(os, "chown") and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
            try:  # keep the owner where the system lets us (root), else the file is ours
                os.chown(tmp, old.st_uid, old.st_gid)
                os.chmod(tmp, mode)  # chown clears set-id bits
            except OSError:
                pass
        if force:
            _existing(target)  # once more just before: nothing but a regular file is replaced
            os.replace(tmp, target)
        else:  # fails if the name was taken meanwhile (another run)
            _create_exclusively(tmp, target, data, mode)
    except OSError as exc:
        raise _failed(target, exc) from None
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
    return target


def write_text(path: str | os.PathLike, text: str, force: bool = False) -> Path:
    return write_bytes(path, text.encode("utf-8"), force)


class ReadError(PohonError):
    """A file that :func:`read_limited` would not or could not read. ``reason`` (a
    :class:`pohon.diagnostics.Term`) says why; ``size`` is the file's size when it is over the limit
    (None when only reading showed it: a file that grows, or reports size 0)."""

    def __init__(self, path: str, reason, too_large: bool = False, size: int | None = None) -> None:
        super().__init__("cannot_read", exit_code=2, path=path, reason=reason)
        self.path, self.reason, self.too_large, self.size = path, reason, too_large, size


def read_limited(path: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes`` of them.

    Anything but a regular file (after symlinks) is refused before it is opened: a device such
    as ``/dev/zero``, a FIFO or ``/dev/stdin`` would hang or never end. The limit is enforced
    while reading, not only by the size the file reports (``/proc`` files report 0, a file may
    grow). Raises :class:`ReadError` (a :class:`PohonError`, exit 2) for every problem.
    """
    from pohon.diagnostics import os_problem

    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if "\x00" in name:
        raise ReadError(name, Term("read_nul_in_name"))

    def refuse(st: os.stat_result) -> None:
        if not stat.S_ISREG(st.st_mode):
            kind = ("read_kind_dir" if stat.S_ISDIR(st.st_mode) else "read_kind_fifo" if stat.S_ISFIFO(st.st_mode)
                    else "read_kind_chardev" if stat.S_ISCHR(st.st_mode) else "read_kind_blockdev"
                    if stat.S_ISBLK(st.st_mode) else "read_kind_socket" if stat.S_ISSOCK(st.st_mode)
                    else "read_kind_other")
            raise ReadError(name, Term.of("read_not_regular", kind=Term(kind)))
        if st.st_size > max_bytes:
            raise ReadError(name, Term.of("read_too_large", limit=max_bytes), too_large=True, size=st.st_size)

    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        refuse(os.stat(name))
        fd = os.open(name, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ReadError(name, os_problem(exc)) from None
    try:
        st = os.fstat(fd)
        refuse(st)  # the file may have been swapped between stat and open
        chunks, total = [], 0
        want = min(st.st_size, max_bytes) + 1
        while True:
            chunk = os.read(fd, want)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise ReadError(name, Term.of("read_too_large", limit=max_bytes), too_large=True)
            want = min(1 << 20, max_bytes + 1 - total)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as exc:
        raise ReadError(name, os_problem(exc)) from None
    finally:
        os.close(fd)
