"""Full-corpus robustness: questions typed without tone marks or with typos, and follow-ups, still retrieve."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.retrieval_service import HybridRetriever
from assistant.services import build_services
from dgplan.settings import load_settings

pytestmark = pytest.mark.slow

EXCISE = "140D009S0000000002700"
PHRAE_TRANSPORT = "140D110S0000000002100"
STUDENT_LOAN = "140D081S0000000001400"
CYBER = "cybersecurity-act-2562"
INFO = "official-information-act-2540"
PLAN = "dg-plan-2566-2570"

# Hand-written variants: tone marks and upper/lower vowels dropped, silent letters left out, letters swapped.
DAMAGED = [
    ("กรมสรรพสามิตรบหนงสอทางอเมลอะไร", EXCISE),
    ("เบอโทรขนสงจงหวดแพร", PHRAE_TRANSPORT),
    ("กองทุนเงินใหกูยืมเพือการศึกษา มีเวบไซตอะไร", STUDENT_LOAN),
    ("ใครเปนประทานกรรมการรักษาความมันคงปลอดภัยไซเบอแหงชาติ", CYBER),
    ("พรบ ขอมูลขาวสารของราชการ ม.9 ประชาชนเขาตรวจดูอะไรได", INFO),
    ("แผนพัฒนารัฐบาลดิจิทัล มีกียุธศาสตร", PLAN),
]


@pytest.fixture(scope="module")
def retriever(real_data_dir: Path) -> Iterator[HybridRetriever]:
    yield build_services(load_settings(None, data_dir=real_data_dir)).retriever


@pytest.mark.parametrize(("question", "doc_id"), DAMAGED)
def test_damaged_questions_find_their_document(retriever: HybridRetriever, question: str, doc_id: str) -> None:
    docs = [h.chunk.doc_id for h in retriever.search(question, top_k=5).hits]
    assert doc_id in docs, docs


def test_followup_carries_the_office_and_a_topic_switch_drops_it(retriever: HybridRetriever) -> None:
    history = [("user", "อีเมลของสำนักงานขนส่งจังหวัดแพร่คืออะไร"), ("assistant", "phrae@dlt.mail.go.th [1]")]
    carried = retriever.search("แล้วเบอร์โทรล่ะ", top_k=5, history=history)
    assert carried.query.followup
    assert carried.hits[0].chunk.doc_id == PHRAE_TRANSPORT
    switched = retriever.search("กรมสรรพสามิตรับหนังสือทางอีเมลอะไร", top_k=5, history=history)
    assert not switched.query.followup
    assert switched.hits[0].chunk.doc_id == EXCISE
    assert PHRAE_TRANSPORT not in [h.chunk.doc_id for h in switched.hits]


def test_english_followup_stays_on_the_act(retriever: HybridRetriever) -> None:
    history = [("user", "What does the Official Information Act say about documents the public may inspect?")]
    result = retriever.search("and who may request them?", top_k=5, history=history)
    assert result.query.followup and result.query.subject_doc_ids == [INFO]
    assert result.hits[0].chunk.doc_id == INFO


def test_a_question_under_a_named_act_is_answered_from_the_act(retriever: HybridRetriever) -> None:
    # the plan quotes the Act's title beside its own text; "under the Act" asks the Act's sections
    question = (
        "Under the Electronic Government Administration Act 2022, "
        "may an agency convert documents in its possession into electronic form?"
    )
    assert retriever.search(question, top_k=5).hits[0].chunk.doc_id == "egov-admin-act-2565"
    # ... unless the question asks what the plan says of the Act
    question = "แผนพัฒนารัฐบาลดิจิทัลกล่าวถึงพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 ว่าอย่างไร"
    assert PLAN in [h.chunk.doc_id for h in retriever.search(question, top_k=5).hits]


def test_a_question_naming_the_letter_is_answered_from_the_letter(retriever: HybridRetriever) -> None:
    # the plan states the vision too; a question about what DGA's cover letter says cites the letter
    question = "What vision for 2023-2027 does DGA's cover letter to the Cabinet state for the draft plan?"
    assert retriever.search(question, top_k=5).hits[0].chunk.doc_id == "dga-letter-2566"


def test_a_national_notice_listing_provincial_offices_gives_the_row_of_the_province_asked(
    retriever: HybridRetriever,
) -> None:
    """The Social Security Office's notice lists every provincial office's e-mail in a table over several passages: an
    English question naming the office and a province gets the passage holding that province's row first."""
    result = retriever.search("Social Security Office in Phuket: which e-mail address takes requests?", top_k=5)
    assert "saraban_phuket@sso.go.th" in result.hits[0].chunk.text.replace(" ", "")
