"""English questions: glossary phrases become the Thai wording the documents use (longest phrase wins),
and the law answerer compares an English question with the Thai law text through those glosses."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.law_answerer import LawAnswerer
from assistant.plan_answerer import PlanAnswerer
from assistant.query_rewrite import LocalOffices, alias_table, gloss_spans, rewrite_query, thai_glosses
from assistant.retrieval_service import HybridRetriever
from assistant.services import build_services
from assistant.structured import Conversation
from corpus.document import Document, DocumentSpec
from dgplan.settings import Settings
from index.laws.book import build_law_book
from index.laws.models import LawBook
from index.plan.model import PlanStructure

from .test_laws import real_book as real_book  # the real Acts' law book (slow fixture)
from .test_plan_structure import real_plan as real_plan  # the real plan's structure (slow fixture)

ACT = """พระราชบัญญัติ
ทดสอบการส่งข้อมูลกลาง
พ.ศ. ๒๕๖๗

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบการส่งข้อมูลกลาง พ.ศ. ๒๕๖๗”

มาตรา ๒ พระราชบัญญัตินี้ให้ใช้บังคับเมื่อพ้นกำหนดหกสิบวันนับแต่วันประกาศในราชกิจจานุเบกษาเป็นต้นไป

มาตรา ๓ ให้หน่วยงานของรัฐส่งข้อมูลกลางให้สำนักงานภายในสามสิบวันนับแต่วันที่ได้รับคำขอ

มาตรา ๔ เมื่อมีคนตายในบ้าน ให้เจ้าบ้านแจ้งต่อนายทะเบียนภายในยี่สิบสี่ชั่วโมงนับแต่เวลาตาย
"""


def test_longest_phrase_wins_and_plurals_match() -> None:
    assert thai_glosses("Who acts for the Deputy Prime Minister?")[:1] == ["รองนายกรัฐมนตรี"]
    assert "นายกรัฐมนตรี" not in thai_glosses("Who acts for the Deputy Prime Minister?")
    assert thai_glosses("Which agencies pay fines?") == ["หน่วยงาน", "ปรับ"]
    # a final consonant + y inflects as -ies: "secretaries" is "secretary"
    assert "ผู้ช่วยเลขานุการ" in thai_glosses("How many assistant secretaries may it appoint?")
    assert thai_glosses("Customs Department e-mail") == ["กรมศุลกากร", "อีเมล ไปรษณีย์อิเล็กทรอนิกส์"]
    assert thai_glosses("กรมศุลกากร อีเมล") == []


def test_gloss_spans_say_where_each_phrase_is() -> None:
    question = "How far ahead will it analyse market demand?"
    found = [(question[a:b], th) for a, b, th, _ in gloss_spans(question)]
    assert found == [("ahead", "ล่วงหน้า"), ("analyse", "วิเคราะห์"), ("market", "ตลาด"), ("demand", "อุปสงค์")]
    assert all(general for *_, general in gloss_spans(question))


def test_a_glossary_phrase_written_with_hyphens_is_found() -> None:
    assert "คุณภาพข้อมูล" in thai_glosses("Who approved the data-quality criteria standard?")
    assert "คุณภาพข้อมูล" in thai_glosses("Who approved the data quality criteria?")
    assert "ข้อมูลเปิด" in thai_glosses("the open-data portal")
    hiring = thai_glosses("hiring a construction-supervision firm by the selection method")
    assert "ควบคุมงานก่อสร้าง" in hiring and "วิธีคัดเลือก" in hiring  # Public Procurement Act chapter 8 terms


def test_official_agency_names_reach_the_lexical_query() -> None:
    aliases = alias_table({})
    rq = rewrite_query("What is the website of the Department of Corrections?", aliases)
    assert "กรมราชทัณฑ์" in rq.expansions and "เว็บไซต์" in rq.expansions
    assert "กรมราชทัณฑ์" in rq.lexical and "กรมราชทัณฑ์" in rq.dense
    assert "สำนักงานมาตรฐานผลิตภัณฑ์อุตสาหกรรม" in rewrite_query("TISI's e-mail?", aliases).lexical
    rq = rewrite_query("Phone of Krasang Subdistrict Municipality", aliases)
    assert "เทศบาลตำบล" in rq.expansions and "องค์การบริหารส่วนตำบล" not in rq.expansions


def _answerer() -> LawAnswerer:
    spec = DocumentSpec(doc_id="test-act", kind="law", title="พระราชบัญญัติทดสอบการส่งข้อมูลกลาง พ.ศ. 2567",
                        path=Path("test-act.txt"))  # fmt: skip
    return LawAnswerer(build_law_book([Document(spec=spec, raw_text=ACT, text=ACT)]))


def test_english_time_limit_question_is_matched_through_its_thai_glosses() -> None:
    answerer = _answerer()
    q = "Under พ.ร.บ. ทดสอบการส่งข้อมูลกลาง, if someone dies at home, how soon must the house master notify the registrar?"
    found = answerer.answer(Conversation(q, "en"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert first.startswith("Section 4") and "ยี่สิบสี่ชั่วโมง" in first
    q = "Under พ.ร.บ. ทดสอบการส่งข้อมูลกลาง, how many days do agencies have to answer a request?"
    found = answerer.answer(Conversation(q, "en"))
    assert found is not None and "สามสิบวัน" in found.answer.splitlines()[0]


def test_local_offices_are_found_by_their_romanised_place_names() -> None:
    offices = LocalOffices(["เทศบาลตำบลกระสัง", "เทศบาลเมืองแพรกษา", "องค์การบริหารส่วนตำบลพันท้ายนรสิงห์", "กรมราชทัณฑ์"])
    assert offices.named_in("How can I e-mail Krasang Subdistrict Municipality?") == ["เทศบาลตำบลกระสัง"]
    assert offices.named_in("Website of Phraeksa Town Municipality") == ["เทศบาลเมืองแพรกษา"]  # royin: phaenksa
    assert offices.named_in("LINE of Phan Thai Norasing SAO") == ["องค์การบริหารส่วนตำบลพันท้ายนรสิงห์"]
    assert offices.named_in("Website of the Department of Corrections in Bangkok") == []  # not a local office
    rq = rewrite_query("Krasang Subdistrict Municipality e-mail", alias_table({}), offices)
    assert "เทศบาลตำบลกระสัง" in rq.lexical
    assert "เทศบาลตำบลกระสัง" not in rewrite_query("อีเมลเทศบาลตำบลกระสัง krasang", alias_table({}), offices).expansions


# ---------------------------------------------------------------- the real Acts and plan (slow)


@pytest.mark.slow
def test_real_english_law_questions_reach_the_right_section(real_book: LawBook) -> None:
    answerer = LawAnswerer(real_book)
    asked = {
        "If someone dies at home, how soon must the house master notify the registrar under the Civil "
        "Registration Act?": ("civil-registration-act-2534", "มาตรา 21", "ยี่สิบสี่ชั่วโมง"),
        "Under the Official Information Act, how long do I have to appeal against an order refusing disclosure?": (
            "official-information-act-2540",
            "มาตรา 18",
            "สิบห้าวัน",
        ),
    }
    for question, (doc_id, section, value) in asked.items():
        found = answerer.answer(Conversation(question, "en"))
        assert found is not None and not found.abstained, question
        assert (found.citations[0].doc_id, found.citations[0].section) == (doc_id, section)
        assert value in found.answer.splitlines()[0]


@pytest.mark.slow
def test_real_english_plan_target_is_matched_through_glosses(
    real_plan: tuple[Document, PlanStructure],
) -> None:
    answerer = PlanAnswerer(real_plan[1])
    q = "What target does the plan set for citizen satisfaction with online government services by 2027?"
    found = answerer.answer(Conversation(q, "en"))
    assert found is not None and not found.abstained
    assert "ร้อยละ 85" in found.answer.splitlines()[0] and found.answer.splitlines()[0].startswith("By 2570")


DEFINITIONS_ACT = """พระราชบัญญัติ
ทดสอบนิยามศัพท์
พ.ศ. ๒๕๖๗

มาตรา ๑ พระราชบัญญัตินี้เรียกว่า “พระราชบัญญัติทดสอบนิยามศัพท์ พ.ศ. ๒๕๖๗”

มาตรา ๓ ในพระราชบัญญัตินี้
“ภัยคุกคามทางไซเบอร์” หมายความว่า การกระทำใด ๆ โดยมิชอบต่อระบบคอมพิวเตอร์
“ไซเบอร์” หมายความรวมถึง ข้อมูลและการสื่อสารที่เกิดจากการใช้เครือข่ายคอมพิวเตอร์
“ธุรกรรมทางอิเล็กทรอนิกส์” หมายความว่า ธุรกรรมที่กระทำขึ้นโดยใช้วิธีการทางอิเล็กทรอนิกส์ทั้งหมดหรือแต่บางส่วน
"""


def test_an_english_definition_question_finds_the_thai_term_through_general_words() -> None:
    spec = DocumentSpec(doc_id="test-defs", kind="law", title="พระราชบัญญัติทดสอบนิยามศัพท์ พ.ศ. 2567",
                        path=Path("test-defs.txt"))  # fmt: skip
    answerer = LawAnswerer(build_law_book([Document(spec=spec, raw_text=DEFINITIONS_ACT, text=DEFINITIONS_ACT)]))
    found = answerer.answer(Conversation("How does พ.ร.บ. ทดสอบนิยามศัพท์ define the word 'cyber'?", "en"))
    assert found is not None and not found.abstained
    first = found.answer.splitlines()[0]
    assert "“ไซเบอร์”" in first and "เครือข่ายคอมพิวเตอร์" in first and "มิชอบ" not in first
    found = answerer.answer(Conversation("What is an 'electronic transaction' under พ.ร.บ. ทดสอบนิยามศัพท์?", "en"))
    assert found is not None and "ทั้งหมดหรือแต่บางส่วน" in found.answer.splitlines()[0]


def test_english_questions_lean_on_the_dense_ranking(mini_index: Settings) -> None:
    """With no BM25 share for English, an English question ranks as the dense retriever alone ranks it,
    while a Thai question keeps its full BM25 share."""
    services = build_services(mini_index)
    hybrid = services.retriever
    hybrid.settings = hybrid.settings.model_copy(update={"english_bm25_factor": 0.0})
    dense = HybridRetriever(hybrid.snapshot, hybrid.embedder, hybrid.settings, mode="dense")

    def order(retriever: HybridRetriever, question: str) -> list[str]:
        return [h.chunk.chunk_id for h in retriever.search(question, top_k=8).hits]

    english = "What is the vision of the digital government test plan, and which strategy covers online services?"
    assert order(hybrid, english) == order(dense, english)
    thai = "วิสัยทัศน์ของแผนทดสอบรัฐบาลดิจิทัลคืออะไร ยุทธศาสตร์ใดเกี่ยวกับบริการออนไลน์"
    assert order(hybrid, thai) != order(dense, thai)


def test_a_meeting_number_is_asked_as_the_thai_documents_print_it() -> None:
    rq = rewrite_query("When did the committee approve the draft plan at its meeting no. 1/2565?", alias_table({}))
    assert "ครั้งที่ 1/2565" in rq.expansions and "ครั้งที่ 1/2565" in rq.lexical
    assert not any(e.startswith("ครั้งที่") for e in rewrite_query("Section 1/2565 of the Act", {}).expansions)


def test_english_words_of_targets_letters_and_agencies_have_thai_glosses() -> None:
    glosses = thai_glosses("Which KPI sets a minimum per year, and what did NBTC's Fund get? Who signed the enclosure?")
    assert {"ตัวชี้วัด", "อย่างน้อย ไม่น้อยกว่า", "ปีละ ต่อปี", "ลงนาม", "สิ่งที่ส่งมาด้วย"} <= set(glosses)
    aliases = alias_table({})
    assert "กสทช." in rewrite_query("What share of NBTC revenue goes to the fund?", aliases).expansions
    assert "กรมที่ดิน" in rewrite_query("What is the e-mail of the Department of Lands?", aliases).expansions


def test_an_english_date_is_asked_as_the_thai_documents_print_it() -> None:
    rq = rewrite_query("What did the meeting of 30 August 2022 suggest? And on July 6, 2022?", alias_table({}))
    assert "30 สิงหาคม 2565" in rq.expansions and "6 กรกฎาคม 2565" in rq.expansions


def test_an_abbreviated_month_after_a_day_is_written_out() -> None:
    from assistant.query_rewrite import normalize_question

    assert normalize_question("ประชุมเมื่อ 22 มิ.ย. 2565 ว่าอย่างไร") == "ประชุมเมื่อ 22 มิถุนายน 2565 ว่าอย่างไร"
    assert normalize_question("ลงวันที่ ๒๕ ม.ค. ๒๕๖๖") == "ลงวันที่ 25 มกราคม 2566"
    assert normalize_question("เลขาธิการ ก.พ. คือใคร") == "เลขาธิการ ก.พ. คือใคร"  # the commission, not February
