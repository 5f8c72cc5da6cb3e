"""The README and docs/ are self-contained: their links resolve in the repository, their commands parse."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from newsgraph.cli import build_parser

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md")), REPO / "samples" / "README.md"]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _without_layout(text: str) -> str:
    """The README's Layout section is rewritten separately; everything else must stand alone."""
    return re.sub(r"\n## Layout\n.*?(?=\n## |\Z)", "\n", text, flags=re.S)


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_links_resolve_inside_the_repository(document):
    text = _without_layout(document.read_text(encoding="utf-8"))
    assert "../shared/" not in text.replace("(`../shared`)", ""), "a clone has no ../shared"
    for target in LINK.findall(text):
        if re.match(r"[a-z]+://", target) or target.startswith("#"):
            continue
        path = (document.parent / target.split("#")[0]).resolve()
        assert path.is_file() and REPO in path.parents, f"{document.name}: broken link {target}"


def test_the_readme_links_the_contract_and_the_design():
    links = set(LINK.findall((REPO / "README.md").read_text(encoding="utf-8")))
    assert {"docs/schema.md", "docs/design.md", "docs/exports.md"} <= links


def _commands(document: Path) -> list[str]:
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", document.read_text(encoding="utf-8"), flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if "newsgraph " not in line or re.search(r"\w\|\w", line):  # "a|b|c" lists choices
                continue
            command = line.split("|")[-1].split(">")[0].strip()
            words = shlex.split(command)
            start = next(i for i, w in enumerate(words) if w.endswith("newsgraph"))
            commands.append(shlex.join(words[start + 1 :]))
    return commands


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(REPO)))
def test_documented_commands_parse(document):
    parser = build_parser()
    for command in _commands(document):
        words = [w for w in shlex.split(command) if not (w.startswith("[") or w.endswith("]"))]
        try:
            parser.parse_args(words)
        except SystemExit as exc:
            pytest.fail(f"{document.name}: `newsgraph {command}` does not parse (exit {exc.code})")


def test_make_demo_reads_the_dated_samples_with_commands_that_parse():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^demo:.*?\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert recipe, "Makefile has no demo target"
    lines = [line.strip() for line in recipe.group(1).splitlines() if "newsgraph " in line]
    assert any("ingest samples/articles.jsonl" in line for line in lines)
    parser = build_parser()
    for line in lines:
        words = shlex.split(line.split("|")[-1].replace("$(DEMO_DB)", "demo.db"))
        parser.parse_args(words[1:])
