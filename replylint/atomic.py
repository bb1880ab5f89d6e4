"""Writing a file so that a crash (even SIGKILL) leaves it either as it was or fully written.

The new content goes to a temporary file in the target's own folder, is flushed to disk and
renamed over the target.  The target keeps its mode, owner, group and extended attributes; a
symlink is followed, so the file it points to is rewritten and the link stays a link.  What
cannot be done safely is refused with a one-line cause (``WriteRefused``): a read-only file or
folder, a file with several hard links (a rename would split them), a file owned by someone
whose ownership we cannot keep, anything that is not a regular file.

On Linux the temporary file is created with ``O_TMPFILE`` (nameless until the last moment), so
a killed run leaves nothing behind; elsewhere it has a name ``.NAME.replylint-tmp-XXXX`` that
the next write to the same file removes if a killed run left it.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile

TMP_MARK = ".replylint-tmp-"


class WriteRefused(Exception):
    """The one-line reason a file was not written."""


_CAUSES = {
    errno.EACCES: "permission denied", errno.EPERM: "operation not permitted",
    errno.EROFS: "read-only file system", errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded", errno.EISDIR: "is a folder",
    errno.ENOENT: "its folder does not exist", errno.ENOTDIR: "a parent is not a folder",
    errno.ENAMETOOLONG: "file name too long", errno.ELOOP: "too many levels of symlinks",
    errno.ETXTBSY: "file is busy", errno.EIO: "input/output error",
}


def cause(e: OSError) -> str:
    """A short human cause for an OSError (never the raw exception text)."""
    return _CAUSES.get(e.errno) or (e.strerror or type(e).__name__).lower()


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)       # no /proc: read it by setting it (restored at once)
    os.umask(old)
    return old


def _writable_bits(st) -> bool:
    return bool(st.st_mode & 0o222)


def check_writable(path: str) -> tuple[str, os.stat_result | None]:
    """The real file behind ``path`` and its stat (None if it does not exist yet), or
    ``WriteRefused`` when it must not be replaced.  Mode bits are honoured even for root: a
    0444 file or a 0555 folder was made read-only on purpose."""
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise WriteRefused(cause(e)) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise WriteRefused("is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise WriteRefused("not a regular file")
        if not _writable_bits(st) or not os.access(target, os.W_OK):
            raise WriteRefused("read-only file")
        if st.st_nlink > 1:
            raise WriteRefused(f"the file has {st.st_nlink} hard links, which a safe rewrite "
                               "would split")
    folder = os.path.dirname(target) or "."
    try:
        dst = os.stat(folder)
    except OSError as e:
        raise WriteRefused(cause(e)) from None
    if not _writable_bits(dst) or not os.access(folder, os.W_OK | os.X_OK):
        raise WriteRefused("its folder is read-only")
    return target, st


def _copy_xattrs(src: str, fd: int) -> None:
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(src)
    except OSError:
        return
    for name in names:
        try:
            os.setxattr(fd, name, os.getxattr(src, name))
        except OSError:
            pass        # best effort: an attribute we may not set (security.*) stays the system's


def _remove_stale(folder: str, name: str) -> None:
    prefix = f".{name}{TMP_MARK}"
    try:
        entries = os.listdir(folder)
    except OSError:
        return
    for entry in entries:
        if entry.startswith(prefix):
            try:
                os.unlink(os.path.join(folder, entry))
            except OSError:
                pass


def write_atomic(path: str, data: bytes) -> None:
    """Replace (or create) the file at ``path`` with ``data``; ``WriteRefused`` with a one-line
    cause when it cannot be done safely.  Nothing is left behind on failure."""
    target, st = check_writable(path)
    folder, name = os.path.split(target)
    folder = folder or "."
    _remove_stale(folder, name)
    try:
        if getattr(os, "O_TMPFILE", 0) and os.path.isdir("/proc/self/fd"):
            try:
                fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
            except OSError as e:
                if e.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                    raise
            else:
                _finish(fd, None, data, target, st)
                return
        fd, tmp = tempfile.mkstemp(prefix=f".{name}{TMP_MARK}", dir=folder)
        _finish(fd, tmp, data, target, st)
    except OSError as e:
        raise WriteRefused(cause(e)) from None


def _finish(fd: int, tmp: str | None, data: bytes, target: str, st) -> None:
    """Fill the temporary file, give it the target's owner, mode and attributes, flush it and
    rename it over the target; on any failure remove it."""
    folder, name = os.path.split(target)
    folder = folder or "."
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if st is not None:
            if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.fchown(fd, st.st_uid, st.st_gid)
                except PermissionError:
                    raise WriteRefused("owned by another user or group, which a rewrite "
                                       "could not keep") from None
            os.fchmod(fd, stat.S_IMODE(st.st_mode))
            _copy_xattrs(target, fd)
        else:
            os.fchmod(fd, 0o666 & ~_umask())
        os.fsync(fd)
        if tmp is None:     # a nameless O_TMPFILE file gets a name only for the rename
            tmp = os.path.join(folder, f".{name}{TMP_MARK}{os.getpid()}")
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
            dfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:   # with a dir fd os.link is linkat(AT_SYMLINK_FOLLOW): it links the open file
                os.link(f"/proc/self/fd/{fd}", os.path.basename(tmp), dst_dir_fd=dfd)
            finally:
                os.close(dfd)
        os.replace(tmp, target)
        tmp = None
        _fsync_folder(folder)
    finally:
        os.close(fd)
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _fsync_folder(folder: str) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
