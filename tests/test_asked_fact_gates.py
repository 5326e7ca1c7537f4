"""The asked-fact gates decline near misses but not answers: conjunction "when", counted figures, far channels."""

from __future__ import annotations

from assistant.answer_text import compose
from assistant.extractive_answerer import extract
from assistant.question_types import type_names
from assistant.retrieval_service import ScoredChunk
from index.chunk_record import ChunkRecord


def _hits(*texts: str) -> list[ScoredChunk]:
    return [
        ScoredChunk(ChunkRecord(f"c{i}", f"d{i}", "เอกสารทดสอบ", "law", t, 0, len(t)), 1.0 - i / 10)
        for i, t in enumerate(texts)
    ]


def _answer(question: str, *texts: str) -> tuple[str, bool]:
    hits = _hits(*texts)
    ex = extract(question, question, hits)
    numbers: dict[int, int] = {}
    for rank in [s.rank for s in ex.direct] + [r for r, _ in ex.quotes]:
        numbers.setdefault(rank, len(numbers) + 1)
    return compose("th", ex.types, ex.direct, [(r, s.text) for r, s in ex.quotes], numbers), ex.holds


def test_english_when_asks_a_date_only_as_a_question_word() -> None:
    assert "when" not in type_names("Who acts for the minister when the minister cannot perform his duties?")
    assert "when" not in type_names("Which office must send copies when people ask for them?")
    assert "when" in type_names("When did the committee approve the draft plan?")
    assert "when" in type_names("Under the Act, when does the notice take effect?")


def test_a_count_in_the_asked_classifier_answers_even_when_budget_is_the_topic() -> None:
    passage = (
        "มาตรการ 1) พัฒนากลไกการตรวจสอบการใช้จ่ายของหน่วยงานสมมุติ เช่น การเชื่อมโยงข้อมูลใน 4 ระบบหลัก"
        "ด้านการบริหารงบประมาณของหน่วยงาน เพื่อให้ประชาชนตรวจสอบได้"
    )
    text, holds = _answer("มาตรการพัฒนากลไกตรวจสอบยกตัวอย่างการเชื่อมโยงข้อมูลด้านงบประมาณไว้กี่ระบบ", passage)
    assert holds
    assert "4 ระบบหลัก" in text


def test_an_asked_channel_is_found_in_a_passage_below_the_first_three() -> None:
    texts = (
        "ข้อ 3 ประชาชนอาจบันทึกภาพหน้าจอเพื่อเป็นหลักฐานว่าได้ติดต่อกรมสมมุติทางช่องทางตามข้อ 1 แล้ว",
        "ข้อ 2 ในกรณีที่ผู้ยื่นคำขอประสงค์จะขอรับคำยืนยันจากกรมสมมุติ ให้สอบถามในวันและเวลาราชการ",
        "ประกาศกรมสมมุติ เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อกรมสมมุติ",
        "ข้อ 1 ช่องทางติดต่อกรมสมมุติ (1) อีเมล saraban@sommut.go.th (2) แอปพลิเคชัน เฟซบุ๊ก @SommutDept",
    )
    text, holds = _answer("กรมสมมุติมีเฟสบุคไหม ชื่ออะไร", *texts)
    assert holds
    assert "SommutDept" in text.splitlines()[0]


def test_an_amount_per_month_asks_for_money_not_any_number() -> None:
    phones = "สำนักงานสมมุติ สาขาอุทัย saraban_uthai@sommut.go.th 0 35 80 0813 - 5 0 35 80 0812 จังหวัดพิจิตร"
    _, holds = _answer("เบี้ยยังชีพผู้สูงอายุ อายุ 80 ปี ได้เดือนละเท่าไหร่", phones)
    assert not holds
    rate = "ผู้สูงอายุที่มีอายุแปดสิบปีขึ้นไปได้รับเบี้ยยังชีพเดือนละ 1,000 บาท"
    text, holds = _answer("ผู้สูงอายุ อายุ 80 ปี ได้เบี้ยยังชีพเดือนละเท่าไหร่", rate)
    assert holds and "1,000 บาท" in text.splitlines()[0]
