"""The news modules import one another without a cycle (the page models used to reach the selectors, feeds and
counters through function-local imports, and those imported the models back), and each one imports first in a
fresh interpreter."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

NEWS = Path(__file__).resolve().parents[1]


def _news_imports(path: Path) -> set[str]:
    """The news modules ``path`` imports anywhere in it (module level or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
            elif node.level == 1:
                found.update(alias.name for alias in node.names)
            elif node.module and node.module.startswith("mattran.news."):
                found.add(node.module.split(".")[2])
            elif node.module == "mattran.news":
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[2] for a in node.names if a.name.startswith("mattran.news."))
    return found


def _graph() -> dict[str, set[str]]:
    modules = {p.stem: p for p in NEWS.glob("*.py")} | {"templatetags": NEWS / "templatetags" / "news_tags.py"}
    return {name: _news_imports(path) & set(modules) for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return stack[stack.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_news_modules_import_one_another_without_a_cycle():
    graph = _graph()
    assert {"feeds", "derived", "pagecache"} <= graph["models"]  # the graph is really read
    assert "models" in graph["selectors"] and "counters" in graph["tasks"]
    assert _cycle(graph) is None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"models": {"counters"}, "counters": {"tasks"}, "tasks": {"counters"}}) == [
        "counters",
        "tasks",
        "counters",
    ]


@pytest.mark.parametrize("module", ["models", "counters", "feeds", "selectors", "tasks"])
def test_each_news_module_imports_first_in_a_fresh_interpreter(module):
    code = f"import django; django.setup(); import mattran.news.{module}"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
