from decimal import Decimal

import pytest

from pohon.model.values import format_number, format_rupiah, number_or_text, parse_number, parse_period


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1.500.000", Decimal("1500000")),
        ("12,5", Decimal("12.5")),
        ("Rp 10.154.864.976,00", Decimal("10154864976.00")),
        ("2,675,203,565", Decimal("2675203565")),  # as printed in Renja tables
        ("12.5", Decimal("12.5")),
        ("75%", Decimal("75")),
        ("1.500", Decimal("1500")),
        ("0.500", Decimal("0.500")),
        ("64,60", Decimal("64.60")),
        ("-3", Decimal("-3")),
        ("BB", None),
        ("-", None),
        ("", None),
        ("1.2.3,4,5", None),
    ],
)
def test_parse_number_reads_indonesian_and_international_forms(text, expected):
    assert parse_number(text) == expected


def test_values_keep_text_targets_and_turn_numbers_into_numbers():
    assert number_or_text("BB") == "BB"
    assert number_or_text("12,5") == 12.5
    assert number_or_text("1.500") == 1500
    assert isinstance(number_or_text("100"), int)


def test_period_and_formats():
    assert parse_period("2021-2026") == (2021, 2026)
    assert parse_period("2021 – 2026") == (2021, 2026)
    assert parse_period("2026-2021") is None
    assert format_rupiah(4497496565) == "Rp 4.497.496.565"
    assert format_rupiah(Decimal("1000.5")) == "Rp 1.000,50"
    assert format_number(12.5) == "12,5"
    assert format_number(1500) == "1.500"


@pytest.mark.parametrize("amount, shown", [("-0.5", "Rp -0,50"), ("10.999", "Rp 11"), ("2.675", "Rp 2,68"),
                                           ("-1500", "Rp -1.500"), ("-0.004", "Rp 0"), ("1000.5", "Rp 1.000,50")])
def test_rupiah_keeps_its_sign_and_rounds_sen_once(amount, shown):
    assert format_rupiah(Decimal(amount)) == shown


def test_table_numbers_show_every_decimal_never_rounded():
    """A target of 0,125 is printed 0,125 (it was 0,12: rounded half to even to two places); a
    measured value rounded by the tree's rule keeps its places (94,20)."""
    from decimal import Decimal

    from pohon.render.tables.numbers import number_text

    assert number_text(Decimal("0.125")) == "0,125"
    assert number_text(0.005) == "0,005"
    assert number_text(12.345) == "12,345"
    assert number_text(Decimal("94.20")) == "94,20"
    assert number_text(1500) == "1.500"
    assert number_text(-0.5) == "-0,5"


def test_spreadsheet_cells_show_every_decimal(tmp_path):
    """The XLSX number format shows the value's own places: 0,125 is not displayed as 0,13."""
    from decimal import Decimal

    from openpyxl import load_workbook

    from pohon.render.tables.model import Cell, Section, TableDoc
    from pohon.render.tables.xlsx import to_xlsx

    cells = [Cell(Decimal("0.125"), kind="number"), Cell(Decimal("94.20"), kind="percent"), Cell(1500, kind="number"),
             Cell(Decimal("1500.5"), kind="rupiah")]
    doc = TableDoc("x", "T", "S", [Section("S", [], [], ["a", "b", "c", "d"], [8, 8, 8, 8], rows=[cells])])
    path = tmp_path / "x.xlsx"
    path.write_bytes(to_xlsx(doc))
    ws = load_workbook(path).active
    row = next(r for r in ws.iter_rows() if r[0].value == 0.125)
    assert [c.number_format for c in row[:4]] == ["#,##0.000", '0.00"%"', "#,##0", "#,##0.00"]


def test_messages_and_diagrams_show_every_decimal():
    from pohon.model.values import format_number

    assert [format_number(v) for v in (0.125, 12.5, 1500, 1234567.891, -0.5)] == [
        "0,125", "12,5", "1.500", "1.234.567,891", "-0,5"]


def test_format_number_takes_decimals_too():
    from decimal import Decimal

    from pohon.model.values import format_number

    assert [format_number(v) for v in (Decimal("1.50"), Decimal("7"), 3.0, "BB")] == ["1,50", "7", "3", "BB"]
