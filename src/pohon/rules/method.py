"""Method rules (pohon kinerja tahap 2–4): indicators, condition phrasing, crosscutting."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import islice
from operator import ge, le

from pohon.catalogue import diagnostic
from pohon.diagnostics import Diagnostic, Term
from pohon.model.values import format_number
from pohon.rules.context import Context, words

PLANNING_YEARS = 10  # a longer period is not a Renstra/RPJMD period (M014)
MAX_PERIOD_YEARS = 50  # a longer one is no planning period at all (M015); tables refuse it

_FIRST_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+")


def check_indicators(ctx: Context) -> Iterator[Diagnostic]:
    """M001 no indicator, M002 no unit, M003 missing targets, M010 target outside the period."""
    years = list(ctx.tree.years)
    every = set(years)
    period = f"{years[0]}–{years[-1]}"
    for node in ctx.tree:
        if not node.indikator:
            if not node.is_crosscutting:  # a crosscutting CSF is measured by its partner
                yield ctx.at("M001", node, about=("indikator",))
            continue
        for i, ind in enumerate(node.indikator):
            where = ("indikator", i)
            if not ind.satuan:
                yield ctx.at("M002", node, where + ("uraian",), indicator=ind.uraian)
            if ind.target.keys() == every:  # a target for each year of the period and no other
                continue
            missing = [y for y in years if y not in ind.target]
            if missing and not node.is_crosscutting:
                field = where + ("target",) if ind.target else where + ("uraian",)
                yield ctx.at("M003", node, field, indicator=ind.uraian, years=_years(missing),
                             period=period, example=missing[0])
            for year in sorted(ind.target):
                if year not in years:
                    yield ctx.at("M010", node, where + ("target", str(year)), key=True,
                                 indicator=ind.uraian, year=year, period=period)


def _years(years: list[int]) -> str:
    """2022, 2023, 2024 → "2022–2024"; gaps listed."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs)


class _Words:
    """The word tables of the method rules, read once; each pattern compiled when a rule first
    uses it (compiling them all cost more than the rules on a small tree). A plain class: making
    a dataclass of nineteen fields costs more than building the tables."""

    def __init__(self, patterns: dict[str, tuple], **tables) -> None:
        self._patterns = patterns  # name → (source, flags), or a tuple of (source, flags, example)
        self.__dict__.update(tables)

    def __getattr__(self, name: str):  # only for what is not compiled yet
        if name == "embed_needs":  # the words each `embed` pattern needs (needed_words)
            value = tuple(needed_words(source, flags) for source, flags, _ in self.__dict__["_patterns"]["embed"])
            setattr(self, name, value)
            return value
        try:
            spec = self.__dict__["_patterns"][name]
        except KeyError:
            raise AttributeError(name) from None
        if not spec or isinstance(spec[0], tuple):  # (pattern, example) pairs
            value = tuple((re.compile(source, flags), example) for source, flags, example in spec)
        else:
            value = re.compile(*spec)
        setattr(self, name, value)
        return value

    condition: frozenset
    forms: re.Pattern
    problem: dict
    not_condition: dict
    activity: dict
    action: dict
    action_form: re.Pattern
    output_condition: frozenset
    output_noun: frozenset
    output_share: re.Pattern
    by_level: dict
    embed: tuple  # (pattern, example) for each way of writing a target into an indicator
    embed_needs: tuple  # for each: words one of which an ASCII text holds (lowered) if it matches, or None
    negative: frozenset  # words and two-word phrases of what a lower-is-better indicator measures
    negative_first: frozenset  # ... only as the first word of it
    handled: re.Pattern
    never_negative: tuple
    counts: tuple
    measures: frozenset
    direction: re.Pattern  # on casefolded text


@cache
def _words() -> _Words:
    w = words()
    low = lambda xs: frozenset(x.casefold() for x in xs)  # noqa: E731
    # one pass per indicator: the patterns as named alternatives, the example kept per name
    embeds = w["target_dalam_indikator"]
    patterns = {
        "forms": ("|".join(w["kondisi_pola"]), 0),
        "action_form": (w["tindakan_pola"], re.IGNORECASE),
        "output_share": (w["keluaran_persen"], re.IGNORECASE),
        "embed": tuple((e["pola"], re.IGNORECASE, e["contoh"]) for e in embeds),
        "handled": ("|".join(w["penanganan"]), re.IGNORECASE),
        "direction": (r"(?<![\w-])(" + "|".join(sorted(re.escape(x) for x in low(w["arah"]))) + r")(?![\w-])", 0),
    }
    return _Words(
        patterns,
        condition=low(w["kondisi"]),
        problem={k.casefold(): v for k, v in w["masalah"].items()},
        not_condition={k.casefold(): v for k, v in w["bukan_kondisi"].items()},
        activity={k.casefold(): v for k, v in w["kegiatan"].items()},
        action={k.casefold(): v for k, v in w["tindakan"].items()},
        output_condition=low(w["keluaran_kondisi"]),
        output_noun=low(w["keluaran_benda"]),
        by_level=dict(w["saran_tingkat"]),
        negative=frozenset(x for x in low(w["negatif"]) if not x.startswith("^")),
        negative_first=frozenset(x[1:] for x in low(w["negatif"]) if x.startswith("^")),
        never_negative=tuple(x.casefold() for x in w["tanpa_polaritas_negatif"]),
        counts=tuple(c.casefold() for c in w["hitungan"]),
        measures=low(w["ukuran"]),
    )


@cache
def _by_start() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for k in sorted(_words().condition):
        out.setdefault(k[:5], []).append(k)
    return {k: tuple(v) for k, v in out.items()}


def _misspelt(low: str) -> str | None:
    """The listed condition word ``low`` is probably a slip of: one or two letters off, same start."""
    if len(low) < 8:
        return None
    candidates = [k for k in _by_start().get(low[:5], ()) if abs(len(k) - len(low)) <= 2]
    if not candidates:
        return None
    from pohon.fuzzy import levenshtein_within

    return next((k for k in candidates if levenshtein_within(k, low, 2)), None)


def phrasing(statement: str) -> tuple[str, str, str | None] | None:
    """(kind, first word, the condition word to write instead) when ``statement`` does not open
    with a condition; kind is activity, action, problem, misspelt or not_condition (the
    suggestion then depends on the box's level: None)."""
    m = _FIRST_WORD.search(statement)
    if not m:
        return None
    word = m.group(0)
    low = word.casefold()
    w = _words()
    if low in w.condition:
        return None
    if low in w.problem:
        return ("problem", word, w.problem[low])
    if low in w.not_condition:
        return ("not_condition", word, w.not_condition[low])
    if low in w.activity:
        return ("activity", word, w.activity[low])
    if low in w.action:
        return ("action", word, w.action[low])
    if low.endswith("nya") and low[:-3] in w.activity:  # "Pelaksanaannya"
        return ("activity", word, w.activity[low[:-3]])
    near = _misspelt(low)  # "Terlaksanaya", "Terumusannya"
    if near is not None:
        return ("misspelt", word, _cased(near, word))
    if low.endswith("nya"):
        if w.forms.match(low):
            return None
        return ("not_condition", word, None)
    if w.action_form.match(low):
        return ("action", word, "Meningkatnya")
    return None


def _cased(known: str, like: str) -> str:
    return known[:1].upper() + known[1:] if like[:1].isupper() else known


def _shorten(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def suggested_statement(statement: str, found: tuple, outcome_level: bool) -> tuple[str, str | None]:
    """The condition to write instead of ``statement`` at a level that carries outcome (True) or
    output indicators, and the output word it replaces at an outcome level (for the hint)."""
    kind, word, condition = found
    w = _words()
    rest = statement[statement.find(word) + len(word):].strip()
    if kind == "problem" and word.casefold() == "belum" and rest.split()[:1] and rest.split()[0].casefold().endswith("nya"):
        rest = rest.split(None, 1)[1] if len(rest.split()) > 1 else ""  # "Belum optimalnya …"
    if condition is None:
        condition = w.by_level["outcome" if outcome_level else "output"]
    replaced = None
    if outcome_level and condition.casefold() in w.output_condition:
        replaced, condition = condition, w.by_level["outcome"]
        if rest.split()[:1] and rest.split()[0].casefold() in w.output_noun:
            rest = "kualitas " + rest
    return _shorten(f"{condition} {rest}".strip()), replaced


def check_phrasing(ctx: Context) -> Iterator[Diagnostic]:
    """M004: a box states a condition ("Meningkatnya…"), not an activity, an action, a problem or
    another "-nya" word; the suggestion fits the box's level (a result where the box carries
    outcome indicators, not an output such as "Terlaksananya …")."""
    for node in ctx.tree:
        found = phrasing(node.uraian)
        if not found:
            continue
        outcome_level = node.tier is not None and node.tier.outcome_level
        suggestion, replaced = suggested_statement(node.uraian, found, outcome_level)
        note = Term.of("m004_catatan_hasil", role=ctx.role_name(node), output=replaced) if replaced else ""
        yield ctx.at("M004", node, "uraian", kind=Term(f"phrasing_{found[0]}"), word=found[1],
                     suggestion=suggestion, note=note)


def output_statement(statement: str) -> str | None:
    """The output word of a statement that names an output (a thing done or made): "Terlaksananya
    rapat koordinasi", "Tersusunnya dokumen …" (an output condition word with an activity or an
    output noun)."""
    w = _words()
    tokens = _FIRST_WORD.findall(statement)
    if not tokens or tokens[0].casefold() not in w.output_condition:
        return None
    second = tokens[1].casefold() if len(tokens) > 1 else ""
    if second in w.activity or any(t.casefold() in w.output_noun for t in tokens[1:]):
        return tokens[0]
    return None


def output_indicator(indicator: str) -> str | None:
    """The words of an indicator that measures an output: "Jumlah dokumen …", "Jumlah rapat …",
    "Terlaksananya rapat …", "Persentase kegiatan yang terlaksana"."""
    w = _words()
    tokens = [m.group(0) for m in islice(_FIRST_WORD.finditer(indicator), 2)]  # only the first two count
    if not tokens:
        return None
    first = tokens[0].casefold()
    if first in w.counts and len(tokens) > 1 and tokens[1].casefold() in w.output_noun:
        return f"{tokens[0]} {tokens[1]}"
    if first in w.output_condition:
        return tokens[0]
    m = w.output_share.search(indicator)
    if m:
        return m.group(0)
    return None


def check_outcome_orientation(ctx: Context) -> Iterator[Diagnostic]:
    """M016: at the levels that carry outcome indicators (outcome, CSF, kondisi antara utama and
    the kondisi antara above another one), neither the statement nor an indicator is an output
    or an activity."""
    for node in ctx.tree:
        t = node.tier
        if t is None or not t.outcome_level or node.partner_handled:
            continue
        params = dict(role=ctx.role_name(node), komponen=Term(f"tabel_jenis_{t.komponen}"))
        word = output_statement(node.uraian)
        if word:
            yield ctx.at("M016", node, "uraian", what=Term("m016_pernyataan"), word=word, text=node.uraian, **params)
        for i, ind in enumerate(node.indikator):
            word = output_indicator(ind.uraian)
            if word:
                yield ctx.at("M016", node, ("indikator", i, "uraian"), what=Term("m016_indikator"), word=word,
                             text=ind.uraian, **params)


def _first_token(text: str) -> str:
    parts = text.strip().lstrip("\"'([“‘").split(None, 1)  # the first word is all it needs
    return parts[0].rstrip(",.:;)\"'”’") if parts else ""


def measure_missing(indicator: str) -> str | None:
    """The first word of an indicator that does not open with a measure (Persentase, Jumlah, …)."""
    token = _first_token(indicator)
    if not token:
        return None
    low = token.casefold()
    w = _words()
    if low in w.measures or low.startswith("%") or low.split("-")[0] in w.measures:
        return None
    return token


def _measure_suggestion(indicator: str, token: str) -> str:
    rest = indicator.strip()[indicator.strip().find(token) + len(token):].strip()
    low = token.casefold()
    if low.endswith("nya") and low.startswith("ter") and rest:  # "Terlaksananya rapat" → "Jumlah rapat yang terlaksana"
        return _shorten(f"Jumlah {rest} yang {low[:-3]}")
    return _shorten(f"Jumlah {indicator.strip()}")


def check_indicator_wording(ctx: Context) -> Iterator[Diagnostic]:
    """M007 target inside the indicator, M008 "Jumlah…" with %, M012 polarity hint, M017 no
    measure, M018 a direction word."""
    w = _words()
    percent = {u.casefold() for u in words()["satuan_persen"]}
    for node in ctx.tree:
        outcome_level = node.tier is not None and node.tier.outcome_level and not node.partner_handled
        for i, ind in enumerate(node.indikator):
            where = ("indikator", i, "uraian")
            text = ind.uraian
            low = text.casefold()
            m = _embedded_target(w, text)
            if m:
                yield ctx.at("M007", node, where, indicator=text, word=m[0].group(0), suggestion=m[1])
            unit = (ind.satuan or "").strip().casefold()
            if low.startswith(w.counts) and unit in percent:
                yield ctx.at("M008", node, ("indikator", i, "satuan"), indicator=text)
            if ind.polaritas == "positif" and looks_negative(text):
                yield ctx.at("M012", node, where, indicator=text)
            token = measure_missing(text)
            # one finding per indicator: a target inside it (M007) or an output at an outcome
            # level (M016) already asks for the measured quantity
            if token and not m and not (outcome_level and output_indicator(text)):
                yield ctx.at("M017", node, where, indicator=text, word=token,
                             suggestion=_measure_suggestion(text, token))
            d = w.direction.search(low)
            if d and len(low) == len(text):  # casefolding kept the positions (it nearly always does)
                clean = " ".join((text[:d.start()] + text[d.end():]).split())
                yield ctx.at("M018", node, where, indicator=text, word=text[d.start():d.end()],
                             suggestion=_shorten(clean, 12))


def _embedded_target(w: _Words, text: str):
    """(match, example) of the target written into an indicator: the leftmost match of the
    patterns, the first listed where two start at the same place (what one alternation of them
    finds; searched one by one, each with its own fast scan, it is several times quicker). In
    an ASCII text, a pattern is searched only when the text holds a word it needs."""
    best = None
    low = text.lower() if text.isascii() else None
    for (pattern, example), needs in zip(w.embed, w.embed_needs):
        if low is not None and needs is not None:
            for need in needs:
                if need in low:
                    break
            else:
                continue
        m = pattern.search(text)
        if m is not None and (best is None or m.start() < best[0].start()):
            best = (m, example)
    return best


def needed_words(pattern: str, flags: int = re.IGNORECASE) -> tuple[str, ...] | None:
    """Lowercase ASCII strings of which an ASCII text that ``pattern`` matches holds at least one
    (once lowered): ``\\bnihil\\b`` needs "nihil", ``(%|persen)`` "%" or "persen". None when no
    such string is known (nothing literal is required, or the pattern is beyond this reading):
    then the pattern is always searched. A quick test before a search, never a different result.
    Only ASCII letters of the pattern count (under IGNORECASE a non-ASCII one can match an ASCII
    letter, e.g. the Kelvin sign a "k"), which is why only ASCII texts take the shortcut."""
    try:
        from re import _parser

        return _needed(_parser.parse(pattern, flags).data, _parser)
    except Exception:  # noqa: BLE001 - another Python's regex internals: no shortcut, same results
        return None


def _needed(items, p) -> tuple[str, ...] | None:
    """What a sequence of parsed regex items needs: the most telling of what its parts need
    (each part must match, so any part's need is the sequence's)."""
    options: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, av in list(items) + [(None, None)]:
        if op is p.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            options.append(("".join(run),))
            run = []
        if op is p.SUBPATTERN:
            need = _needed(av[-1], p)
        elif op is p.BRANCH:
            alts = [_needed(a, p) for a in av[1]]
            need = None if any(a is None for a in alts) else tuple(x for a in alts for x in a)
        elif op in (p.MAX_REPEAT, p.MIN_REPEAT, getattr(p, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            need = _needed(av[2], p)
        else:
            need = None
        if need:
            options.append(need)
    return max(options, key=lambda o: min(map(len, o)), default=None)


def looks_negative(indicator: str) -> bool:
    """Whether an indicator reads "lower is better": what it measures (the words after its measure
    word) is a bad thing (konflik, kasus, kemiskinan …), and it is no handling rate or coverage
    ("… yang ditangani", "Cakupan …", "Persentase … yang ditindaklanjuti") nor an index."""
    w = _words()
    low = indicator.casefold().strip()
    tokens = low.split(None, 4)
    if tokens and tokens[0] in w.measures:
        tokens = tokens[1:]
    window = [t.strip(",.;:()/\"'") for t in tokens[:3]]
    negative = w.negative
    if not window or not (window[0] in w.negative_first or not negative.isdisjoint(window)
                          or not negative.isdisjoint(map(" ".join, zip(window, window[1:])))):
        return False
    return not (low.startswith(w.never_negative) or w.handled.search(low))


def check_crosscutting(ctx: Context) -> Iterator[Diagnostic]:
    """M006 crosscutting without a partner; M011 crosscutting yet decomposed."""
    for node in ctx.tree:
        if not node.is_crosscutting:
            continue
        if not node.data.mitra:
            yield ctx.at("M006", node, "crosscutting")
        kids = ctx.tree.children(node.id)
        if kids:
            yield ctx.at("M011", node, "crosscutting", count=len(kids))


def check_period(ctx: Context) -> Iterator[Diagnostic]:
    """M014 a period longer than a planning period; M015 a period no plan has (tables refuse it)."""
    years = len(ctx.tree.years)
    period = ctx.tree.doc.periode
    for code, limit in (("M015", MAX_PERIOD_YEARS), ("M014", PLANNING_YEARS)):
        if years > limit:
            yield diagnostic(code, ctx.source.locate(("periode",)), field=("periode",), period=period,
                             years=years, max=limit)
            return


_INFINITE = (float("inf"), float("-inf"))
_WHOLE = {int}


def _number(v) -> int | float | None:
    """A target or realisation as a number; None for text (a grade). Python compares an int of
    any size with a float exactly, so nothing is converted."""
    if v.__class__ is int or (v.__class__ is float and v == v and v not in _INFINITE):
        return v
    return None


def _worse(value, than, polarity: str) -> bool:
    return value < than if polarity == "positif" else value > than


def check_targets(ctx: Context) -> Iterator[Diagnostic]:
    """M019 targets without a baseline (levels carrying outcome indicators); M020 targets that
    move away from the end state over the period; M021 a target worse than the baseline or the
    year before's realisation (positive polarity: below; negative: above)."""
    for node in ctx.tree:
        if node.partner_handled:
            continue
        outcome_level = node.tier is not None and node.tier.outcome_level
        for i, ind in enumerate(node.indikator):
            target = ind.target
            if not target:
                continue
            if set(map(type, target.values())) == _WHOLE:  # whole numbers only (nearly always)
                years = sorted(target)
            else:
                years = sorted(y for y, v in target.items() if _number(v) is not None)
            if not years:
                continue  # grades only ("BB")
            if outcome_level and ind.baseline is None:
                yield ctx.at("M019", node, ("indikator", i, "uraian"), about=("indikator", i, "baseline"),
                             indicator=ind.uraian, role=ctx.role_name(node))
            yield from _target_turns(ctx, node, i, ind, years)


def _target_turns(ctx: Context, node, i: int, ind, years: list[int]) -> Iterator[Diagnostic]:
    target, polarity = ind.target, ind.polaritas
    values = list(map(target.__getitem__, years))
    if all(map(le if polarity == "positif" else ge, values, values[1:])):  # nothing turns (the usual case)
        fall = None
    else:
        fall = next((k for k in range(1, len(years)) if _worse(values[k], values[k - 1], polarity)), None)
    base = _number(ind.baseline)
    real = ind.realisasi
    below = []
    if base is not None or real:
        for k, y in enumerate(years):
            r = _number(real.get(y - 1)) if real else None
            if r is not None:
                ref = (Term.of("m021_realisasi", year=y - 1), real[y - 1])
            elif k == 0 and base is not None and (ind.tahun_baseline is None or ind.tahun_baseline < y):
                ref = (Term.of("m021_baseline", year=f" {ind.tahun_baseline}" if ind.tahun_baseline else ""),
                       ind.baseline)
            else:
                continue
            if _worse(target[y], ref[1], polarity):
                below.append((y, ref))
    if (fall is None and not below) or (polarity == "positif" and looks_negative(ind.uraian)):
        return  # nothing turns; or the polarity itself looks wrong (M012 says so)
    pol = Term(f"polaritas_{polarity}")
    if fall is not None:  # the first turn is the one to fix; the rest often follows from it
        prev, y = years[fall - 1], years[fall]
        yield ctx.at("M020", node, ("indikator", i, "target", y), indicator=ind.uraian,
                     prev=format_number(target[prev]), prev_year=prev, value=format_number(target[y]), year=y,
                     polarity=pol, direction=Term("m020_turun" if polarity == "positif" else "m020_naik"))
    for y, (reference, value) in below:
        yield ctx.at("M021", node, ("indikator", i, "target", y), indicator=ind.uraian, year=y,
                     value=format_number(target[y]), reference=reference, ref_value=format_number(value),
                     polarity=pol, direction=Term("m021_bawah" if polarity == "positif" else "m021_atas"))


def check_iku(ctx: Context) -> Iterator[Diagnostic]:
    """M022 a CSF (Sasaran) without an IKU; M023 an IKU on a box below the levels that carry IKU."""
    from pohon.model.roles import tiers

    carriers = [t for t in tiers() if t.iku and not t.atas]
    levels = ()
    for k, t in enumerate(carriers):
        levels += ((", " if k < len(carriers) - 1 else Term("kata_dan")) if k else "",) + (Term(f"role:{t.peran}"),)
    for node in ctx.tree:
        if node.partner_handled or node.tier is None:
            continue
        if node.role_key == "csf" and node.indikator and all(ind.iku is False for ind in node.indikator):
            yield ctx.at("M022", node, ("indikator",))
        if not node.tier.iku:
            for i, ind in enumerate(node.indikator):
                if ind.iku:
                    yield ctx.at("M023", node, ("indikator", i, "iku"), indicator=ind.uraian,
                                 role=ctx.role_name(node), levels=levels)


def check_support_programme(ctx: Context) -> Iterator[Diagnostic]:
    """M024: the support programme (urusan.bidang.01, held by the Secretary) has a place in a
    tree that translates into coded programs; without codes, a tree whose boxes name their
    Kepala Bidang names the Sekretaris too."""
    if ctx.facts.codes or ctx.facts.components:  # else no box below has a `kode:` or a `komponen:`
        from pohon.mapping.components import components_of

    codes, positions = [], []
    for node in ctx.tree:
        data = node.data
        if data.komponen or (data.kode and node.tier is not None and node.tier.komponen == "program"):
            codes += [c.code for c in components_of(node) if c.jenis == "program" and c.code is not None]
        if data.jabatan:
            positions += [j.nama.casefold() for j in data.jabatan]
    if any(c.parts[2] == "01" for c in codes):
        return
    urusan = codes[0].urusan_bidang if codes else (ctx.tree.doc.organisasi.urusan or "X.XX").split(",")[0].strip()
    example = f"{urusan}.01"
    if codes:
        shown = sorted({c.text for c in codes})
        detail = Term.of("m024_kode", count=len(shown), codes=", ".join(shown[:4]) + (" …" if len(shown) > 4 else ""))
    elif any("kepala bidang" in p for p in positions) and not any("sekretar" in p for p in positions):
        detail = Term("m024_jabatan")
    else:
        return
    yield ctx.at_path("M024", ("kinerja",), detail=detail, example=example)


CHECKS = [check_period, check_indicators, check_phrasing, check_outcome_orientation, check_indicator_wording,
          check_targets, check_iku, check_support_programme, check_crosscutting]
