"""Where ``export -o`` writes: symbolic links, special files, standard output, interruptions.

A link is written through (its target replaced atomically, the link kept); FIFOs,
devices and sockets are refused and left as they are; ``-o -`` is standard output; an
export stopped by Ctrl-C or SIGTERM leaves no temporary file.
"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from glossary import build_glossary, document_from_text, read_document
from glossary.cli import main
from glossary.errors import ExportError
from glossary.paths import DB_ENV_VAR
from glossary.store import open_store
from glossary.store.export import export_store, write_atomic

TERMS = 13  # The sample article's 12 terms and 北京.


@pytest.fixture(autouse=True)
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stored glossary, outside the folders the tests write to; commands run in ``out``."""
    path = tmp_path / "db" / "glossary.sqlite3"
    path.parent.mkdir()
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    with open_store(path) as store:
        store.add_glossary(build_glossary(read_document(None), dictionary=False))
        store.add_glossary(build_glossary(document_from_text("北京에 갔다."), dictionary=False))
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def _assert_refused(status: int, err: str, message: str) -> None:
    assert status == 2
    assert err.count("\n") == 1 and err.startswith("glossary: ") and "Traceback" not in err
    assert message in err


def _leftovers(*folders: Path) -> list[str]:
    return [p.name for folder in folders for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- symbolic links --------------------------------------------------------------------------


def test_a_link_is_written_through_to_its_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    real = decks / "deck.md"
    real.write_text("old deck\n", encoding="utf-8")
    link = tmp_path / "out" / "deck.md"
    link.symlink_to(os.path.relpath(real, link.parent))
    status, out, _ = run(capsys, "export", "-o", "deck.md", "--force")
    assert status == 0 and out == f"wrote {TERMS} terms to deck.md\n"
    assert link.is_symlink() and link.resolve() == real.resolve()  # The link is kept...
    assert real.read_text(encoding="utf-8").startswith("| hanja | gloss |")  # ...not stale.
    assert _leftovers(decks, link.parent) == []


def test_a_link_is_not_followed_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    Path("deck.md").symlink_to(real)
    status, _, err = run(capsys, "export", "-o", "deck.md")
    _assert_refused(status, err, "deck.md: already exists (use --force to replace it)")
    assert real.read_text(encoding="utf-8") == "old\n"


def test_a_dangling_link_gets_its_target_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("deck.json").symlink_to(tmp_path / "made.json")
    assert run(capsys, "export", "-o", "deck.json", "--force")[0] == 0
    assert Path("deck.json").is_symlink()
    assert len(json.loads((tmp_path / "made.json").read_text(encoding="utf-8"))["terms"]) == TERMS


def test_a_link_to_a_directory_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("deck.md").symlink_to(tmp_path / "db")
    status, _, err = run(capsys, "export", "-o", "deck.md", "--force")
    _assert_refused(status, err, "deck.md: is a directory")


# -- special files ---------------------------------------------------------------------------


@pytest.fixture
def device(tmp_path: Path) -> Path:
    """A character device no regression can harm: a copy of /dev/null's node in tmp_path.

    Making one needs root (CAP_MKNOD); without it, /dev/null itself, which a process that
    cannot write to /dev could not replace anyway.
    """
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError):
        if os.access(os.path.dirname(os.devnull), os.W_OK):
            pytest.skip("cannot make a device node, and /dev/null could be replaced for real")
        return Path(os.devnull)
    return node


def test_a_character_device_is_never_replaced(
    device: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["--force"], []):
        status, _, err = run(capsys, "export", "-f", "md", "-o", str(device), *args)
        _assert_refused(status, err, f"{device}: is a character device, not a regular file")
        assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert _leftovers(device.parent) == []
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)


def test_a_link_to_a_device_is_refused(device: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Path("deck.md").symlink_to(device)
    status, _, err = run(capsys, "export", "-o", "deck.md", "--force")
    _assert_refused(status, err, "deck.md: is a character device")
    assert Path("deck.md").is_symlink() and stat.S_ISCHR(os.lstat(device).st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_and_kept(capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo("deck.md")
    status, _, err = run(capsys, "export", "-o", "deck.md", "--force")
    _assert_refused(status, err, "deck.md: is a FIFO, not a regular file")
    assert stat.S_ISFIFO(os.lstat("deck.md").st_mode)
    assert _leftovers(Path()) == []


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_is_refused_and_kept(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("deck.md")  # Relative: the folder's path may be too long for a socket.
        status, _, err = run(capsys, "export", "-o", "deck.md", "--force")
        _assert_refused(status, err, "deck.md: is a socket")
        assert stat.S_ISSOCK(os.lstat("deck.md").st_mode)


def test_the_library_refuses_special_files_too(device: Path) -> None:
    with pytest.raises(ExportError, match="is a character device"):
        write_atomic(device, lambda p: p.write_text("x"), force=True)
    assert stat.S_ISCHR(os.lstat(device).st_mode)


# -- standard output -------------------------------------------------------------------------


def _export_stdout(*args: str, stdout: int = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "glossary", "export", *args, "-o", "-"],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=120,
        check=False,
    )


def test_dash_is_standard_output_for_text(tmp_path: Path) -> None:
    proc = _export_stdout("-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)["terms"]) == TERMS
    assert proc.stderr.decode() == f"wrote {TERMS} terms to standard output\n"
    proc = _export_stdout("-f", "csv")
    assert proc.stdout.startswith("\ufeffhanja,".encode())
    assert not Path("-").exists()  # Today's bug: a file named "-".


def test_dash_is_standard_output_for_an_anki_package() -> None:
    proc = _export_stdout("-f", "apkg", "--deck", "mine")
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(io.BytesIO(proc.stdout)) as package:
        assert sorted(package.namelist()) == ["collection.anki2", "media"]
    assert proc.stderr.decode() == f"wrote {TERMS} terms to standard output (deck mine)\n"
    assert not Path("-").exists()


def test_an_anki_package_is_not_written_to_a_terminal() -> None:
    pytest.importorskip("pty")
    controller, terminal = os.openpty()
    try:
        proc = _export_stdout("-f", "apkg", stdout=terminal)
    finally:
        os.close(terminal)
        os.close(controller)
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("glossary: standard output is a terminal")


def test_dash_needs_a_format(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "export", "-o", "-")
    _assert_refused(status, err, "standard output: say which format to write with --format")


def test_the_library_writes_to_a_binary_stream(db: Path) -> None:
    data = io.BytesIO()
    with open_store(db) as store:
        assert export_store(store, "md", data) == TERMS
    assert data.getvalue().decode().startswith("| hanja |")


# -- interruptions ---------------------------------------------------------------------------


def test_ctrl_c_mid_write_leaves_no_temporary_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(terms: object, path: str | os.PathLike[str], *args: object) -> None:
        Path(path).write_bytes(b"PK half a package")
        assert _leftovers(Path()) != []  # The temporary file is there, mid-write...
        raise KeyboardInterrupt

    monkeypatch.setattr("glossary.store.export.write_apkg", interrupted)
    before = signal.getsignal(signal.SIGTERM)
    assert run(capsys, "export", "-o", "deck.apkg")[0] == 130
    assert os.listdir() == []  # ...and gone.
    assert signal.getsignal(signal.SIGTERM) == before  # The export's handler is put back.


def test_sigterm_mid_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """The process sends itself SIGTERM from inside the writer, half-way: deterministic."""
    code = (
        "import os, signal, sys, time\n"
        "from pathlib import Path\n"
        "import glossary.store.export as export\n"
        "def writer(terms, path, *args):\n"
        "    Path(path).write_bytes(b'PK half a package')\n"
        "    print('writing', path, flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    time.sleep(30)\n"
        "export.write_apkg = writer\n"
        "sys.argv[0] = 'glossary'\n"
        "from glossary.cli import run\n"
        "run()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, "export", "-o", "deck.apkg"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.stdout.startswith("writing ") and ".deck.apkg." in proc.stdout
    assert proc.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in proc.stderr
    assert os.listdir() == []
