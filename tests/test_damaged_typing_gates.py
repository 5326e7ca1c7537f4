"""Questions typed without tone marks or with short forms pass the same gates as carefully typed ones."""

from __future__ import annotations

from assistant.abstention import asked_classifier, counts_in, unsupported_subjects
from assistant.glossary import spell_out_short_forms
from assistant.law_answerer import LawAnswerer
from assistant.query_rewrite import normalize_question
from assistant.question_types import asked_units, classify, named_agencies
from assistant.structured import Conversation, StructuredAnswer

from .test_law_question_forms import answerer as answerer  # the small test Act (module fixture)


def test_a_number_place_word_is_not_the_counted_classifier() -> None:
    assert asked_classifier("ระบบชำระเงินมีธุรกรรมรวมกี่ลานรายการ") == "ลานรายการ"  # ล้าน typed without its tone mark
    assert asked_classifier("ผู้ใช้แอปมีกี่ล้านคน") == "ล้านคน"
    assert asked_classifier("โทษปรับสูงสุดกี่พันล้านบาท") == "ล้านบาท"
    assert asked_classifier("ต้องยื่นภายในกีวัน") == "วัน"  # กี่ typed without its tone mark
    assert asked_classifier("ตั้งเป้าไว้กี่โครงการ") == "โครงการ"


def test_a_count_is_found_across_tone_marks_magnitudes_and_paired_units() -> None:
    assert counts_in("ลานรายการ", ["มีปริมาณธุรกรรมรวมทั้งสิ้น 1,234 ล้านรายการ"])
    assert not counts_in("ล้านบาท", ["ต้องระวางโทษปรับไม่เกินหนึ่งแสนบาท"])  # asked in millions: a fine in thousands
    assert counts_in("ครัง", ["ขยายได้ไม่เกินสองครั้ง"])  # ครั้ง typed without its tone mark
    assert counts_in("โครงการ", ["ค่าเป้าหมาย 10 กิจกรรม/โครงการ"])
    assert not counts_in("โครงการ", ["ภายในปี 2570 โครงการนำร่อง"])  # a B.E. year is no count


def test_an_agency_name_cut_with_paiyannoi_is_its_part_before_the_mark() -> None:
    assert named_agencies("กรมศุลฯ ใช้เว็บไซต์ไหน") == ["กรมศุล"]
    passages = [("ประกาศกรมศุลกากร", "(1) เว็บไซต์ www.example.go.th สำหรับการใช้บริการระบบของกรมศุลกากร")]
    question = "กรมศุลฯ ใช้เว็บไซต์ไหน"
    assert "กรมศุล" not in unsupported_subjects(question, classify(question), passages, [passages[0][1]])


def test_general_short_forms_are_spelled_out_where_they_start_a_word() -> None:
    assert spell_out_short_forms("คกก.ทดสอบ ใครเป็นประธาน") == "คณะกรรมการทดสอบ ใครเป็นประธาน"
    assert spell_out_short_forms("สนง.เขต") == "สำนักงานเขต"
    assert spell_out_short_forms("สพร. อยู่ที่ไหน") == "สพร. อยู่ที่ไหน"  # an agency's initials are left to the aliases


def test_a_committee_named_with_a_short_form_is_answered(answerer: LawAnswerer) -> None:
    found = answerer.answer(Conversation("คกก.คุ้มครองข้อมูลกลาง ใครเปนประธาน", "th"))
    assert isinstance(found, StructuredAnswer) and not found.abstained
    assert "นายกรัฐมนตรี" in found.answer.splitlines()[0]


def test_an_agencys_staff_are_counted_in_people() -> None:
    assert [u.name for u in asked_units("How many employees does the agency have?")] == ["people"]
    assert [u.name for u in asked_units("How many staff work there?")] == ["people"]


def test_year_typed_without_its_upper_vowel_is_read_as_a_year() -> None:
    assert normalize_question("โครงการนี้ทำชวงปงบไหนถึงไหน") == "โครงการนี้ทำชวงปีงบไหนถึงไหน"
    assert normalize_question("thagri ทำชวงปไหน") == "thagri ทำชวงปีไหน"  # ปี before ไหน after ช่วง/แต่ or a space
    assert normalize_question("เริ่มมาตังแตปใด") == "เริ่มมาตังแตปีใด"
    assert normalize_question("ใชเวลากีเดือน เริ่มปไหน") == "ใชเวลากีเดือน เริ่มปีไหน"
    assert normalize_question("โครงการภาษีไปไหน") == "โครงการภาษีไปไหน"  # ไป (go) is no ปี
    assert normalize_question("ใช้รูปไหนก็ได้") == "ใช้รูปไหนก็ได้"
    assert normalize_question("เป้าหมายภายในป ๒๕๗๐") == "เป้าหมายภายในปี 2570"
    assert normalize_question("ป.ป.ช. มีกี่คน") == "ป.ป.ช. มีกี่คน"  # a dotted initial stays


def test_a_meeting_held_through_which_channel_asks_no_web_address() -> None:
    assert [t.name for t in classify("จัดประชุมเมื่อไร และจัดผ่านช่องทางไหน")] == ["when"]
    assert classify("ยื่นคำขอได้ช่องทางไหน")[0].name == "website"


def test_a_percentage_typed_any_way_after_kee_asks_per_cent() -> None:
    for typed in ("ต้องแบ่งรายได้เข้ากองทุนกี่เปอร์เซ็นต์", "ตองแบงรายไดเขากองทุนกี่เปอรเซน", "กี่เปอเซ็นครับ", "กี่ %"):
        assert [u.name for u in asked_units(typed)] == ["percent"], typed
