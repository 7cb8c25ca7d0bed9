"""Printing diagnostics: human-readable (rich, to stderr) or JSON (to stdout)."""

from __future__ import annotations

import json
import sys

from pohon.catalogue import rules, t
from pohon.diagnostics import Diagnostic, Severity, count

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def visible(diags: list[Diagnostic], show_info: bool) -> list[Diagnostic]:
    return [d for d in diags if show_info or d.severity is not Severity.INFO]


def report(outcome, fmt: str = "human", lang: str = "id", strict: bool = False, show_info: bool = False) -> int:
    """Print the outcome of `pohon check` and return the exit code."""
    from pohon.app import exit_code

    diags = visible(outcome.diagnostics, show_info)
    code = exit_code(diags, strict)
    if fmt == "json":
        payload = {
            "files": outcome.files,
            "summary": {**count(diags), "files": len(outcome.files), "exit_code": code},
            "diagnostics": [d.as_dict(lang) for d in diags],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        print_diagnostics(diags, lang)
        print_summary(outcome.files, diags, lang, code)
    return code


def _console():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_diagnostics(diags: list[Diagnostic], lang: str = "id") -> None:
    """One styled text for all diagnostics, printed at once: rich's per-call cost (markup parsing,
    rendering) made a print per line take seconds for thousands of diagnostics."""
    from rich.text import Text

    if not diags:
        return
    hint_label, source_label = t("label_hint", lang), t("label_source", lang)
    sev_label = {s: t(f"sev_{s.value}", lang) for s in Severity}
    out = Text()
    for d in diags:
        message, hint, source = d.message(lang), d.hint(lang), d.source(lang)
        out.append(str(d.location), style="bold")
        out.append(": ")
        out.append(f"{d.code} {sev_label[d.severity]}", style=_STYLE[d.severity])
        out.append(f" [{d.node}] {message}\n" if d.node else f" {message}\n")
        if d.excerpt:
            out.append(d.excerpt + "\n", style="dim")
        if hint:
            out.append("    ")
            out.append(f"{hint_label}:", style="green")
            out.append(f" {hint}\n")
        if source:
            out.append(f"    {source_label}: {source}\n", style="dim")
    _console().print(out, end="")


def print_summary(files: list[str], diags: list[Diagnostic], lang: str, code: int) -> None:
    c = count(diags)
    text = t("summary", lang, files=len(files), errors=c["error"], warnings=c["warning"], infos=c["info"])
    style = "bold red" if code else "bold green"
    _console().print(f"[{style}]{text}[/]")


def print_rules(fmt: str, lang: str) -> None:
    catalogue = rules()
    if fmt == "json":
        out = [{"code": r.code, "name": r.name, "severity": r.severity.value, "source": r.text("source", lang),
                "message": r.message.get(lang), "hint": r.hint.get(lang)} for r in catalogue.values()]
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "markdown":
        sys.stdout.write(rules_markdown(lang))
    else:
        for r in catalogue.values():
            sys.stdout.write(f"{r.code}  {r.severity.value:<7}  {r.name:<32}  {r.text('source', lang)}\n")


def rules_markdown(lang: str = "id") -> str:
    """``docs/rules.md``: generated from the catalogue (a test keeps the file current)."""
    groups = {"F": t("group_F", lang), "S": t("group_S", lang), "M": t("group_M", lang), "K": t("group_K", lang)}
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
