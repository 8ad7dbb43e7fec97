"""Every file a command writes is owner-only whatever the umask, never replaces something that
is not a regular file, and replaces an existing file only with --force (issue 8, item 3)."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from groupwork.cli import cli
from groupwork.store import Store

REFUSED_EXISTING = "already exists; use --force to replace it"
REFUSED_SPECIAL = "exists and is not a regular file"


@pytest.fixture
def filled_db(db_path):
    from review_fixture import build_small_group

    with Store.open(db_path) as store:
        build_small_group(store)
    return db_path


@pytest.fixture
def open_umask():
    old = os.umask(0o000)
    yield
    os.umask(old)


def run(db, *args):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


WRITERS = {
    "review-md": ["review", "กลุ่มทานตะวัน", "--format", "md"],
    "review-html": ["review", "กลุ่มทานตะวัน", "--format", "html"],
    "review-docx": ["review", "กลุ่มทานตะวัน", "--format", "docx", "--lang", "en"],
    "chart-svg": ["chart", "กลุ่มทานตะวัน", "attendance"],
    "chart-png": ["chart", "กลุ่มทานตะวัน", "attendance"],
    "export": ["export", "กลุ่มทานตะวัน"],
    "export-pseudonymised": ["export", "กลุ่มทานตะวัน", "--pseudonymise"],
}
SUFFIX = {"review-md": ".md", "review-docx": ".docx", "chart-png": ".png", "chart-svg": ".svg"}


def _target(tmp_path, name):
    return tmp_path / f"out-{name}{SUFFIX.get(name, '.html' if 'review' in name else '.json')}"


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_written_file_is_owner_only_and_replaced_only_with_force(
    filled_db, tmp_path, open_umask, name
):
    out = _target(tmp_path, name)
    first = run(filled_db, *WRITERS[name], "--out", str(out))
    assert first.exit_code == 0, first.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    before = out.read_bytes()

    again = run(filled_db, *WRITERS[name], "--out", str(out))
    assert again.exit_code == 1 and REFUSED_EXISTING in again.output
    assert out.read_bytes() == before  # untouched

    out.chmod(0o644)  # a file someone made readable is made private again when replaced
    forced = run(filled_db, *WRITERS[name], "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_default_review_file_is_not_replaced_without_force(filled_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(filled_db, "review", "กลุ่มทานตะวัน", "--format", "md").exit_code == 0
    [written] = tmp_path.glob("review-*.md")
    again = run(filled_db, "--lang", "th", "review", "กลุ่มทานตะวัน", "--format", "md", "--lang", "en")
    assert again.exit_code == 1 and "--force" in again.output
    assert "อยู่แล้ว ใช้ --force" in again.output  # the same rule, in Thai
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


def _special_files(tmp_path):
    fifo = tmp_path / "fifo.svg"
    os.mkfifo(fifo)
    found = [fifo]
    device = tmp_path / "null.svg"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
        found.append(device)
    except (PermissionError, OSError):
        pass  # not allowed here (not root, or a container without mknod): the FIFO still runs
    return found


@pytest.mark.parametrize("force", [False, True])
def test_out_never_replaces_a_device_node_or_fifo(filled_db, tmp_path, force):
    extra = ["--force"] if force else []
    for special in _special_files(tmp_path):
        kind = stat.S_IFMT(special.lstat().st_mode)
        for args in (WRITERS["chart-svg"], WRITERS["export"], WRITERS["review-md"]):
            result = run(filled_db, *args, "--out", str(special), *extra)
            assert result.exit_code == 1, result.output
            assert REFUSED_SPECIAL in result.output
            assert stat.S_IFMT(special.lstat().st_mode) == kind  # still the FIFO / device


def test_write_atomically_itself_refuses_a_fifo(tmp_path):
    from groupwork.files import OutputRefused, write_atomically

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputRefused):
        write_atomically(fifo, "x")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
