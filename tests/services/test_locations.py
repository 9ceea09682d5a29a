"""Unsafe places for the database: cloud-sync folders and network shares are refused."""

import sys
from pathlib import Path

import pytest

from recoverydesk.domain.errors import DatabaseUnavailableError
from recoverydesk.services import locations
from recoverydesk.services.container import open_services
from recoverydesk.services.locations import (
    ALLOW_UNSAFE_ENV,
    Mount,
    location_problem,
    parse_darwin_mounts,
    parse_mounts,
)

LOCAL_ONLY = [Mount("/", "ext4")]

# A Linux mount table as /proc/mounts shows it (a space in a mount point is \040).
PROC_MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
tmpfs /tmp tmpfs rw,nosuid,nodev 0 0
fileserver:/export/centre /mnt/centre nfs4 rw,relatime,vers=4.2 0 0
//nas/desk /mnt/nas\\040share cifs rw,relatime,vers=3.1.1 0 0
/dev/sdb1 /mnt/centre/local-disk ext4 rw,relatime 0 0
user@host:/srv /home/ana/remote fuse.sshfs rw,nosuid,nodev 0 0
"""


@pytest.mark.parametrize(
    ("path", "provider"),
    [
        ("/home/ana/OneDrive/RecoveryDesk/site.sqlite3", "OneDrive"),
        (r"C:\Users\ana\OneDrive - Hope Centre\site.sqlite3", "OneDrive"),
        ("/home/ana/onedrive/site.sqlite3", "OneDrive"),
        ("/home/ana/Dropbox/site.sqlite3", "Dropbox"),
        ("/home/ana/Dropbox (Hope Centre)/desk/site.sqlite3", "Dropbox"),
        (r"G:\My Drive\site.sqlite3", "Google Drive"),
        ("/Users/ana/Google Drive/site.sqlite3", "Google Drive"),
        ("/Users/ana/GoogleDrive/site.sqlite3", "Google Drive"),
        (r"C:\Users\ana\iCloudDrive\site.sqlite3", "iCloud Drive"),
        ("/Users/ana/iCloud Drive/site.sqlite3", "iCloud Drive"),
        ("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/site.sqlite3", "iCloud Drive"),
        (r"C:\Users\ana\Box Sync\site.sqlite3", "Box"),
        ("/Users/ana/Library/CloudStorage/OneDrive-Personal/site.sqlite3", "OneDrive"),
        ("/Users/ana/Library/CloudStorage/SomeSync-ana/site.sqlite3", "a cloud storage app"),
    ],
)
def test_cloud_sync_folders_are_named_and_explained(path: str, provider: str) -> None:
    problem = location_problem(path, mounts=LOCAL_ONLY)
    assert problem is not None
    assert f"in a folder synced by {provider}," in problem
    assert "corrupt" in problem and "PostgreSQL" in problem and "Several desks" in problem
    assert "Back up to" in problem and "own disk" in problem


@pytest.mark.parametrize(
    "path",
    [
        "/home/ana/RecoveryDesk/site.sqlite3",
        r"C:\Users\ana\AppData\Local\RecoveryDesk\site.sqlite3",
        "/home/ana/Dropboxes-old/site.sqlite3",
        "/home/ana/notes-about-onedrive/site.sqlite3",
        "/srv/data/Dropbox.sqlite3",
        r"\\?\C:\RecoveryDesk\site.sqlite3",
    ],
)
def test_ordinary_local_paths_are_fine(path: str) -> None:
    assert location_problem(path, mounts=LOCAL_ONLY) is None


def test_this_test_folder_is_fine(tmp_path: Path) -> None:
    assert location_problem(tmp_path / "site.sqlite3") is None


@pytest.mark.parametrize(
    ("path", "share"),
    [
        (r"\\fileserver\centre\site.sqlite3", r"\\fileserver\centre"),
        ("//fileserver/centre/site.sqlite3", r"\\fileserver\centre"),
        (r"\\?\UNC\fileserver\centre\site.sqlite3", r"\\fileserver\centre"),
    ],
)
def test_windows_network_shares_are_refused(path: str, share: str) -> None:
    problem = location_problem(path, mounts=LOCAL_ONLY)
    assert problem is not None
    assert f"on the network share {share}." in problem
    assert "Two desks" in problem and "PostgreSQL" in problem


def test_mount_table_is_parsed_with_escapes() -> None:
    mounts = parse_mounts(PROC_MOUNTS)
    assert Mount("/mnt/nas share", "cifs") in mounts
    assert Mount("/home/ana/remote", "fuse.sshfs") in mounts


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/mnt/centre/site.sqlite3", "an NFS network share"),
        ("/mnt/centre/sub/dir/site.sqlite3", "an NFS network share"),
        ("/mnt/nas share/site.sqlite3", "a Windows (SMB) network share"),
        ("/home/ana/remote/site.sqlite3", "an SSH (sshfs) network folder"),
    ],
)
def test_network_mounts_on_linux_are_refused(path: str, kind: str) -> None:
    problem = location_problem(path, mounts=parse_mounts(PROC_MOUNTS))
    assert problem is not None and f"is on {kind}." in problem


@pytest.mark.parametrize(
    "path",
    [
        "/mnt/centre/local-disk/site.sqlite3",  # a local disk mounted inside the share
        "/mnt/centre-old/site.sqlite3",  # a sibling whose name starts the same
        "/tmp/site.sqlite3",
        "/home/ana/site.sqlite3",
    ],
)
def test_longest_mount_point_wins(path: str) -> None:
    assert location_problem(path, mounts=parse_mounts(PROC_MOUNTS)) is None


@pytest.mark.parametrize("fs_type", ["nfs", "cifs", "smb3", "smbfs", "davfs", "9p", "sshfs"])
def test_every_network_file_system_type_is_known(fs_type: str) -> None:
    mounts = [Mount("/", "ext4"), Mount("/srv/shared", fs_type)]
    assert location_problem("/srv/shared/site.sqlite3", mounts=mounts) is not None


def test_macos_mount_output_is_parsed() -> None:
    output = (
        "/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
        "//ana@nas/desk on /Volumes/desk (smbfs, nodev, nosuid, mounted by ana)\n"
    )
    mounts = parse_darwin_mounts(output)
    assert mounts == [Mount("/", "apfs"), Mount("/Volumes/desk", "smbfs")]
    assert "SMB" in (location_problem("/Volumes/desk/site.sqlite3", mounts=mounts) or "")


def test_a_link_into_a_cloud_folder_is_followed(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox" / "desk"
    synced.mkdir(parents=True)
    link = tmp_path / "data"
    link.symlink_to(synced, target_is_directory=True)
    assert "Dropbox" in (location_problem(link / "site.sqlite3", mounts=LOCAL_ONLY) or "")


def test_open_services_refuses_a_cloud_folder_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "Dropbox" / "RecoveryDesk" / "site.sqlite3"
    with pytest.raises(DatabaseUnavailableError) as refused:
        open_services(target)
    message = str(refused.value)
    assert "in a folder synced by Dropbox" in message and "PostgreSQL" in message
    assert "Traceback" not in message and "\n" not in message
    assert not (tmp_path / "Dropbox").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/mounts")
def test_open_services_refuses_a_network_mount(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    table = tmp_path / "mounts"
    table.write_text(f"/dev/vda / ext4 rw 0 0\nsrv:/export {share} nfs rw 0 0\n")
    monkeypatch.setattr(locations, "PROC_MOUNTS", table)
    with pytest.raises(DatabaseUnavailableError, match="NFS network share"):
        open_services(share / "site.sqlite3")
    assert not share.exists()


def test_the_escape_hatch_allows_a_cloud_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ALLOW_UNSAFE_ENV, "1")
    target = tmp_path / "OneDrive" / "site.sqlite3"
    services = open_services(target)
    services.close()
    assert target.exists()


def test_the_escape_hatch_needs_exactly_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOW_UNSAFE_ENV, "yes please")
    with pytest.raises(DatabaseUnavailableError):
        open_services(tmp_path / "OneDrive" / "site.sqlite3")


def test_a_server_url_has_no_file_to_check() -> None:
    assert locations.refuse_unsafe_location(None) is None
