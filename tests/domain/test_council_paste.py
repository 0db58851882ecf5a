"""Blocks pasted from Excel into the ballot table: numbers alone, rows naming candidates with
or without a header, and the matching of rows to candidates (issue 14)."""

from __future__ import annotations

from datetime import date

from app.domain.council_paste import BlockRow, Candidate, match_rows, parse_block, parse_count


def test_counts_are_whole_numbers_of_ballots() -> None:
    assert [parse_count(t) for t in ("9", " 12 ", "9.0", "9,0")] == [9, 12, 9, 9]
    assert [parse_count(t) for t in ("", "9.5", "-1", "chín", "12345")] == [None] * 5


def test_a_column_of_numbers_is_pasted_where_the_cursor_is() -> None:
    block = parse_block("9\r\n8\r\n\r\n7\r\n")  # Excel ends every line, the last one too
    assert block.numbers_only and not block.rows
    assert block.grid == ((9,), (8,), (None,), (7,))
    wide = parse_block("10\t10\t9\n10\t\t8")
    assert wide.grid == ((10, 10, 9), (10, None, 8))
    assert parse_block("   \n").problems == ("Không có gì để dán",)
    assert parse_block("1200").problems  # no Council has that many members


def test_rows_are_read_by_their_header() -> None:
    block = parse_block(
        "STT\tHọ và tên\tNgày sinh\tKhông đồng ý\tĐồng ý\tGhi chú\n"
        "1\tNguyễn Văn An\t02/09/1980\t1\t8\t\n"
        "\t\t\t\t\t\n"
        "x\tLê Thị Bình\t31/02/1980\t0\tmười\t\n"
    )
    assert block.header and len(block.rows) == 2
    first, bad = block.rows
    assert (first.line, first.stt, first.name, first.birth_date) == (
        2,
        1,
        "Nguyễn Văn An",
        date(1980, 9, 2),
    )
    assert first.counts == {"in_favour": 8}  # "Không đồng ý" is not "Đồng ý"
    assert bad.line == 4 and len(bad.problems) == 3  # STT, date of birth, count


def test_rows_without_a_header_are_read_as_the_tally_sheet() -> None:
    block = parse_block(
        "7\tNguyễn Văn An\t02/09/1980\tPhòng Kế hoạch\tCSTĐCS\t10\t10\t9\t8\n"
        "Lê Thị Bình\t1985\t6\n"
        "Trần Văn Cường\t\t\t\t5\t\n"
    )
    an, binh, cuong = block.rows
    assert an.stt == 7 and an.counts == {"issued": 10, "returned": 10, "valid": 9, "in_favour": 8}
    assert (binh.stt, binh.birth_year, binh.counts) == (None, 1985, {"in_favour": 6})
    assert cuong.counts == {"in_favour": 5}


CANDIDATES = [
    Candidate(("p", 1), 1, "Nguyễn Văn An", date(1980, 9, 2)),
    Candidate(("p", 2), 2, "Lê Thị Hoa", date(1985, 3, 2)),
    Candidate(("p", 3), 3, "Lê Thị Hoa", date(1990, 7, 9)),
    Candidate(("u", 4), 4, "Tổ Hành chính", None, ballot=False, title="TTLĐTT"),
]


def test_rows_find_their_candidate_or_say_why_not() -> None:
    rows = [
        BlockRow(1, stt=1, name="nguyen van an", counts={"in_favour": 9}),  # no diacritics
        BlockRow(2, name="Lê Thị Hoa", birth_year=1990, counts={"in_favour": 8}),
        BlockRow(3, name="Lê Thị Hoa", counts={"in_favour": 7}),
        BlockRow(4, stt=2, name="Lê Thị Hoa", birth_date=date(1990, 7, 9)),
        BlockRow(5, name="Nguyễn Văn An", counts={"in_favour": 6}),
        BlockRow(6, key=("u", 4), counts={"in_favour": 5}),
        BlockRow(7, name="Người Lạ"),
    ]
    found = match_rows(rows, CANDIDATES)
    assert [m.candidate.key if m.candidate else None for m in found] == [
        ("p", 1),
        ("p", 3),
        None,
        None,
        ("p", 1),
        ("u", 4),
        None,
    ]
    assert [m.ok for m in found] == [True, True, False, False, False, True, False]
    assert "Có 2 người tên Lê Thị Hoa" in found[2].problems[0]
    assert "sinh ngày 02/03/1985" in found[3].problems[0]
    assert found[4].problems == ("Nguyễn Văn An đã có ở dòng 1",)
    assert "Không có Người Lạ" in found[6].problems[0]
