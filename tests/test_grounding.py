"""The one grounding check shared by the LLM path and the eval: numbers, dates and agencies must be cited."""

from __future__ import annotations

from assistant.grounding import violations
from assistant.llm_answerer import check_reply
from assistant.retrieval_service import ScoredChunk
from evals.metrics import grounding_violations
from index.chunk_record import ChunkRecord

CITED = "โครงการ 1.1 งบประมาณ ๑,๒๐๐ ล้านบาท ดำเนินการโดยสำนักงานพัฒนารัฐบาลดิจิทัล (สพร.) ภายในเก้าสิบวัน ปี ๒๕๖๖"


def _hit(text: str) -> ScoredChunk:
    return ScoredChunk(ChunkRecord("c1", "d1", "ชื่อเอกสาร", "plan", text, 0, len(text)), 1.0)


def test_folds_thai_digits_separators_number_words_and_eras() -> None:
    ok = "งบประมาณ 1200 ล้านบาท ภายใน 90 วัน ในปี 2023 (พ.ศ. 2566) โดย สพร. [1]"
    assert violations(ok, [CITED]) == []
    assert violations("1,200,000,000 บาท [1]", [CITED]) == []  # millions written out


def test_flags_invented_numbers_agencies_acronyms_and_months() -> None:
    bad = "งบประมาณ 3,500 ล้านบาท โดยกระทรวงการคลัง และ ETDA เมื่อ 5 มีนาคม [1]"
    assert set(violations(bad, [CITED])) == {"3500", "กระทรวงการคลัง", "ETDA", "มีนาคม"}
    assert violations("It was approved on 7 December [1]", [CITED]) == ["ธันวาคม"]


def test_agency_name_followed_by_running_text_is_grounded() -> None:
    assert violations("สำนักงานพัฒนารัฐบาลดิจิทัลเป็นผู้ดำเนินการ [1]", [CITED]) == []
    assert violations("สำนักงานพัฒนารัฐบาลดิจิทัลแห่งอาเซียน [1]", [CITED]) == ["สำนักงานพัฒนารัฐบาลดิจิทัลแห่งอาเซียน"]


def test_markers_single_digits_and_email_domains_are_not_facts() -> None:
    assert violations("ข้อ 5 ระบุว่า ... [12] [3]", ["ข้อความ"]) == []
    assert violations("ส่งที่ saraban@dga.or.th [1]", ["อีเมล saraban@dga.or.th"]) == []


def test_eval_metric_and_llm_check_agree() -> None:
    invented = "หน่วยงานที่รับผิดชอบคือกรมการค้าดิจิทัล [1]"
    assert grounding_violations(invented, [CITED]) == ["กรมการค้าดิจิทัล"]
    assert check_reply(invented, [_hit(CITED)]) is None  # rejected at run time too
    fine = "สำนักงานพัฒนารัฐบาลดิจิทัลรับผิดชอบ งบประมาณ 1,200 ล้านบาท [1]"
    assert grounding_violations(fine, [CITED]) == []
    reply = check_reply(fine, [_hit(CITED)])
    assert reply is not None and reply.cited == [1] and not reply.refused


def test_a_total_worked_out_in_the_open_is_grounded_only_from_stated_operands() -> None:
    cited = ["ยุทธศาสตร์ที่ 1 มีโครงการสำคัญ จำนวน 14 โครงการ", "มีโครงการสำคัญ จำนวน 12 โครงการ"]
    assert violations("รวม 14 + 12 + 7 = 33 โครงการ [1] [2]", cited) == []
    assert violations("รวม 14 + 12 = 27 โครงการ [1] [2]", cited) == ["27"]  # wrong arithmetic
    assert violations("รวม 14 + 13 = 27 โครงการ [1] [2]", cited) == ["13", "27"]  # an operand not stated
    assert violations("5 + 41.59 = 46.59 ล้านบาท [1]", ["41.59 ล้านบาท"]) == []
    assert violations("งบรวม 46.59 ล้านบาท [1]", ["41.59 ล้านบาท"]) == ["46.59"]  # a bare total is not


def test_number_words_in_millions_ground_both_figures() -> None:
    cited = "วงเงินสิบสองล้านบาท ภายในสามสิบเอ็ดวัน"
    assert violations("12 ล้านบาท ภายใน 31 วัน [1]", [cited]) == []
    assert violations("12,000,000 บาท [1]", [cited]) == []
    assert violations("13 ล้านบาท [1]", [cited]) == ["13"]


def test_an_english_month_quoted_from_a_passage_printing_it_in_english_is_grounded() -> None:
    passage = "Veridian E-Journal, Volume 12 Number 2 March – April 2019"
    assert violations("The documents say: “Volume 12 Number 2 March – April 2019” [1]", [passage]) == []
    assert violations("It closed in May 2019 [1]", [passage]) == ["พฤษภาคม"]  # a month it does not print
