"""Encryption at rest: no personal text in the file's bytes; passphrases fail cleanly."""

from __future__ import annotations

import pytest

from groupwork import models as m
from groupwork.store import Store
from groupwork.store.database import SQLITE_HEADER, PassphraseRequired, WrongPassphrase
from groupwork.store.encryption import encrypt_database, rekey_database

NAME = "Somsri Jaidee"
THAI_NAME = "สมศรี ใจดี"
NOTE = "She spoke about the night her brother left"


def _fill(store: Store) -> m.Group:
    group = store.add(m.Group(name="Hope circle"))
    store.add(m.Member(group_id=group.id, real_name=NAME, pseudonym="M1"))
    store.add(m.Member(group_id=group.id, real_name=THAI_NAME, pseudonym="M2"))
    store.add(m.Session(group_id=group.id, number=1, held_on="2026-01-05", notes=NOTE))
    return group


def _all_bytes(path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        p = path.parent / (path.name + suffix)
        if p.exists():
            data += p.read_bytes()
    return data


def test_encrypted_file_holds_no_name_or_note(db_path):
    store = Store.open(db_path, "correct horse")
    _fill(store)
    # Read the bytes while the connection is open too: the WAL must be encrypted as well.
    for blob in (_all_bytes(db_path),):
        assert NAME.encode() not in blob and THAI_NAME.encode() not in blob
        assert NOTE.encode() not in blob
    store.close()
    blob = _all_bytes(db_path)
    assert not blob.startswith(SQLITE_HEADER)
    assert NAME.encode() not in blob and NOTE.encode() not in blob
    assert THAI_NAME.encode() not in blob
    assert db_path.stat().st_mode & 0o077 == 0
    with Store.open(db_path, "correct horse") as again:
        assert {x.real_name for x in again.members(again.groups()[0].id)} == {NAME, THAI_NAME}


def test_plain_database_holds_the_name_for_comparison(db_path):
    with Store.open(db_path) as store:
        _fill(store)
    assert NAME.encode() in _all_bytes(db_path)


def test_wrong_or_missing_passphrase_fails_cleanly(db_path, monkeypatch):
    Store.open(db_path, "right").close()
    with pytest.raises(WrongPassphrase) as wrong:
        Store.open(db_path, "wrong")
    assert "passphrase" in str(wrong.value)
    with pytest.raises(PassphraseRequired):
        Store.open(db_path)
    monkeypatch.setenv("GROUPWORK_PASSPHRASE", "right")
    Store.open(db_path).close()


def test_passphrase_error_is_translated(db_path):
    from groupwork.i18n import use_language

    Store.open(db_path, "right").close()
    with use_language("th"), pytest.raises(WrongPassphrase) as wrong:
        Store.open(db_path, "wrong")
    assert "รหัสผ่าน" in str(wrong.value)


def test_encrypt_plain_database_in_place_then_rekey(db_path):
    with Store.open(db_path) as store:
        group = _fill(store)
    encrypt_database(db_path, "first")
    assert NAME.encode() not in _all_bytes(db_path)
    with Store.open(db_path, "first") as store:
        assert len(store.members(group.id)) == 2
        assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    rekey_database(db_path, "first", "second")
    with pytest.raises(WrongPassphrase):
        Store.open(db_path, "first")
    with Store.open(db_path, "second") as store:
        assert store.session_by_number(group.id, 1).notes == NOTE
    with pytest.raises(WrongPassphrase):
        rekey_database(db_path, "nope", "third")


def test_encrypt_refuses_while_the_database_is_open(db_path):
    from groupwork.store.exclusive import DatabaseInUse

    store = Store.open(db_path)
    _fill(store)
    with pytest.raises(DatabaseInUse):
        encrypt_database(db_path, "pw")
    store.add(m.Group(name="still writable"))
    store.close()
    assert not _all_bytes(db_path).startswith(b"x") and SQLITE_HEADER in _all_bytes(db_path)[:16]


def test_explicit_passphrase_on_plain_file_is_refused(db_path):
    from groupwork.errors import StorageError

    Store.open(db_path).close()
    with pytest.raises(StorageError, match="not encrypted"):
        Store.open(db_path, "pw")
