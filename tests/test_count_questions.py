"""Reading the unit a "how many" question counts in, and whether a quote states a count in it."""

from __future__ import annotations

from assistant.abstention import asked_count_units, counts_in
from corpus.thai_text import strip_tones

UNITS = ("ชั่วโมง", "วันทำการ", "วัน", "เดือน", "ปี", "ครั้ง", "วาระ", "คน")


def test_asked_units_in_order_with_or_without_tone_marks() -> None:
    assert asked_count_units("ต้องแจ้งภายในกี่วันทำการ และขยายได้กี่ครั้ง", UNITS) == ["วันทำการ", "ครั้ง"]
    assert asked_count_units(strip_tones("ต้องรายงานภายในกี่ชั่วโมง"), UNITS) == ["ชั่วโมง"]
    assert asked_count_units("How many terms may a member serve, and for how many days?", UNITS) == ["วาระ", "วัน"]


def test_only_the_given_units_are_read() -> None:
    periods = ("ชั่วโมง", "วันทำการ", "วัน", "เดือน", "ปี")
    assert asked_count_units("กรรมการมีกี่คน ดำรงตำแหน่งได้กี่วาระ", periods) == []
    assert asked_count_units("how many times", periods) == []
    assert asked_count_units("ดำรงตำแหน่งคราวละกี่ปี", periods) == ["ปี"]


def test_a_count_in_number_words_or_digits_is_found() -> None:
    assert counts_in("วัน", ["ให้แจ้งภายในสิบห้าวันนับแต่วันที่ได้รับ"])
    assert counts_in("คน", ["มีกรรมการไม่เกินสิบเอ็ดคน"])
    assert counts_in("ชุด", ["จัดทำ 12 ชุดข้อมูล"])
    assert not counts_in("ชุด", ["ภายในปี 2570 ชุดข้อมูลเปิด"])  # a B.E. year is no count
    assert not counts_in("ชุด", ["ร้อยละ 100 ของหน่วยงาน"])
