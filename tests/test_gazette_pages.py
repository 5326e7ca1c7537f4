"""Running-header removal and page recovery on small gazette-shaped texts written here."""

from __future__ import annotations

import pytest

from corpus.document import RawPage
from corpus.gazette_pages import (
    clean_pages,
    find_headers,
    paginate,
    split_paragraphs,
    strip_running_headers,
    trailing_page_numbers,
)

HEADERS = [
    ("หนา 14 เลม 140 ตอนพิเศษ 81 ง ราชกิจจานุเบกษา 4 เมษายน 2566", 14),
    ("้ หนา 14 ่ เลม 140 ตอนพิเศษ 84 ง ราชกิจจานุเบกษา 10 เมษายน 2566", 14),
    ("หน้า ๑๔ เล่ม ๑๓๙ ตอนที่ ๖๓ ก ราชกิจจานุเบกษา ๑๑ ตุลาคม ๒๕๖๕", 14),
    ("หน\uf70bา 3 เล\uf70aม 139 ตอนที\uf70a 63 ก ราชกิจจานุเบกษา 12 ตุลาคม 2565", 3),
    ("\uf70b หนา 9 \uf70a เลม 140 ตอนพิเศษ 29 ง ราชกิจจานุเบกษา 7 กุมภาพันธ\uf70e 2566", 9),
    ("เล่ม ๑๔๐ ตอนพิเศษ ๘๔ ง หน้า ๑๕ ราชกิจจานุเบกษา ๑๐ เมษายน ๒๕๖๖", 15),
]


@pytest.mark.parametrize(("header", "page"), HEADERS)
def test_header_glued_mid_text_is_removed(header: str, page: int) -> None:
    text = f"ให้ถือว่าได้รับแล้ว {header} ข้อ 2 ประกาศนี้"
    cleaned, pages = strip_running_headers(text)
    assert cleaned == "ให้ถือว่าได้รับแล้ว ข้อ 2 ประกาศนี้"
    assert pages == [page]


def test_mentions_of_the_gazette_are_not_headers() -> None:
    text = "ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศในราชกิจจานุเบกษา 2. หน่วยงาน หน้า 3 ของเอกสาร"
    assert find_headers(text) == []
    assert strip_running_headers(text) == (text, [])


def test_real_tone_mark_before_header_is_kept() -> None:
    cleaned, _ = strip_running_headers("ได้ ้ หนา 4 ่ เลม 139 ตอนที่ 63 ก ราชกิจจานุเบกษา 12 ตุลาคม 2565")
    assert cleaned == "ได้"


def test_pages_recovered_from_headers_ending_each_paragraph() -> None:
    text = (
        "ประกาศ เรื่อง ช่องทาง ข้อ 1 ้ หนา 7 ่ เลม 140 ตอนพิเศษ 60 ง ราชกิจจานุเบกษา 15 มีนาคม 2566\n\n"
        "ข้อ 2 ประกาศ ณ วันที่ ้ หนา 8 ่ เลม 140 ตอนพิเศษ 60 ง ราชกิจจานุเบกษา 15 มีนาคม 2566\n\n"
        "ภาคผนวก 1 ตาราง\n\nภาคผนวก 2 ตาราง"
    )
    split = paginate(text)
    assert [(p.text, p.number) for p in split.pages] == [
        ("ประกาศ เรื่อง ช่องทาง ข้อ 1", 7),
        ("ข้อ 2 ประกาศ ณ วันที่", 8),
        ("ภาคผนวก 1 ตาราง\n\nภาคผนวก 2 ตาราง", None),
    ]
    assert split.headers_removed == 2
    assert split.metadata() == {"gazette_page": "7", "gazette_pages": "7,8"}
    assert not split.numbered


def _plan_like(pages: range) -> str:
    front = [
        "ประกาศคณะกรรมการ ้ หนา 14 ่ เลม 140 ตอนพิเศษ 84 ง ราชกิจจานุเบกษา 10 เมษายน 2566",
        "แผนพัฒนารัฐบาลดิจิทัล พ.ศ. 2566 - 2570",  # ends in a year: not a page
        "สารบัญ 01 บทนำ",
    ]
    body = [f"เนื้อหาหน้าที่ {n} มีจำนวน 12 โครงการ {n}" for n in pages]
    return "\n\n".join([*front, *body, "ติดต่อ 0 2612 6000"])


def test_pages_recovered_from_trailing_printed_numbers() -> None:
    split = paginate(_plan_like(range(6, 16)))
    numbered = [p for p in split.pages if p.number is not None]
    assert [p.number for p in numbered] == list(range(6, 16))
    assert numbered[0].text == "เนื้อหาหน้าที่ 6 มีจำนวน 12 โครงการ"
    assert split.numbered
    assert split.headers_removed == 1
    assert split.gazette_pages == [14]
    # the front matter stays, unnumbered, header removed, its year untouched
    assert split.pages[0].number is None
    assert split.pages[0].text.startswith("ประกาศคณะกรรมการ\n\nแผนพัฒนารัฐบาลดิจิทัล พ.ศ. 2566 - 2570")
    assert split.pages[-1] == RawPage("ติดต่อ 0 2612 6000")


def test_year_and_count_endings_are_not_pages() -> None:
    paragraphs = [
        "ก 6",
        "ข 7",
        "แผนฉบับนี้ใช้ถึงปี 2570",  # a year in the middle of the run
        "ค 8",
        "มีทั้งหมด 38",  # a count at the end of the run
    ]
    numbers = trailing_page_numbers(paragraphs)
    assert numbers == {0: 6, 1: 7, 3: 8}


def test_page_that_lost_its_number_is_numbered_by_position() -> None:
    text = "\n\n".join(["หน้า ก 1", "หน้า ข 2", "หน้า ค ไม่มีเลข", "หน้า ง 4", "หน้า จ 5"])
    split = paginate(text)
    assert [(p.text, p.number) for p in split.pages] == [
        ("หน้า ก", 1),
        ("หน้า ข", 2),
        ("หน้า ค ไม่มีเลข", 3),
        ("หน้า ง", 4),
        ("หน้า จ", 5),
    ]


def test_plain_text_without_pages_stays_one_page() -> None:
    text = "พระราชบัญญัติ\nมาตรา ๑\n\nมาตรา ๒ ให้ใช้บังคับ\n \nมาตรา ๓"
    split = paginate(text)
    assert len(split.pages) == 1
    assert split.pages[0].number is None
    assert split.pages[0].text == "พระราชบัญญัติ\nมาตรา ๑\n\nมาตรา ๒ ให้ใช้บังคับ\n\nมาตรา ๓"


def test_split_paragraphs_treats_whitespace_lines_as_blank() -> None:
    assert split_paragraphs("ก\n   \nข\n\n\nค") == ["ก", "ข", "ค"]


def test_clean_pages_keeps_pdf_page_numbers() -> None:
    pages = [RawPage("ข้อ 1 ้ หนา 21 ่ เลม 140 ตอนพิเศษ 9 ง ราชกิจจานุเบกษา 13 มกราคม 2566", 1), RawPage("ข้อ 2", 2)]
    split = clean_pages(pages)
    assert split.pages == [RawPage("ข้อ 1", 1), RawPage("ข้อ 2", 2)]
    assert split.headers_removed == 1
    assert split.gazette_pages == [21]
