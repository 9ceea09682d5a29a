"""The installed PySide6 must survive many signal emits from Python.

PySide6 6.12.0 drops a reference to ``True`` on every Python-side ``emit()`` and one to
``None`` on every Qt call that returns nothing; on Python 3.11 the interpreter aborts after
a few thousand ("bool_dealloc", "none_dealloc"). pyproject.toml excludes
that release; this test fails if such a binding is installed anyway. It runs in a
subprocess because the failure is an abort, not an exception.
"""

import subprocess
import sys

PROGRAM = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Sender(QObject):
    changed = Signal(int)
    pinged = Signal()
sender = Sender()
sender.changed.connect(lambda value: None)
for i in range(20000):
    sender.changed.emit(i)
    sender.pinged.emit()
    sender.setObjectName("sender")
print("ok")
"""


def test_many_emits_do_not_abort_the_interpreter() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""},
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"
