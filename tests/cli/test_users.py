"""``recoverydesk user add|list|set-password``: the password never travels on the command line.

The password comes from the first line of stdin (or twice from the terminal, unechoed),
and must not show up in the output, the log files or anywhere else in the data folder.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from recoverydesk.__main__ import main
from recoverydesk.cli import users as users_cli
from recoverydesk.domain.accounts import Role, SignInError
from recoverydesk.services.accounts import AccountService
from recoverydesk.services.container import open_services

Capture = pytest.CaptureFixture[str]
SECRET = "Tr0ub4dor&3-horse"


class FakeTerminal(io.StringIO):
    """A stdin that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def run(tmp_path: Path, *args: str, stdin: str | None = None) -> int:
    if stdin is not None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("sys.stdin", io.StringIO(stdin))
            return main([*args, "--data-dir", str(tmp_path / "data")])
    return main([*args, "--data-dir", str(tmp_path / "data")])


def sign_in(tmp_path: Path, username: str, password: str) -> Role:
    services = open_services(tmp_path / "data" / "recoverydesk.sqlite3")
    try:
        accounts = AccountService(services.db, services.clock, services.access)
        return accounts.sign_in(username, password).role
    finally:
        services.close()


def everything_written(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_user_add_reads_the_password_from_stdin(tmp_path: Path, capsys: Capture) -> None:
    code = run(
        tmp_path, "user", "add", "ada", "--role", "admin", "--display-name", "Ada Admin",
        stdin=f"{SECRET}\nthe second line is ignored\n",
    )  # fmt: skip
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out.strip() == "Added admin account 'ada' (id 1)."
    assert sign_in(tmp_path, "ADA", SECRET) is Role.ADMIN
    assert SECRET not in captured.out + captured.err
    data = tmp_path / "data"
    assert list((data / "logs").glob("*.log")), "the run was logged"
    assert SECRET.encode() not in everything_written(data), "not in logs, database or backups"


def test_there_is_no_password_option(tmp_path: Path, capsys: Capture) -> None:
    with pytest.raises(SystemExit) as refused:
        run(tmp_path, "user", "add", "ada", "--role", "admin", "--password", SECRET)
    assert refused.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_at_a_terminal_the_password_is_asked_twice(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([SECRET, SECRET])
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("sys.stdin", FakeTerminal())
    monkeypatch.setattr(users_cli.getpass, "getpass", ask)
    assert run(tmp_path, "user", "add", "desk1", "--role", "front desk") == 0
    assert prompts == ["Password for desk1: ", "Type it again: "]
    assert sign_in(tmp_path, "desk1", SECRET) is Role.FRONT_DESK
    assert SECRET not in capsys.readouterr().out


def test_two_different_passwords_save_nothing(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([SECRET, SECRET + "!"])
    monkeypatch.setattr("sys.stdin", FakeTerminal())
    monkeypatch.setattr(users_cli.getpass, "getpass", lambda _prompt: next(answers))
    assert run(tmp_path, "user", "add", "desk1", "--role", "front-desk") == 1
    assert "differ; nothing was changed" in capsys.readouterr().err
    assert not (tmp_path / "data" / "recoverydesk.sqlite3").exists()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("ada", "--role", "admin"), "short\n", "password: Password must be at least 10"),
        (("ada", "--role", "admin"), "", "No password on standard input"),
        (("two words", "--role", "admin"), SECRET, "username: Username can only have"),
        (("ada", "--role", "boss"), SECRET, "'boss' is not a role"),
        (("ada", "--role", "peer", "--peer-id", "7"), SECRET, "There is no peer #7"),
    ],
    ids=["short", "empty", "bad-name", "bad-role", "no-such-peer"],
)
def test_bad_input_is_one_clear_line(
    tmp_path: Path, capsys: Capture, args: tuple[str, ...], stdin: str, message: str
) -> None:
    try:
        code = run(tmp_path, "user", "add", *args, stdin=stdin)
    except SystemExit as exit_:  # argparse refuses a bad --role
        code = int(exit_.code or 0)
    assert code != 0
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    if "peer" not in message:
        assert not (tmp_path / "data" / "recoverydesk.sqlite3").exists(), "checked before opening"


def test_a_taken_name_is_refused(tmp_path: Path, capsys: Capture) -> None:
    assert run(tmp_path, "user", "add", "ada", "--role", "admin", stdin=SECRET) == 0
    assert run(tmp_path, "user", "add", "ADA", "--role", "peer", stdin=SECRET) == 1
    assert "already taken" in capsys.readouterr().err


def test_list_and_set_password(tmp_path: Path, capsys: Capture) -> None:
    assert run(tmp_path, "user", "list") == 0
    assert "No accounts yet" in capsys.readouterr().out
    run(tmp_path, "user", "add", "ada", "--role", "admin", stdin=SECRET)
    run(tmp_path, "user", "add", "sam", "--role", "peer", "--display-name", "Sam P", stdin=SECRET)
    capsys.readouterr()
    assert run(tmp_path, "user", "list") == 0
    assert capsys.readouterr().out.splitlines() == [
        "ada\tada\tadmin\tactive",
        "sam\tSam P\tpeer\tactive",
    ]
    assert run(tmp_path, "user", "set-password", "Sam", stdin="a new secret here\n") == 0
    assert capsys.readouterr().out.strip() == "New password set for 'sam'."
    assert sign_in(tmp_path, "sam", "a new secret here") is Role.PEER
    with pytest.raises(SignInError):
        sign_in(tmp_path, "sam", SECRET)
    assert run(tmp_path, "user", "set-password", "nobody", stdin=SECRET) == 1
    assert "no account is called 'nobody'" in capsys.readouterr().err
