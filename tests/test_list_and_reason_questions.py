"""Why-questions, "main issues" lists run into a sentence, a list naming the asked kind a little further down, and a
count asked in a classifier read where that classifier counts, a rate written in words.

Passages are short Thai excerpts written for these tests, not corpus copies.
"""

from __future__ import annotations

from assistant.extractive_answerer import extract
from assistant.question_types import type_names
from assistant.retrieval_service import ScoredChunk
from index.chunk_record import ChunkRecord


def _hits(*texts: str) -> list[ScoredChunk]:
    return [
        ScoredChunk(ChunkRecord(f"c{n}", "d0", "เอกสารทดสอบ", "plan", text, 0, len(text)), 1.0 - n / 10)
        for n, text in enumerate(texts)
    ]


def test_why_questions_ask_for_a_reason() -> None:
    assert type_names("หลายหน่วยงานทำตามแผนไม่ได้เพราะอะไร")[0] == "reason"
    assert type_names("ทำไมต้องเชื่อมโยงข้อมูลระหว่างหน่วยงาน")[0] == "reason"
    assert type_names("Why must agencies share data?")[0] == "reason"
    assert "reason" not in type_names("ยื่นภาษีออนไลน์ได้ที่ไหน")


def test_a_main_issue_is_not_a_principle() -> None:
    """"ประเด็นหลัก" is "main issues"; "หลักการอะไร" and "ยึดหลักอะไร" ask a principle."""
    assert "principle" not in type_names("คณะกรรมการแนะนำให้กำหนดแนวทางเป็น 2 ประเด็นหลักอะไรบ้าง")
    assert "principle" not in type_names("ภารกิจหลักของสำนักงานมีอะไรบ้าง")
    assert type_names("การเชื่อมโยงข้อมูลยึดหลักอะไร")[0] == "principle"
    assert type_names("แผนนี้ใช้หลักการอะไร")[0] == "principle"


def test_a_list_run_into_its_sentence_keeps_its_last_item() -> None:
    text = (
        "ที่ประชุมได้พิจารณาร่างแผนและมีข้อเสนอแนะหลายประการต่อสำนักงานเพื่อปรับปรุงให้สมบูรณ์ก่อนเสนอคณะรัฐมนตรี "
        "นอกจากนี้ ควรกำหนดแนวทางการดำเนินการในร่างแผนเป็น 2 ประเด็นหลักที่สำคัญ ประกอบด้วย "
        "การพัฒนาแพลตฟอร์มดิจิทัลทั่วไป (Common Platforms) และการพัฒนาแพลตฟอร์มการให้บริการในด้านที่สำคัญ "
        "(Domain Services) รายละเอียดปรากฏตามสิ่งที่ส่งมาด้วย"
    )
    q = "ที่ประชุมแนะนำให้กำหนดแนวทางในร่างแผนเป็น 2 ประเด็นหลักอะไรบ้าง"
    ex = extract(q, q, _hits(text))
    first = ex.direct[0].text
    assert "Common Platforms" in first and "Domain Services" in first


def test_a_list_naming_the_asked_kind_is_read_below_the_first_passages() -> None:
    other = "ที่ประชุมคณะกรรมการครั้งที่ 5 มีมติให้ปรับปรุงร่างแผน ประกอบด้วยการแก้ไขตัวชี้วัดและค่าเป้าหมายของแต่ละยุทธศาสตร์"
    listed = "ควรกำหนดแนวทางในร่างแผนเป็น 2 ประเด็นหลักที่สำคัญ ประกอบด้วย การพัฒนาแพลตฟอร์มกลาง และการพัฒนาบริการรายด้าน"
    q = "ที่ประชุมแนะนำให้กำหนดแนวทางในร่างแผนเป็น 2 ประเด็นหลักอะไรบ้าง"
    ex = extract(q, q, _hits(other, other, other, listed))
    assert "การพัฒนาแพลตฟอร์มกลาง" in ex.direct[0].text


def test_a_count_asked_in_people_is_read_where_people_are_counted() -> None:
    """"กี่คน": the sentence counting members ("ไม่น้อยกว่าสามคน"), not the one stating seven days."""
    appeal = "มาตรา 37 คณะกรรมการวินิจฉัยคณะหนึ่งต้องพิจารณาคำอุทธรณ์ให้แล้วเสร็จอย่างน้อยภายในเจ็ดวัน"
    members = "มาตรา 36 คณะกรรมการวินิจฉัยคณะหนึ่ง ๆ ประกอบด้วยบุคคลตามความจำเป็น แต่ต้องไม่น้อยกว่าสามคน"
    q = "คณะกรรมการวินิจฉัยคณะหนึ่งต้องมีอย่างน้อยกี่คน"
    ex = extract(q, q, _hits(appeal, members))
    assert "สามคน" in ex.direct[0].text
    assert ex.quotes[0][0] == 1  # the members' sentence is quoted first


def test_a_count_in_the_asked_classifier_is_read_a_passage_or_two_further_down() -> None:
    appeal = "มาตรา 37 ให้ส่งคำอุทธรณ์ให้คณะกรรมการวินิจฉัยแต่ละสาขาพิจารณาภายในเจ็ดวันนับแต่วันที่ได้รับคำอุทธรณ์"
    other = "มาตรา 38 ให้คณะกรรมการวินิจฉัยมีอำนาจเรียกเอกสารหรือบุคคลมาให้ถ้อยคำได้ภายในสิบห้าวัน"
    members = "มาตรา 36 คณะกรรมการวินิจฉัยคณะหนึ่ง ๆ ประกอบด้วยบุคคลตามความจำเป็น แต่ต้องไม่น้อยกว่าสามคน"
    q = "คณะกรรมการวินิจฉัยคณะหนึ่งต้องมีอย่างน้อยกี่คน"
    ex = extract(q, q, _hits(appeal, other, other, members))
    assert any("สามคน" in d.text for d in ex.direct)


def test_a_rate_written_in_thai_words_is_a_figure() -> None:
    """Statutes write rates in words ("ในอัตราร้อยละสิบห้า"): that states the percentage asked."""
    fund = "(๓) เงินที่ได้รับจากการจัดสรรคลื่นความถี่ โดยให้สำนักงานจัดสรรให้ในอัตราร้อยละสิบห้าของรายได้ดังกล่าว"
    q = "What percentage of spectrum revenue goes to the fund? ร้อยละ คลื่นความถี่ รายได้"
    ex = extract(q, q, _hits(fund))
    assert ex.holds and "ร้อยละสิบห้า" in ex.direct[0].text and ex.direct[0].kind == "quantity"


def test_which_four_asks_a_list_and_the_following_announces_one() -> None:
    assert type_names("Which four platforms were designated as central platforms?")[0] == "list"
    assert "list" not in type_names("Which two years does the plan review?")
    notice = (
        "ข้อ 3 เพื่อส่งเสริมการพัฒนาแพลตฟอร์มกลาง ให้แพลตฟอร์มต่อไปนี้ เป็นแพลตฟอร์มกลางของงานบริการภาครัฐ\n"
        "(1) ศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ (GDX)\n(2) ศูนย์กลางข้อมูลเปิดภาครัฐ (Data.go.th)\n"
        "(3) ระบบอำนวยความสะดวกในการประกอบธุรกิจ (Biz Portal)\n(4) ระบบบริการประชาชน (Citizen Portal)"
    )
    plan = "บริการพื้นฐานที่หน่วยงานใช้ร่วมกันได้ ได้แก่ การแจ้งเตือน (Notify) และการชำระเงิน (Pay) ของแพลตฟอร์มกลาง"
    q = "Which four platforms were designated as central platforms? แพลตฟอร์มกลาง แพลตฟอร์ม กำหนด"
    listed = extract(q, q, _hits(notice, plan)).direct[0].text
    assert "(GDX)" in listed and "(Citizen Portal)" in listed


def test_a_standard_numbered_with_its_year_only_is_a_reference_number() -> None:
    text = "ประกาศมาตรฐานรัฐบาลดิจิทัล ว่าด้วยหลักเกณฑ์การประเมินคุณภาพข้อมูล เลขที่ มรด. 5 : 2565 แนบท้ายประกาศ"
    q = "What is the standard number of the standard on data quality assessment? มาตรฐาน คุณภาพข้อมูล"
    ex = extract(q, q, _hits(text))
    assert ex.direct[0].kind == "reference" and "มรด. 5 : 2565" in ex.direct[0].text
