"""Provinces named in questions: full names after a cue or alone, and the shortened names people type."""

from __future__ import annotations

from assistant.places import find_branch_in_english, find_provinces
from corpus.thai_text import thai_key


def test_full_province_names_after_a_cue() -> None:
    assert find_provinces("ขนส่งจังหวัดกระบี่ เบอร์โทรอะไร") == [thai_key("กระบี่")]
    assert find_provinces("ขอเบอร์ ขส.ชัยนาท หน่อย") == [thai_key("ชัยนาท")]
    assert find_provinces("อีเมล ขนสงจ.เชียงใหม คืออะไร") == [thai_key("เชียงใหม่")]  # "ขนส่ง จ." run together


def test_a_shortened_name_after_a_cue_names_the_one_province_it_begins() -> None:
    assert find_provinces("ขนสงจังหวัดอุดร เวบไซตอะไร") == [thai_key("อุดรธานี")]
    assert find_provinces("เบอร์ ขส.ปทุม สาขาคลองหลวง") == [thai_key("ปทุมธานี")]
    assert find_provinces("ขนส่งนครศรี เบอร์อะไร") == [thai_key("นครศรีธรรมราช")]


def test_ambiguous_or_uncued_shortenings_name_nothing() -> None:
    assert find_provinces("ขนส่งสมุทร มีเว็บไซต์ไหม") == []  # three provinces begin สมุทร
    assert find_provinces("อุดร มีอะไร") == []  # no province cue before it


def test_a_province_name_that_is_also_an_everyday_word_counts_only_after_a_province_cue() -> None:
    from assistant.places import find_places

    assert find_places("ยังไม่ได้ย้ายเข้าบ้านไหนเลยภายใน 30 วัน") == []  # เลย the particle, not Loei
    assert find_places("ต้องแจ้งภายในนานเท่าไร") == []  # นาน "long" keys like น่าน
    assert [p.name for p in find_places("สำนักงานขนส่งจังหวัดเลย อีเมลอะไร")] == ["เลย"]
    assert [p.name for p in find_places("ขส.น่าน เบอร์อะไร")] == ["น่าน"]


def test_a_branch_office_named_in_english_is_found_among_the_thai_branches_listed() -> None:
    listed = ["1.2 สำนักงานขนส่งจังหวัดสมมุติ สาขาอำเภอคลองหลวง (1) อีเมล a@b.go.th", "สาขาอำเภอบ้านนา (1) อีเมล c@d.go.th"]
    assert find_branch_in_english("Which website does the Khlong Luang branch use?", listed) == "คลองหลวง"
    assert find_branch_in_english("What is the e-mail of the Ban Na branch office?", listed) == "บานนา"
    assert find_branch_in_english("What is the e-mail of the Khlong Luang office?", listed) is None  # no branch asked
    assert find_branch_in_english("Which website does the Sawang branch use?", listed) is None


def test_a_province_where_one_lives_is_named_after_yu() -> None:
    assert find_provinces("ถ้าอยู่เชียงใหม่ จะส่งเรื่องได้ที่เมลไหน") == [thai_key("เชียงใหม่")]
    assert find_provinces("บ้านอยู่ที่ขอนแก่น ติดต่อที่ไหน") == [thai_key("ขอนแก่น")]
    assert find_provinces("ค่าธรรมเนียมน้อยลำปาง") == []  # "น้อย" (little) is no อยู่


def test_an_english_province_name_is_found_however_it_is_spaced() -> None:
    """pythainlp spells "phangnga", "lop buri", "chai nat"; people write "Phang Nga", "Lopburi", "Chainat"."""
    assert find_provinces("Which e-mail does the office use for Phang Nga province?") == [thai_key("พังงา")]
    assert find_provinces("the land transport office in Lopburi") == [thai_key("ลพบุรี")]
    assert find_provinces("Chainat office") == [thai_key("ชัยนาท")]
    assert find_provinces("to reach them within an hour") == []  # a short name ("nan") is matched as spelled only
    assert find_provinces("a pharmacy on Phangngaroad") == []  # a whole word, not the start of one
