"""The layers (STYLE.md, "Layers point down"): routes, the API and the CLI call services;
services call models, documents and rules; nothing points back up, and no module of the
portal imports itself round in a circle."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

PORTAL = Path(__file__).resolve().parents[2] / "portal"
BLUEPRINTS = (
    "api",
    "appeal",
    "apply",
    "auth",
    "authorities",
    "cases",
    "devmail",
    "intake",
    "ombud",
    "public",
    "volunteer",
)


def _name(path: Path) -> str:
    parts = list(path.relative_to(PORTAL.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (PORTAL / relative).with_suffix(".py").exists() or (PORTAL / relative / "__init__.py").exists()


@cache
def imports() -> dict[str, set[str]]:
    """Each portal module and the portal modules it imports, anywhere in it (a deferred
    import inside a function is a dependency all the same)."""
    graph: dict[str, set[str]] = {}
    for path in PORTAL.rglob("*.py"):
        module = _name(path)
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        found = graph.setdefault(module, set())
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if not target.startswith("portal"):
                    continue
                for alias in node.names:
                    candidate = f"{target}.{alias.name}"
                    found.add(candidate if _is_module(candidate) else target)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("portal"))
        # A blueprint package imports its routes to register them, and the routes take `bp`
        # from the package: Flask's own pattern, not a dependency between layers.
        found.discard(package) if module != package else None
        found.discard(module)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state, path = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                found.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def _own_submodule(module: str, target: str) -> bool:
    return target.startswith(module + ".")


def test_no_module_of_the_portal_imports_itself_round_in_a_circle():
    graph = {m: {t for t in targets if not _own_submodule(m, t)} for m, targets in imports().items()}
    assert [" → ".join(cycle) for cycle in _cycles(graph)] == []


def test_services_rules_and_documents_import_no_blueprint():
    lower = ("portal.services", "portal.rules", "portal.documents", "portal.models")
    found = sorted(
        f"{module} → {target}"
        for module, targets in imports().items()
        if module.startswith(lower)
        for target in targets
        if target.split(".")[1:2] and target.split(".")[1] in BLUEPRINTS
    )
    assert found == []


def test_rules_are_pure_python():
    """rules/ imports nothing from Flask or SQLAlchemy, nor any other layer of the portal."""
    found = []
    for path in (PORTAL / "rules").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom) and not node.level
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("flask", "flask_babel", "sqlalchemy")]
    found += [
        f"{m} → {t}"
        for m, ts in imports().items()
        if m.startswith("portal.rules")
        for t in ts
        if not t.startswith("portal.rules")
    ]
    assert found == []


def test_no_route_writes_the_access_log_itself():
    """Every read of someone's data by staff or the API goes through services/access.py,
    which writes the log (STYLE.md, "One place per decision")."""
    found = sorted(
        m
        for m, targets in imports().items()
        if m.split(".")[1:2] and m.split(".")[1] in BLUEPRINTS and "portal.services.access_log" in targets
    )
    assert found == []


def test_services_and_rules_build_no_pages_links_or_requests():
    """A service takes what it needs as arguments or from the configuration: it never reads the
    request, renders a page or builds a link from one (so commands need no fake request)."""
    web = {"url_for", "request", "render_template", "session", "g", "redirect", "abort"}
    found = []
    for folder in ("services", "rules"):
        for path in (PORTAL / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and node.module == "flask":
                    found += [f"{folder}/{path.name}: {a.name}" for a in node.names if a.name in web]
    assert found == []


def test_imports_sit_at_the_top_but_for_the_heavy_libraries_deferred_on_purpose():
    """A deferred import breaks no cycle here: only libraries a worker serving pages never
    needs wait until they are used (WeasyPrint, Authlib, Flask-Migrate, the readers of uploads,
    the HTTP client, the calendar file, the archive's XML), each with its reason beside it."""
    deferred = ("weasyprint", "authlib", "flask_migrate", "pypdf", "PIL", "requests", "icalendar", "lxml")
    found = []
    for path in sorted(PORTAL.rglob("*.py")):
        lines = path.read_text().split("\n")
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)):
                        names = (
                            [inner.module or ""] if isinstance(inner, ast.ImportFrom) else [a.name for a in inner.names]
                        )
                        if not any(n.startswith(deferred) for n in names):
                            found.append(f"{path.relative_to(PORTAL.parent)}:{inner.lineno}")
                        elif "#" not in lines[inner.lineno - 1] and "#" not in lines[inner.lineno - 2]:
                            found.append(f"{path.relative_to(PORTAL.parent)}:{inner.lineno} (say why)")
    assert found == []
