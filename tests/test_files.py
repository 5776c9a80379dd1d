from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sicoach.files import write_atomically


def test_writes_the_whole_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    write_atomically(target, b"%PDF-1.7 whole")
    assert target.read_bytes() == b"%PDF-1.7 whole"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def test_missing_folder_raises_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomically(tmp_path / "no-such-folder" / "plan.pdf", b"data")
    assert list(tmp_path.iterdir()) == []


def test_failed_rename_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.mkdir()
    with pytest.raises(OSError):
        write_atomically(target, b"data")
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]


def test_a_new_file_gets_the_usual_permissions_and_a_replaced_file_keeps_its_own(
    tmp_path: Path,
) -> None:
    new = tmp_path / "new.pdf"
    write_atomically(new, b"data")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.ics"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_atomically(kept, b"new")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
