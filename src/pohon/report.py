"""Printing diagnostics: human-readable (to stderr) or JSON (to stdout).

Human-readable text is styled by rich when stderr is a terminal (or colour is forced with
``FORCE_COLOR``/``TTY_COMPATIBLE``, as rich reads them); otherwise it is written as plain text
without importing rich. Either way every piece of user text passes :func:`pohon.textsafe.visible`
first, so control characters in a tree file are shown, never obeyed by the terminal.
"""

from __future__ import annotations

import os
import sys

from pohon.catalogue import rules, t
from pohon.diagnostics import Diagnostic, Severity, count
from pohon.textsafe import json_safe, visible

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def visible_diags(diags: list[Diagnostic], show_info: bool) -> list[Diagnostic]:
    return [d for d in diags if show_info or d.severity is not Severity.INFO]


def report(outcome, fmt: str = "human", lang: str = "id", strict: bool = False, show_info: bool = False) -> int:
    """Print the outcome of `pohon check` and return the exit code."""
    from pohon.app import exit_code

    diags = visible_diags(outcome.diagnostics, show_info)
    code = exit_code(diags, strict)
    if fmt == "json":
        payload = {
            "files": outcome.files,
            "summary": {**count(diags), "files": len(outcome.files), "exit_code": code},
            "diagnostics": [d.as_dict(lang) for d in diags],
        }
        write_json(payload)
    else:
        print_diagnostics(diags, lang)
        print_summary(outcome.files, diags, lang, code)
    return code


def write_json(payload) -> None:
    """``payload`` as JSON on stdout; valid JSON even when a file name holds bytes that are not UTF-8."""
    import json

    text = json.dumps(payload, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(json_safe(payload), ensure_ascii=False, indent=2)
    sys.stdout.write(text + "\n")


def _styled() -> bool:
    """Whether rich styles stderr: the terminal test rich itself makes (TTY_COMPATIBLE, FORCE_COLOR,
    then isatty), so that plain output is exactly what rich would have written."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _emit(parts: list[tuple[str, str | None]]) -> None:
    """Write (text, style) pieces to stderr at once: styled by rich on a terminal, else plain.
    (rich's per-call cost made a print per line take seconds for thousands of diagnostics.)"""
    if not _styled():
        sys.stderr.write("".join(text for text, _ in parts))
        sys.stderr.flush()
        return
    from rich.console import Console
    from rich.text import Text

    out = Text()
    for text, style in parts:
        out.append(text, style=style)
    Console(stderr=True, highlight=False, soft_wrap=True).print(out, end="")


def print_diagnostics(diags: list[Diagnostic], lang: str = "id") -> None:
    """Every diagnostic: location, code and severity, node and message; the excerpt, hint and source."""
    if not diags:
        return
    hint_label, source_label = t("label_hint", lang), t("label_source", lang)
    sev_label = {s: t(f"sev_{s.value}", lang) for s in Severity}
    parts: list[tuple[str, str | None]] = []
    add = parts.append
    for d in diags:
        message, hint, source = visible(d.message(lang)), visible(d.hint(lang)), visible(d.source(lang))
        add((visible(str(d.location)), "bold"))
        add((": ", None))
        add((f"{d.code} {sev_label[d.severity]}", _STYLE[d.severity]))
        add((f" [{visible(d.node)}] {message}\n" if d.node else f" {message}\n", None))
        if d.excerpt:
            add((visible(d.excerpt, newlines=True) + "\n", "dim"))
        if hint:
            add(("    ", None))
            add((f"{hint_label}:", "green"))
            add((f" {hint}\n", None))
        if source:
            add((f"    {source_label}: {source}\n", "dim"))
    _emit(parts)


def print_summary(files: list[str], diags: list[Diagnostic], lang: str, code: int) -> None:
    c = count(diags)
    text = t("summary", lang, files=len(files), errors=c["error"], warnings=c["warning"], infos=c["info"])
    _emit([(visible(text) + "\n", "bold red" if code else "bold green")])


def print_rules(fmt: str, lang: str) -> None:
    catalogue = rules()
    if fmt == "json":
        write_json([{"code": r.code, "name": r.name, "severity": r.severity.value, "source": r.text("source", lang),
                     "message": r.message.get(lang), "hint": r.hint.get(lang)} for r in catalogue.values()])
    elif fmt == "markdown":
        sys.stdout.write(rules_markdown(lang))
    else:
        for r in catalogue.values():
            sys.stdout.write(visible(f"{r.code}  {r.severity.value:<7}  {r.name:<32}  {r.text('source', lang)}") + "\n")


def rules_markdown(lang: str = "id") -> str:
    """``docs/rules.md``: generated from the catalogue (a test keeps the file current)."""
    groups = {"F": t("group_F", lang), "S": t("group_S", lang), "M": t("group_M", lang), "K": t("group_K", lang),
              "J": t("group_J", lang), "D": t("group_D", lang), "U": t("group_U", lang), "A": t("group_A", lang)}
    lines = [t("rules_title", lang), "", t("rules_intro", lang), ""]
    current = None
    for r in rules().values():
        if r.group != current:
            current = r.group
            lines += [f"## {groups.get(current, current)}", ""]
        lines += [
            f"### {r.code} `{r.name}` ({t('sev_' + r.severity.value, lang)})",
            "",
            f"- **{t('label_message', lang)}:** {r.message.get(lang, r.message['id'])}",
            f"- **{t('label_hint', lang)}:** {r.hint.get(lang, r.hint['id'])}",
            f"- **{t('label_source', lang)}:** {r.text('source', lang)}",
            "",
        ]
    return "\n".join(lines)
