"""Small builders shared by the tests."""

from __future__ import annotations

import textwrap

HEADER = """\
pohon: 1
organisasi: {nama: Dinas Uji}
periode: 2024-2025
kinerja:
"""


def ind(uraian: str = "Persentase capaian", satuan: str = "'%'", target: str = "{2024: 90, 2025: 95}",
        baseline: str | None = None) -> str:
    base = f", baseline: {baseline}, tahun_baseline: 2023" if baseline is not None else ""
    return f"[{{uraian: {uraian}, satuan: {satuan}{base}, target: {target}}}]"


def tree(body: str) -> str:
    """A tree file from the YAML of the `kinerja:` list (indented freely)."""
    return HEADER + textwrap.indent(textwrap.dedent(body).strip("\n"), "  ") + "\n"


def chain(o: str = "Meningkatnya rasa aman masyarakat", c: str = "Meningkatnya kewaspadaan masyarakat",
          kau: str = "Meningkatnya deteksi dini konflik", ka: str = "Terumuskannya kebijakan teknis kewaspadaan",
          ko: str = "Terlaksananya koordinasi kewaspadaan", extra: str = "") -> str:
    """A clean five-level tree; ``extra`` is appended to the `kinerja:` list."""
    return tree(textwrap.dedent(f"""
        - id: O1
          peran: outcome
          uraian: {o}
          indikator: {ind("Indeks rasa aman", "indeks", "{2024: 70, 2025: 72}", "68")}
          cabang:
            - id: C1
              uraian: {c}
              indikator: {ind("Persentase wilayah waspada", baseline="85")}
              cabang:
                - id: KAU1
                  uraian: {kau}
                  indikator: {ind("Persentase konflik terdeteksi dini", baseline="85")}
                  cabang:
                    - id: KA1
                      uraian: {ka}
                      indikator: {ind("Jumlah dokumen kebijakan", "dokumen", "{2024: 1, 2025: 1}")}
                      cabang:
                        - id: KO1
                          uraian: {ko}
                          indikator: {ind("Jumlah laporan koordinasi", "laporan", "{2024: 4, 2025: 4}")}
        """) + textwrap.dedent(extra).strip("\n"))


def with_field(text: str, node_id: str, line: str) -> str:
    """Insert the YAML ``line`` as a new field of node ``node_id`` (written as ``- id: …``)."""
    out = []
    for row in text.splitlines():
        out.append(row)
        if row.strip() == f"- id: {node_id}":
            out.append(" " * (row.index("-") + 2) + line)
    return "\n".join(out) + "\n"


# A box id and statement that try to break out of the viewer page through the findings.
HOSTILE_TREE = """pohon: 1
organisasi: {nama: "Dinas <b>Uji</b>"}
periode: 2024-2025
kinerja:
  - id: O1
    uraian: Meningkatnya rasa aman
    peran: outcome
    indikator:
      - {uraian: Angka konflik sosial, satuan: kasus, target: {2024: 1, 2025: 1}}
    cabang:
      - id: "X</script><img/src=x/onerror=window.PWNED=1>"
        uraian: "Pelaksanaan <script>window.PWNED=2</script> rapat"
"""
