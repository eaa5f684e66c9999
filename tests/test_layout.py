"""The dependency rules of docs/architecture.md, read from the source: `weerthuis/` → `placements/` → `regions/`,
no app imports `weerthuis`, a room of placements never imports another room's views, no import cycle between
modules, no module over 400 lines, and translation functions under the names makemessages reads."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("weerthuis", "placements", "regions")
MAX_LINES = 400
# One settings module driven by the environment (STYLE.md): it holds one job however long, and splitting it by size
# would make the tree of settings files the style rules out. It gets more room, not none.
LIMITS = {"weerthuis.settings": 500}


def modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The project modules a module imports (any import statement, also inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in names if name in known}


MODULES = modules()
GRAPH = {name: imports_of(path, set(MODULES)) for name, path in MODULES.items()}


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "placements" and len(parts) > 2 else None


@pytest.mark.parametrize(("importer", "forbidden"), [("regions", "placements"), ("regions", "weerthuis")])
def test_dependencies_point_one_way(importer, forbidden):
    offenders = {m: sorted(i for i in deps if i.startswith(forbidden)) for m, deps in GRAPH.items()}
    assert {m: i for m, i in offenders.items() if m.startswith(importer) and i} == {}


def test_placements_never_imports_the_wiring():
    offenders = {m: sorted(d for d in deps if d.startswith("weerthuis")) for m, deps in GRAPH.items()}
    assert {m: d for m, d in offenders.items() if m.startswith("placements") and d} == {}


def test_a_room_never_imports_another_rooms_views():
    offenders = [
        (module, dep)
        for module, deps in GRAPH.items()
        for dep in deps
        if dep.endswith(".views") and room_of(dep) and room_of(module) and room_of(dep) != room_of(module)
    ]
    assert offenders == []


def test_no_import_cycle_between_modules():
    """Also through an import inside a function: such an import hides a cycle, it does not remove it."""
    graph = {name: deps - {name} for name, deps in GRAPH.items()}
    # A package's __init__ importing its own submodules is how it re-exports them, not a cycle.
    graph = {
        n: {d for d in deps if not (d.startswith(f"{n}.") and MODULES[n].name == "__init__.py")}
        for n, deps in graph.items()
    }
    state: dict[str, str] = {}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                cycles.append(path[path.index(dep) :] + [dep] if dep in path else [node, dep])
            elif dep not in state:
                visit(dep, [*path, dep])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_module_over_400_lines():
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text().splitlines())) > LIMITS.get(name, MAX_LINES)
    }
    assert long == {}


# The names `makemessages` (xgettext) reads as translatable: a text passed to gettext under another name is never
# extracted, and English readers get the Dutch text (it happened to every confirmation message of the proposal
# and client pages, imported as `_lazy`).
EXTRACTED_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext",
                   "pgettext_lazy", "npgettext", "npgettext_lazy"}  # fmt: skip


def test_translation_functions_are_imported_under_names_makemessages_reads():
    renamed = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                for alias in node.names:
                    if "gettext" in alias.name and (alias.asname or alias.name) not in EXTRACTED_NAMES:
                        renamed.append(f"{name}: {alias.name} as {alias.asname}")
    assert renamed == []
