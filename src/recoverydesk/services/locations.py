"""Places a SQLite database must not live: cloud-sync folders and network shares.

A SQLite file relies on the local disk's file locks and on nobody else copying it while it
changes. A sync client (OneDrive, Dropbox, Google Drive, iCloud) uploads and replaces the
file behind SQLite's back, and a network share's locks are unreliable, so two desks or a
sync program can corrupt the file and lose check-ins. Several desks share one PostgreSQL
server instead; one desk keeps its file on the PC's own disk.

Standard library only. The mount table is read from ``/proc/mounts`` on Linux and from
``mount`` on macOS; tests pass their own table.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import NamedTuple

from recoverydesk.domain.errors import DatabaseUnavailableError

ALLOW_UNSAFE_ENV = "RECOVERYDESK_ALLOW_UNSAFE_LOCATION"
PROC_MOUNTS = Path("/proc/mounts")
DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive

# (what the person knows it as, a folder name pattern matched whole and ignoring case)
_CLOUD_FOLDERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("OneDrive", re.compile(r"onedrive( - .*|-.*)?")),
    ("Dropbox", re.compile(r"dropbox( \(.*\)|-.*)?")),
    ("Google Drive", re.compile(r"google ?drive(-.*)?|my drive")),
    ("iCloud Drive", re.compile(r"icloud ?drive|mobile documents|com~apple~clouddocs")),
    ("Box", re.compile(r"box sync")),
    # macOS keeps every File Provider sync client's folders in ~/Library/CloudStorage
    ("a cloud storage app", re.compile(r"cloudstorage")),
)

# file system type -> how to name it in the explanation
_NETWORK_FILE_SYSTEMS = {
    "nfs": "an NFS network share",
    "nfs4": "an NFS network share",
    "cifs": "a Windows (SMB) network share",
    "smb3": "a Windows (SMB) network share",
    "smbfs": "a Windows (SMB) network share",
    "afpfs": "an Apple (AFP) network share",
    "webdav": "a WebDAV network folder",
    "davfs": "a WebDAV network folder",
    "fuse.davfs": "a WebDAV network folder",
    "sshfs": "an SSH (sshfs) network folder",
    "fuse.sshfs": "an SSH (sshfs) network folder",
    "fuse.gvfsd-fuse": "a network folder opened by the file manager",
    "fuse.rclone": "a cloud drive (rclone)",
    "9p": "a shared folder of a virtual machine or WSL (9p)",
    "afs": "an AFS network share",
    "ncpfs": "a NetWare network share",
}

_WHY = (
    "Two desks using one SQLite file, or a sync or network program copying it while "
    "RecoveryDesk writes, can corrupt it and lose check-ins."
)
_WHAT = (
    "Keep the database on this PC's own disk (the default data folder) and make off-PC "
    "copies with 'Back up to…'. For several desks, use a PostgreSQL server (see "
    "'Several desks' in the README)."
)


class Mount(NamedTuple):
    """One line of the mount table: where a file system is mounted, and its type."""

    point: str
    fs_type: str


def location_problem(
    path: str | os.PathLike[str], mounts: Sequence[Mount] | None = None
) -> str | None:
    """Why ``path`` is an unsafe place for a SQLite database, or None when it is fine.

    Args:
        path: the database file (it need not exist yet).
        mounts: the mount table to use; the system's own when None (Linux, macOS).
    """
    text = os.fspath(path)
    resolved = _resolved(text)
    for candidate in dict.fromkeys((text, resolved)):
        share = _unc_share(candidate)
        if share:
            return _network(text, f"the network share {share}")
        provider = _cloud_provider(candidate)
        if provider:
            return _cloud(text, provider)
    if _is_mapped_network_drive(resolved):
        return _network(text, f"the network drive {PureWindowsPath(resolved).drive}")
    kind = _network_mount(resolved, _system_mounts() if mounts is None else mounts)
    return _network(text, kind) if kind else None


def refuse_unsafe_location(path: Path | None) -> None:
    """Raise ``DatabaseUnavailableError`` for a SQLite file in a cloud or network folder.

    ``RECOVERYDESK_ALLOW_UNSAFE_LOCATION=1`` skips the check, for someone who knows the
    folder is safe (a sync client paused for good, a share only one PC ever opens).
    """
    if path is None or os.environ.get(ALLOW_UNSAFE_ENV) == "1":
        return
    problem = location_problem(path)
    if problem:
        raise DatabaseUnavailableError(problem)


def parse_mounts(table: str) -> list[Mount]:
    r"""The mounts listed in ``/proc/mounts`` text (octal escapes such as ``\040`` decoded)."""
    found = []
    for line in table.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            found.append(Mount(_unescape(fields[1]), fields[2].lower()))
    return found


def parse_darwin_mounts(output: str) -> list[Mount]:
    """The mounts in macOS ``mount`` output: ``//u@srv/share on /Volumes/share (smbfs, …)``."""
    found = []
    for line in output.splitlines():
        match = re.match(r".* on (.+) \(([^,)]+)", line)
        if match:
            found.append(Mount(match[1], match[2].strip().lower()))
    return found


def _cloud(path: str, provider: str) -> str:
    return (
        f"The database {path} is in a folder synced by {provider}, which copies the file "
        f"while it changes. {_WHY} {_WHAT}"
    )


def _network(path: str, where: str) -> str:
    return f"The database {path} is on {where}. {_WHY} {_WHAT}"


def _resolved(text: str) -> str:
    """``text`` with symbolic links followed (a link into Dropbox is still Dropbox)."""
    try:
        return os.path.realpath(text)
    except (OSError, ValueError):
        return text


def _unc_share(text: str) -> str | None:
    r"""``\\server\share`` when ``text`` is a Windows UNC path (also ``//server/share``)."""
    if not text.startswith(("\\\\", "//")):
        return None
    drive = PureWindowsPath(text).drive
    local_device = re.match(r"^\\\\[?.]\\[a-zA-Z]:", drive)
    if not drive.startswith("\\\\") or local_device:
        return None
    return drive.replace("\\\\?\\UNC\\", "\\\\")


def _cloud_provider(text: str) -> str | None:
    """Who syncs a folder of ``text``; a named client wins over the generic macOS folder."""
    folders = [f.strip().lower() for f in re.split(r"[\\/]", text)[:-1]]
    for provider, pattern in _CLOUD_FOLDERS:
        if any(pattern.fullmatch(folder) for folder in folders):
            return provider
    return None


def _is_mapped_network_drive(text: str) -> bool:
    if sys.platform == "win32":
        import ctypes

        drive = PureWindowsPath(text).drive
        if len(drive) == 2 and drive[1] == ":":
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)
    return False


def _network_mount(text: str, mounts: Sequence[Mount]) -> str | None:
    """What kind of network file system holds ``text``: the longest mount point wins."""
    target = PurePosixPath(text)
    best: Mount | None = None
    for mount in mounts:
        if target.is_relative_to(mount.point) and (
            best is None or len(mount.point) > len(best.point)
        ):
            best = mount
    return _NETWORK_FILE_SYSTEMS.get(best.fs_type) if best else None


def _system_mounts() -> list[Mount]:
    if sys.platform.startswith("linux"):
        try:
            return parse_mounts(PROC_MOUNTS.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return []
    if sys.platform == "darwin":
        try:
            done = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return []
        return parse_darwin_mounts(done.stdout)
    return []


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)
