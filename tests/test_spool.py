"""core.spool: built files kept on disk until published, compared and copied in chunks."""

from __future__ import annotations

import hashlib
import io

from newsprov.core import spool


def test_a_spooled_file_knows_its_size_and_checksum_and_compares_by_content(tmp_path):
    data = "ligne\u00e9\n".encode() * 300_000  # larger than one copy chunk
    f = spool.spool(tmp_path, "t.csv", lambda path: path.write_bytes(data))
    assert (f.size, len(f), f.sha256) == (len(data), len(data), hashlib.sha256(data).hexdigest())
    assert spool.hex_sha256(f) == spool.hex_sha256(data) and spool.as_bytes(f) == data
    target = tmp_path / "published.csv"
    with open(target, "wb") as handle:
        spool.write_to(handle, f)
    assert target.read_bytes() == data and spool.equals_file(f, target)
    same_size = bytearray(data)
    same_size[-2] ^= 1
    target.write_bytes(bytes(same_size))
    assert not spool.equals_file(f, target) and not spool.equals_file(data, target)
    assert not spool.equals_file(f, tmp_path / "absent.csv")
    buffer = io.BytesIO()
    spool.write_to(buffer, b"in memory")
    assert buffer.getvalue() == b"in memory"


def test_a_spool_that_cannot_be_written_is_one_oserror_naming_the_file_and_tmpdir(tmp_path):
    import pytest

    def full_disk(path):
        raise RuntimeError("No space left on device (os error 28)")

    with pytest.raises(OSError, match=r"t\.csv: cannot write .*No space left.*TMPDIR"):
        spool.spool(tmp_path, "t.csv", full_disk)
