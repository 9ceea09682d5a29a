"""The import rule of DESIGN.md §3: each layer imports only what it may.

Read from the source with ``ast`` (imports inside functions count too), so a forbidden
import anywhere in a layer fails this test.
"""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "recoverydesk"
STDLIB = set(sys.stdlib_module_names)

# layer -> (project modules it may import, third-party top-level packages it may import)
ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    "domain": ({"domain"}, set()),
    "db": ({"domain", "db"}, {"sqlalchemy", "alembic"}),
    "reports": ({"domain", "reports"}, {"reportlab", "bidi", "arabic_reshaper", "PIL"}),
    "services": ({"domain", "db", "reports", "services"}, {"argon2"}),
    "cli": ({"services", "domain", "cli", "paths", ""}, set()),
    "ui": ({"services", "domain", "ui", "paths", ""}, {"PySide6", "shiboken6", "pypdfium2"}),
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def violations(layer: str) -> list[str]:
    project_ok, third_party_ok = ALLOWED[layer]
    bad = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in imports_of(path):
            top, _, rest = name.partition(".")
            if top == "recoverydesk":
                sub = rest.partition(".")[0]
                if sub not in project_ok:
                    bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
            elif top not in STDLIB and top not in third_party_ok and top != "__future__":
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return bad


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    assert violations(layer) == []


def test_the_rule_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "pane.py"
    sample.write_text("def f():\n    from recoverydesk.db.models import MemberModel\n")
    assert "recoverydesk.db.models" in imports_of(sample)
    top, _, rest = "recoverydesk.db.models".partition(".")
    assert rest.partition(".")[0] not in ALLOWED["ui"][0]
