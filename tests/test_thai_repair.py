"""Repairs of the damage Thai PDF extraction does, on small hand-written snippets."""

from __future__ import annotations

import pytest

from corpus.thai_repair import RepairReport, count_damage, repair_text


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("โปร\uf70aงใส", "โปร่งใส"),
        ("จัดพิมพ\uf70e\uf70eและเผยแพร\uf70a\uf70a", "จัดพิมพ์และเผยแพร่"),
        ("กําหนด", "กำหนด"),
        ("แผนพััฒนารััฐบาลดิิจิิทััล", "แผนพัฒนารัฐบาลดิจิทัล"),
        ("เเผนงาน", "แผนงาน"),
        ("นา\uf71dิกา", "นาฬิกา"),
        ("ข\uf70bอมูลเป\uf701ดภาครัฐ", "ข้อมูลเปิดภาครัฐ"),
    ],
)
def test_thai_damage_is_undone(damaged: str, repaired: str) -> None:
    assert repair_text(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("www . rd . go . th / rdeservice", "www.rd.go.th/rdeservice"),
        ("อีเมล saraban@se c . or . th", "อีเมล saraban@sec.or.th"),
        ("ดูที่ https :// www . dga . or . th แล้ว", "ดูที่ https://www.dga.or.th แล้ว"),
    ],
)
def test_split_addresses_are_rejoined(damaged: str, repaired: str) -> None:
    assert repair_text(damaged) == repaired


def test_sentence_end_after_url_is_not_swallowed() -> None:
    assert repair_text("ติดต่อ www . rd . go . th . ขอบคุณ") == "ติดต่อ www.rd.go.th . ขอบคุณ"


def test_report_counts_each_kind_of_fix() -> None:
    report = RepairReport()
    repair_text("โปร\uf70aงใส กําหนด แผนพััฒนา www . rd . go . th", report)
    assert report.counts["pua_glyphs"] == 1
    assert report.counts["sara_am"] == 1
    assert report.counts["doubled_marks"] == 1
    assert report.counts["split_urls"] == 1


def test_reports_add_up_over_pages() -> None:
    total = RepairReport()
    for page in ("โปร\uf70aงใส", "เผยแพร\uf70a"):
        report = RepairReport()
        repair_text(page, report)
        total.add(report)
    assert total.counts["pua_glyphs"] == 2


def test_clean_text_is_left_alone() -> None:
    text = "แผนพัฒนารัฐบาลดิจิทัล ปี 2566 - 2570 ดูที่ www.dga.or.th"
    report = RepairReport()
    assert repair_text(text, report) == text
    assert sum(report.counts.values()) == 0


def test_count_damage_before_and_after() -> None:
    damaged = "โปร\uf70aงใส กําหนด www . rd . go . th"
    assert count_damage(damaged)["pua_glyphs"] == 1
    assert count_damage(damaged)["sara_am"] == 1
    assert count_damage(damaged)["split_urls"] == 1
    assert sum(count_damage(repair_text(damaged)).values()) == 0


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("เว็บไซต์ : ska . dlt . go . th ( 3 )", "เว็บไซต์ : ska.dlt.go.th ( 3 )"),
        ("ศูนย์กลางข้อมูลเปิดภาครัฐ ( Data . go . th )", "ศูนย์กลางข้อมูลเปิดภาครัฐ ( Data.go.th )"),
        ("https :// etl . dlt . go . th / 02 271 8591", "https://etl.dlt.go.th/ 02 271 8591"),
        ("ปี 2566. go ไป", "ปี 2566. go ไป"),
    ],
)
def test_bare_hosts_and_neighbouring_phone_numbers(damaged: str, repaired: str) -> None:
    assert repair_text(damaged) == repaired


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("ผู้ยื่นคาขอต่อสานักงาน", "ผู้ยื่นคำขอต่อสำนักงาน"),  # the notices' most frequent damage
        ("ภายในระยะเวลาที่กาหนด", "ภายในระยะเวลาที่กำหนด"),
        ("การดาเนินการตามอานาจหน้าที่", "การดำเนินการตามอำนาจหน้าที่"),
    ],
)
def test_dropped_sara_am_is_restored_where_the_dictionary_agrees(damaged: str, repaired: str) -> None:
    report = RepairReport()
    assert repair_text(damaged, report) == repaired
    assert report.counts["dropped_sara_am"] >= 1


@pytest.mark.parametrize(
    "clean",
    [
        "ค่าคืนทรัพย์สินซึ่งฝากนั้น",  # ค่า + คืน, not ค่ำคืน
        "ต้องกระทำอย่างช้าในวันตรวจพยานหลักฐาน",  # ช้า + ใน, not ช้ำใน
        "เครื่องราชอิศริยาภรณ์มงกุฎสยาม",  # archaic spelling, a real word with า
        "ยื่นคำขอต่อสำนักงานภายในเวลาที่กำหนด",  # already clean
        "นายกรัฐมนตรีเป็นประธานกรรมการ",
    ],
)
def test_clean_text_is_left_alone_by_the_sara_am_restore(clean: str) -> None:
    report = RepairReport()
    assert repair_text(clean, report) == clean
    assert report.counts["dropped_sara_am"] == 0


def test_dates_split_by_extraction_are_rejoined() -> None:
    """A notice's "ประกาศ ณ วันที่" line prints right; a year beside another number and a day over 31 are left."""
    report = RepairReport()
    assert repair_text("ประกาศ ณ วันที่ 2 0 มีนาคม พ.ศ. 256 6 นาย", report) == "ประกาศ ณ วันที่ 20 มีนาคม พ.ศ. 2566 นาย"
    assert repair_text("ณ วันที่ 27 มกรา คม พ.ศ. 25 6 6", report) == "ณ วันที่ 27 มกราคม พ.ศ. 2566"
    assert report.counts["split_dates"] == 4
    assert repair_text("พ.ศ. 2565 2 ฉบับ") == "พ.ศ. 2565 2 ฉบับ"
    assert repair_text("วันที่ 3 4 มีนาคม") == "วันที่ 3 4 มีนาคม"
    assert repair_text("พ.ศ. 2566 - 2570") == "พ.ศ. 2566 - 2570"
    assert count_damage("พ.ศ. 25 6 6")["split_dates"] == 1
