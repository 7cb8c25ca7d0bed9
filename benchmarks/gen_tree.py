"""Synthetic but realistic pohon kinerja trees for benchmarks (50 … 50,000 nodes).

One outcome, then CSF, antara-utama, antara and operasional levels; every leaf is an
operational condition, every node has an indicator with a unit and a target for every year of
the period, and every statement is a distinct condition ("Meningkatnya …", "Terlaksananya …")
so that a generated tree checks clean.

Two variants stress the near-duplicate rule (M005) and must check clean as well:

- ``similar``: every statement below the outcome reads "Terlaksananya pembinaan dan pengawasan
  kegiatan ‹topik› di Desa ‹desa›": distinct conditions, most pairs over 85 % alike as text;
- ``lookalike``: the same, with village names that look alike ("Lampihong", "Lampihang",
  "Lampihung"…), each used by many boxes: distinct places, not typos.

    python benchmarks/gen_tree.py 5000 -o benchmarks/_data/pohon-5000.yaml [--flat] [--variant similar]

As a module: ``generate(n, flat=False, variant="normal") -> str``.
"""

from __future__ import annotations

import argparse
import sys
from functools import cache
from pathlib import Path

PERIOD = (2025, 2029)
ROLES = ["outcome", "csf", "antara-utama", "antara", "operasional"]

# Condition verbs ("-nya" forms) per level, strategic to operational.
VERBS = [
    ["Meningkatnya", "Terwujudnya"],
    ["Meningkatnya", "Menguatnya", "Membaiknya", "Terjaganya", "Terpeliharanya"],
    ["Meningkatnya", "Terkendalinya", "Terpenuhinya", "Tercapainya", "Menguatnya", "Membaiknya"],
    ["Tersedianya", "Terkoordinasinya", "Terfasilitasinya", "Tertanganinya", "Terumuskannya", "Terselenggaranya"],
    ["Terlaksananya", "Tersusunnya", "Terselenggaranya", "Tersedianya", "Terfasilitasinya", "Terkoordinasinya"],
]
SUBJECTS = [
    "ketahanan pangan", "kualitas layanan publik", "partisipasi pemilih", "kerukunan umat beragama",
    "wawasan kebangsaan", "ketertiban umum", "akses air minum", "cakupan imunisasi", "literasi digital",
    "produktivitas petani", "daya saing koperasi", "kepatuhan pajak daerah", "akurasi data kependudukan",
    "kesiapsiagaan bencana", "kapasitas aparatur", "transparansi anggaran", "mutu pendidikan dasar",
    "pelestarian budaya lokal", "kebersihan sungai", "jaringan irigasi", "pemasaran hasil perikanan",
    "perlindungan anak", "pemberdayaan perempuan", "pembinaan ormas", "keterbukaan informasi",
    "perizinan berusaha", "kunjungan wisatawan", "sanitasi permukiman", "penerangan jalan",
    "cadangan beras", "pelayanan perpustakaan", "kemandirian desa", "kearsipan dinamis", "ruang terbuka hijau",
    "kualitas udara", "pengelolaan sampah", "legalitas aset", "pengawasan obat", "keamanan pasar",
    "transportasi perdesaan",
]
ASPECTS = [
    "berbasis komunitas", "secara terpadu", "melalui kemitraan", "dengan dukungan teknologi", "yang inklusif",
    "secara berkelanjutan", "bagi kelompok rentan", "di wilayah perbatasan", "lintas sektor", "tepat waktu",
    "sesuai standar", "dengan anggaran efisien", "secara partisipatif", "berdasarkan data", "yang akuntabel",
    "di tingkat kecamatan", "melalui pelatihan", "dengan pendampingan", "secara daring", "dalam keadaan darurat",
]
PLACES = [
    "Paringin", "Lampihong", "Batumandi", "Juai", "Awayan", "Halong", "Tebing Tinggi", "Kusan", "Murung Pudak",
    "Pirsus", "Tanah Habang", "Mangkayahu", "Sungsum", "Hujan Mas", "Guntung", "Bihara", "Gulinggang", "Tawahan",
    "Lok Batu", "Uren", "Dahai", "Hamparaya", "Kapul", "Binjai", "Baruh Bahinu", "Kalahiang", "Teluk Mesjid",
    "Sirap", "Jimamun", "Lajar", "Ampukung", "Layap", "Marias", "Galumbang", "Dayak Pitap", "Ajung", "Liyu",
    "Kambiyain", "Langkap", "Auh", "Mayanau", "Nungka", "Bungin", "Simpang Tiga", "Muara Ninian", "Pudak",
]
SECTORS = [
    "pangan", "layanan publik", "pemilu", "keagamaan", "kebangsaan", "ketertiban", "air minum", "imunisasi",
    "digital", "pertanian", "koperasi", "pajak", "kependudukan", "kebencanaan", "aparatur", "anggaran",
    "pendidikan", "kebudayaan", "sungai", "irigasi", "perikanan", "anak", "perempuan", "ormas", "informasi",
    "perizinan", "pariwisata", "permukiman", "jalan", "beras", "perpustakaan", "desa", "kearsipan",
    "ruang hijau", "udara", "sampah", "aset", "obat", "pasar", "angkutan",
]
# Indicator kinds, one per verb position: (first word, measured thing, unit).
KINDS = [("Persentase", "capaian", "%"), ("Indeks", "kepuasan", "indeks"), ("Jumlah", "dokumen", "dokumen"),
         ("Jumlah", "peserta", "orang"), ("Jumlah", "fasilitas", "unit"), ("Rasio", "sarana", "rasio")]
_SYLLABLES = ["ba", "lu", "ri", "ngan", "to", "mah", "sa", "ki", "pun", "de", "ho", "tam", "wu", "jen", "gir"]


def _distinct(items: list[str], limit: int = 58) -> list[str]:
    """Greedily keep items that are all unlike each other (so no two statements read as a re-typed
    one: pohon's M005 treats word pairs ≥ 60 % alike as typos)."""
    from rapidfuzz import fuzz

    kept: list[str] = []
    for item in items:
        words = item.lower().split()
        if all(fuzz.ratio(item.lower(), k.lower()) < limit and (len(words) != len(k.split()) or any(
                fuzz.ratio(a, b) < 60 for a, b in zip(words, k.lower().split()))) for k in kept):
            kept.append(item)
    return kept


@cache
def vocab() -> tuple[list[str], list[str], list[str]]:
    """(subjects, aspects, places), each pairwise unlike."""
    synthetic = [(a + b + c).capitalize() for a in _SYLLABLES for b in _SYLLABLES[3:] for c in _SYLLABLES[6:]
                 if a != b != c]
    return _distinct(SUBJECTS), _distinct(ASPECTS), _distinct(PLACES + synthetic)[:120]


def level_counts(n: int) -> list[int]:
    """Nodes per level (5 levels, widening downwards) adding up to ``n``."""
    if n < 5:
        raise ValueError("a five-level tree needs at least 5 nodes")
    lo, hi = 1.0, float(n)
    for _ in range(60):  # bisection for r with 1 + r + r² + r³ + r⁴ = n
        r = (lo + hi) / 2
        lo, hi = (r, hi) if sum(r**k for k in range(5)) < n else (lo, r)
    counts = [1]
    for k in range(1, 4):
        counts.append(max(counts[-1], round(r**k)))
    counts.append(n - sum(counts))
    while counts[4] < counts[3]:  # keep every parent with at least one child
        counts[3] -= 1
        counts[2] = min(counts[2], counts[3])
        counts[4] = n - sum(counts[:4])
    return counts


@cache
def _statements(level: int, count: int) -> list[tuple[str, str]]:
    """``count`` distinct (statement, indicator topic) pairs for ``level``."""
    from math import gcd

    subjects, aspects, places = vocab()
    out: list[tuple[str, str]] = []
    verbs = VERBS[level]
    total = len(verbs) * len(subjects) * len(aspects) * len(places)
    if count > total:
        raise ValueError(f"cannot make {count} distinct statements (max {total})")
    step = next(p for p in (7919, 7927, 7933, 7937, 7949) if gcd(p, total) == 1)  # a bijection on 0..total-1
    for i in range(count):
        k = (i * step + level * 104729) % total
        k, v = divmod(k, len(verbs))
        k, s = divmod(k, len(subjects))
        p, a = divmod(k, len(aspects))
        place = places[p % len(places)]
        if level == 0:
            text = f"{verbs[v]} {subjects[s].capitalize()} Masyarakat Kabupaten Balangan"
        elif level == 1:
            text = f"{verbs[v]} {subjects[s].capitalize()} {aspects[a]}"
        else:
            text = f"{verbs[v]} {subjects[s]} {aspects[a]} di {place}"
        out.append((text, f"{v}|{subjects[s]} {aspects[a]}" + (f" di {place}" if level > 1 else "")))
    return out


VARIANTS = ("normal", "similar", "lookalike")
TEMPLATE = "pembinaan dan pengawasan kegiatan {topic} di Desa {desa}"
_VOWELS = "aiueo"


@cache
def unlike_names(count: int = 300) -> list[str]:
    """``count`` made-up village names, no two of them alike (word similarity under 60 %)."""
    from zlib import crc32

    from rapidfuzz import fuzz, process

    syllables = [c + v for c in "bdghjklmnprstwy" for v in _VOWELS]
    made = [a + b + end for a in syllables for b in syllables for end in ("ng", "n", "k", "r", "s", "t", "m", "h", "")]
    made.sort(key=lambda w: (crc32(w.encode()), w))  # a fixed shuffle
    kept: list[str] = []
    for name in made:
        if process.extractOne(name, kept, scorer=fuzz.ratio, score_cutoff=60) is None:
            kept.append(name)
            if len(kept) == count:
                break
    return [k.capitalize() for k in kept]


@cache
def lookalike_names() -> list[str]:
    """Village names in families of four that differ in one vowel ("Lampihong", "Lampihang"…)."""
    bases = [p for p in vocab()[2] if " " not in p and len(p) >= 5 and p[-2] in _VOWELS][:40]
    out = []
    for base in bases:
        family = [base[:-2] + v + base[-1] for v in _VOWELS if v != base[-2]][:3]
        out += [base, *family]
    return out


@cache
def _variant_statements(variant: str, total: int) -> list[tuple[str, str]]:
    """``total`` distinct (statement, indicator topic) pairs of the similar or look-alike variant;
    the village changes fastest, so boxes next to each other differ only in their village."""
    subjects, aspects, _ = vocab()
    desas = unlike_names() if variant == "similar" else lookalike_names()
    verbs = VERBS[4]
    # subject and aspect both change from one topic to the next (29 and 15 are coprime), so that
    # each word of a topic is shared by few boxes, as in a real tree
    topics = [f"{subjects[t % len(subjects)]} {aspects[t % len(aspects)]}" for t in range(len(subjects) * len(aspects))]
    if total > len(verbs) * len(topics) * len(desas):
        raise ValueError(f"cannot make {total} distinct statements")
    out = []
    for k in range(total):
        k, d = divmod(k, len(desas))
        v, t = divmod(k, len(topics))
        body = TEMPLATE.format(topic=topics[t], desa=desas[d])
        out.append((f"{verbs[v]} {body}", f"{4 if v == 0 else 2}|kegiatan {topics[t]} di Desa {desas[d]}"))
    return out


def _indicator(level: int, i: int, topic: str, indent: str) -> str:
    v, topic = topic.split("|", 1)
    if level <= 2 and KINDS[int(v)][1] == "dokumen":  # an output is not a measure of an outcome (M016)
        v = "0"
    word, thing, unit = KINDS[int(v)]
    start = 60 + (i * 7) % 30 if unit in ("%", "indeks") else 1 + i % 9
    targets = ", ".join(f"{y}: {start + (y - PERIOD[0]) * (2 if unit in ('%', 'indeks') else 1)}"
                        for y in range(PERIOD[0], PERIOD[1] + 1))
    unit_yaml = "'%'" if unit == "%" else unit
    baseline = f"baseline: {start - 1}, " if level <= 2 else ""  # outcome levels state where they start (M019)
    return (f"{indent}indikator:\n{indent}  - {{uraian: {word} {thing} {topic}, satuan: {unit_yaml}, "
            f"{baseline}target: {{{targets}}}}}\n")


def _node_id(level: int, i: int) -> str:
    return ["O", "C", "AU", "A", "K"][level] + str(i + 1)


def generate(n: int, flat: bool = False, variant: str = "normal") -> str:
    """The YAML text of a clean ``n``-node tree, nested under `cabang:` or flat with `induk:`."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {', '.join(VARIANTS)}")
    counts = level_counts(n)
    texts = [_statements(level, c) for level, c in enumerate(counts)]
    if variant != "normal":  # below the outcome, one template for every box
        pool = iter(_variant_statements(variant, n - 1))
        texts = [texts[0]] + [[next(pool) for _ in range(c)] for c in counts[1:]]
    # parent index of node i at level k: spread children evenly over the level above
    parent = [[0] * c for c in counts]
    children: list[list[list[int]]] = [[[] for _ in range(c)] for c in counts]
    for k in range(1, 5):
        for i in range(counts[k]):
            parent[k][i] = i * counts[k - 1] // counts[k]
            children[k - 1][parent[k][i]].append(i)
    head = (
        f"# Pohon sintetis {n} simpul (benchmarks/gen_tree.py)\n"
        "pohon: 1\n"
        "organisasi:\n  nama: Dinas Sintetis Kabupaten Balangan\n  singkat: Dinas Sintetis\n"
        f"periode: {PERIOD[0]}-{PERIOD[1]}\n"
        "kinerja:\n"
    )
    parts = [head]

    def emit(level: int, i: int, indent: str, induk: str | None) -> None:
        text, topic = texts[level][i]
        parts.append(f"{indent[:-2]}- id: {_node_id(level, i)}\n")
        if level == 0:
            parts.append(f"{indent}peran: outcome\n")
        if induk:
            parts.append(f"{indent}induk: {induk}\n")
        parts.append(f"{indent}uraian: {text}\n")
        parts.append(_indicator(level, i, topic, indent))
        if level < 4 and not flat:
            parts.append(f"{indent}cabang:\n")
            for c in children[level][i]:
                emit(level + 1, c, indent + "    ", None)

    if flat:
        for level in range(5):
            for i in range(counts[level]):
                emit(level, i, "    ", _node_id(level - 1, parent[level][i]) if level else None)
    else:
        emit(0, 0, "    ", None)
    return "".join(parts)


DATA = Path(__file__).resolve().parent / "_data"  # git-ignored


def tree_file(n: int, variant: str = "normal") -> Path:
    """A generated n-node tree in benchmarks/_data/, written once and reused."""
    path = DATA / (f"pohon-{n}.yaml" if variant == "normal" else f"pohon-{variant}-{n}.yaml")
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_text(generate(n, variant=variant), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of nodes (≥ 5)")
    ap.add_argument("-o", "--output", type=Path, help="output file (default: stdout)")
    ap.add_argument("--flat", action="store_true", help="flat layout with `induk:` instead of nested `cabang:`")
    ap.add_argument("--variant", choices=VARIANTS, default="normal",
                    help="similar: one statement template; lookalike: the same with look-alike village names")
    args = ap.parse_args(argv)
    text = generate(args.n, flat=args.flat, variant=args.variant)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
