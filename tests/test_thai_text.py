"""The one Thai-text module: every fold matches clean and PDF-damaged spellings of the same words."""

from __future__ import annotations

import re

from corpus.thai_text import (
    MARK_CLASS,
    THAI_NUMBER_WORD,
    arabic_digits,
    be_year,
    compact_key,
    era_twin,
    key_ngrams,
    key_tokens,
    loose_key,
    loose_pattern,
    match_key,
    name_key,
    name_key_offsets,
    strip_tones,
    thai_key,
    toneless_pattern,
)


def test_key_ignores_missing_tone_marks_digits_and_sara_am() -> None:
    assert thai_key("หน่วยงาน") == thai_key("หนวยงาน")
    assert thai_key("๒๕๖๖") == thai_key("2566")
    assert thai_key("กำหนด") == thai_key("กาหนด") == thai_key("กําหนด")
    assert thai_key("โปร\uf70aงใส") == thai_key("โปร่งใส")
    assert thai_key("สพร.") == thai_key("สพร")
    assert thai_key("  เเละ  GDCC ") == "และ gdcc"  # doubled sara e, case, collapsed whitespace


def test_key_tokens_match_between_clean_and_damaged_text() -> None:
    clean = set(key_tokens("สำนักงานพัฒนารัฐบาลดิจิทัลรับผิดชอบโครงการ"))
    damaged = set(key_tokens("สานักงานพัฒนารฐบาลดิจิทัลรบผิดชอบโครงการ"))
    assert clean == damaged
    assert "2566" in key_tokens("พ.ศ. ๒๕๖๖")


def test_compact_key_ignores_spacing_damage_but_keeps_decimal_points() -> None:
    assert compact_key("สำนักงาน พัฒนา รัฐบาล ดิจิทัล") == compact_key("สำนักงานพัฒนารัฐบาลดิจิทัล")
    assert compact_key("2.5 ล้าน") == "2.5ลาน"
    assert compact_key("มาตรา ๒๖ / ๑") == compact_key("มาตรา 26/1")


def test_match_key_drops_thousands_separators_only() -> None:
    assert match_key("งบประมาณ 1,250,000 บาท") == match_key("งบประมาณ ๑๒๕๐๐๐๐ บาท")
    assert "1,2" in match_key("ข้อ 1,2")  # a list comma is not a thousands separator
    assert match_key("1, 000") == "1,000"  # separators are dropped before the spaces are


def test_name_key_drops_every_dot_and_maps_back_to_the_original() -> None:
    assert name_key("ก.พ.ร.") == name_key("กพร") == compact_key("ก.พ.ร.")
    assert name_key("Co.Ltd") == "coltd" and compact_key("Co.Ltd") == "co.ltd"
    text = "โดย สำนักงาน พัฒนารัฐบาลดิจิทัล (สพร.) เป็นผู้รับผิดชอบ"
    key, offsets = name_key_offsets(text)
    assert key == name_key(text) and len(offsets) == len(key)
    start = key.index(name_key("สพร"))
    assert text[offsets[start] : offsets[start + 2] + 1] == "สพร"
    key, offsets = name_key_offsets("เเผน")  # the doubled sara e keeps its offsets
    assert key == "แผน" and offsets == [0, 2, 3]


def test_loose_key_drops_silent_letters_and_tone_marks() -> None:
    assert loose_key("เปอร์เซ็นต์") == loose_key("เปอเซ็น")
    assert loose_key("เบอร์โทร") == loose_key("เบอโทร")
    assert loose_key("หน่วยงาน") == thai_key("หนวยงาน")


def test_ngrams_stay_inside_runs_and_keep_short_runs_whole() -> None:
    assert key_ngrams("ทางรัฐ") == ["ทาง", "างร", "งรฐ"]
    assert key_ngrams("ม.๑๓ 85") == ["ม13", "85"]
    assert "ปทา" not in key_ngrams("แอป ทางรัฐ")  # no gram across a space


def test_toneless_pattern_finds_a_word_typed_without_its_tone_marks() -> None:
    assert re.fullmatch(toneless_pattern("ลานบาท"), "ล้านบาท")
    assert re.fullmatch(toneless_pattern("ล้านบาท"), "ลานบาท")  # printed damaged, typed whole
    assert not re.fullmatch(toneless_pattern("เรื่อง"), "เรอง")  # only tone marks are optional, not vowels


def test_loose_pattern_finds_a_heading_whose_marks_were_lost() -> None:
    heading = re.compile(loose_pattern("ระยะเวลาการดำเนินโครงการ"))
    assert heading.fullmatch("ระยะเวลาการดาเนินโครงการ")
    assert heading.fullmatch("ระยะเวลาการดำเนินโครงการ")
    assert re.fullmatch(loose_pattern("ผู้รับผิดชอบ"), "ผรบผดชอบ")
    assert not re.fullmatch(loose_pattern("ผู้รับผิดชอบ"), "ผู้รับผิดชอบงาน")


def test_mark_class_covers_thai_marks_and_their_legacy_glyphs() -> None:
    mark = re.compile(MARK_CLASS)
    assert all(mark.fullmatch(ch) for ch in "\u0e31\u0e34\u0e38\u0e47\u0e48\u0e4b\u0e4c\u0e4d\uf70a")
    assert not any(mark.fullmatch(ch) for ch in "กาเะ1 ")


def test_digit_and_tone_folds() -> None:
    assert arabic_digits("พ.ศ. ๒๕๖๖ มาตรา ๒๖/๑") == "พ.ศ. 2566 มาตรา 26/1"
    assert strip_tones("หน่วยงานที่ได้รับ") == "หนวยงานทีไดรับ"  # vowels stay, only tone marks go


def test_number_word_matches_whole_numbers_and_only_numbers() -> None:
    whole = ["สิบห้า", "ยี่สิบเอ็ด", "ร้อยเอ็ด", "สองพันห้าร้อยหกสิบหก", "สามสิบเอ็ดล้าน", "หนึ่งล้านห้าแสน", "ศูนย์"]
    assert all(re.fullmatch(THAI_NUMBER_WORD, w) for w in whole)
    assert re.findall(THAI_NUMBER_WORD, "ภายในเก้าสิบวัน หรือสามสี่วัน") == ["เก้าสิบ", "สาม", "สี่"]
    assert re.findall(THAI_NUMBER_WORD, "ยี่ห้อ เอ็ดตะโร") == []  # ยี่ only before สิบ, เอ็ด only after a place word
    assert re.compile(rf"({THAI_NUMBER_WORD})\s*วัน").groups == 1  # a fragment: no capturing group of its own


def test_stop_keys_are_keyed_thai_stopwords() -> None:
    from corpus.thai_text import stop_keys, thai_key

    keys = stop_keys()
    assert thai_key("อย่างไร") in keys and thai_key("และ") in keys
    assert thai_key("งบประมาณ") not in keys and thai_key("ทะเบียน") not in keys


def test_strip_tones_keeps_or_drops_the_silencer() -> None:
    from corpus.thai_text import strip_tones

    assert strip_tones("เบอร์ส่วนตัว") == "เบอร์สวนตัว"  # the four tone marks only
    assert strip_tones("เบอร์ส่วนตัว", silencer=True) == "เบอรสวนตัว"  # as casual typing drops the thanthakhat too


def test_a_year_in_the_other_era() -> None:
    assert era_twin(2540) == 1997 and era_twin(1997) == 2540
    assert be_year(2023) == 2566 and be_year(2566) == 2566
