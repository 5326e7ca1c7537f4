"""Follow-ups carry the subject of earlier turns; a question naming its own subject is a topic switch."""

from __future__ import annotations

import pytest

from assistant.conversation_subject import SubjectTracker, document_names, title_names
from assistant.query_rewrite import alias_table, rewrite_query
from assistant.structured import Conversation, StructuredAnswer
from corpus.thai_text import key_ngrams, key_tokens, thai_key
from index.bm25_component import BM25Index
from index.chunk_record import ChunkRecord

PLAN = "ประกาศคณะกรรมการพัฒนารัฐบาลดิจิทัล เรื่อง แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย พ.ศ. 2566 - 2570"
DOCS = [
    {"doc_id": "plan", "title": PLAN},
    {"doc_id": "std-a", "title": "ประกาศคณะกรรมการพัฒนารัฐบาลดิจิทัล เรื่อง มาตรฐานว่าด้วยบัญชีข้อมูลภาครัฐ"},
    {"doc_id": "std-b", "title": "ประกาศคณะกรรมการพัฒนารัฐบาลดิจิทัล เรื่อง มาตรฐานว่าด้วยคุณภาพข้อมูล"},
    {"doc_id": "info", "title": "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540"},
    {"doc_id": "cyber", "title": "พระราชบัญญัติการรักษาความมั่นคงปลอดภัยไซเบอร์ พ.ศ. 2562"},
    {"doc_id": "phrae", "title": "ประกาศสำนักงานขนส่งจังหวัดแพร่ เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อสำนักงานขนส่งจังหวัดแพร่"},
    {"doc_id": "excise", "title": "ประกาศกรมสรรพสามิต เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อกรมสรรพสามิต"},
]
TEXTS = [
    ("plan", "โครงการบริการระบบคลาวด์กลางภาครัฐ (GDCC) งบประมาณ 6,216 ล้านบาท ระยะเวลา 36 เดือน", "2.3"),
    ("plan", "โครงการศูนย์กลางข้อมูลเปิดภาครัฐ (Open Data) งบประมาณ 16 ล้านบาท", "4.1"),
    ("plan", "ยุทธศาสตร์ที่ 1 พัฒนาบริการภาครัฐ เป้าหมาย ตัวชี้วัด", None),
    ("std-a", "บัญชีข้อมูลภาครัฐ หมายความว่า เอกสารแสดงรายการข้อมูล", None),
    ("std-b", "คุณภาพข้อมูล ความถูกต้อง ความครบถ้วน", None),
    ("info", "มาตรา 7 หน่วยงานของรัฐต้องส่งข้อมูลข่าวสารลงพิมพ์ในราชกิจจานุเบกษา", None),
    ("info", "มาตรา 9 หน่วยงานของรัฐต้องจัดให้มีข้อมูลข่าวสารไว้ให้ประชาชนเข้าตรวจดู", None),
    ("cyber", "มาตรา 5 ให้มีคณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติ นายกรัฐมนตรี เป็นประธานกรรมการ", None),
    ("phrae", "ไปรษณีย์อิเล็กทรอนิกส์ phrae@example.go.th หมายเลขโทรศัพท์ 0 5465 2544", None),
    ("excise", "ไปรษณีย์อิเล็กทรอนิกส์ saraban@example.go.th หมายเลขโทรศัพท์ 0 2241 5600", None),
]
PROJECTS = {"gdcc": "2.3", "คลาวด์กลาง": "2.3", "ข้อมูลเปิด": "4.1", "open data": "4.1"}


def _project_hint(question: str) -> list[str]:
    key = thai_key(question)
    return list(dict.fromkeys(n for name, n in PROJECTS.items() if thai_key(name) in key))


@pytest.fixture(scope="module")
def tracker() -> SubjectTracker:
    titles = {d["doc_id"]: d["title"] for d in DOCS}
    chunks = [
        ChunkRecord(chunk_id=f"{doc}:{i:04d}", doc_id=doc, title=titles[doc], kind="law", text=text, start=0,
                    end=len(text), project=project)
        for i, (doc, text, project) in enumerate(TEXTS)
    ]
    texts = [f"{c.title} {c.text}" for c in chunks]
    tokens = [key_tokens(t) for t in texts]
    bm25 = BM25Index.build(tokens, [key_ngrams(t) for t in texts])
    df: dict[str, int] = {}
    for toks in tokens:
        for t in set(toks):
            df[t] = df.get(t, 0) + 1
    aliases = alias_table({"กมช.": ["คณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติ"]})
    return SubjectTracker(chunks, DOCS, bm25, df, aliases, _project_hint)


def test_titles_give_issuer_and_subject_names_and_shared_issuers_name_nothing() -> None:
    assert title_names("พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540") == [thai_key("ข้อมูลข่าวสารของราชการ")]
    names = document_names(DOCS)
    committee = thai_key("คณะกรรมการพัฒนารัฐบาลดิจิทัล")
    assert not any(committee.startswith(n.key) for n in names)  # issuer of three notices: names none
    plan_names = [n.key for n in names if n.doc_id == "plan"]
    assert plan_names and thai_key("แผนพัฒนารัฐบาลดิจิทัล").startswith(plan_names[0])


def test_elliptical_question_carries_the_project_and_its_document(tracker: SubjectTracker) -> None:
    history = [("user", "โครงการ GDCC ใครรับผิดชอบ"), ("assistant", "สำนักงานคณะกรรมการดิจิทัลเพื่อเศรษฐกิจและสังคมแห่งชาติ")]
    rq = tracker.carry(rewrite_query("แล้วงบประมาณเท่าไร", tracker._aliases), history)
    assert rq.followup
    assert rq.subject_doc_ids == ["plan"]
    assert rq.subject_projects == ["2.3"]
    assert "gdcc" in rq.lexical.lower()
    assert "GDCC" in rq.dense


def test_english_followup_finds_the_act_through_the_alias(tracker: SubjectTracker) -> None:
    history = [("user", "What is กมช. under the Cybersecurity Act 2019?")]
    rq = tracker.carry(rewrite_query("Who chairs it?", tracker._aliases), history)
    assert rq.followup and rq.subject_doc_ids == ["cyber"]


def test_subject_from_the_assistant_turn_when_the_user_named_none(tracker: SubjectTracker) -> None:
    history = [("user", "ขอช่องทางติดต่อทางอีเมลหน่อย"), ("assistant", "สำนักงานขนส่งจังหวัดแพร่: phrae@example.go.th [1]")]
    rq = tracker.carry(rewrite_query("แล้วเบอร์โทรล่ะ", tracker._aliases), history)
    assert rq.followup and rq.subject_doc_ids == ["phrae"]
    assert thai_key("แพร่") in rq.places


def test_a_new_subject_fully_named_is_a_topic_switch(tracker: SubjectTracker) -> None:
    history = [("user", "อีเมลของสำนักงานขนส่งจังหวัดแพร่คืออะไร"), ("assistant", "phrae@example.go.th [1]")]
    rq = tracker.carry(rewrite_query("แล้วกรมสรรพสามิตล่ะ เบอร์โทรอะไร", tracker._aliases), history)
    assert not rq.followup
    assert rq.subject_doc_ids == [] and rq.places == []
    other = tracker.carry(rewrite_query("แล้วโครงการข้อมูลเปิดล่ะ", tracker._aliases),
                          [("user", "โครงการ GDCC งบเท่าไร")])
    assert not other.followup and "gdcc" not in other.lexical.lower()


def test_a_self_contained_question_does_not_lean_on_history(tracker: SubjectTracker) -> None:
    rq = tracker.carry(
        rewrite_query("บัญชีข้อมูลภาครัฐหมายความว่าอะไรตามมาตรฐานฉบับล่าสุด", tracker._aliases),
        [("user", "โครงการ GDCC งบเท่าไร")],
    )
    assert not rq.followup and not rq.subject_doc_ids


def test_same_document_new_section_keeps_the_document_not_the_old_words(tracker: SubjectTracker) -> None:
    history = [("user", "มาตรา 7 ของ พ.ร.บ. ข้อมูลข่าวสารของราชการ ว่าด้วยราชกิจจานุเบกษา")]
    rq = tracker.carry(rewrite_query("แล้วมาตรา 9 ล่ะ", tracker._aliases), history)
    assert rq.followup and rq.subject_doc_ids == ["info"]
    assert "ราชกจจานเบกษา" not in thai_key(rq.lexical)


def test_what_about_particle_mid_question_carries_the_subject(tracker: SubjectTracker) -> None:
    history = [("user", "อีเมลของสำนักงานขนส่งจังหวัดแพร่คืออะไร"), ("assistant", "phrae@example.go.th [1]")]
    rq = tracker.carry(rewrite_query("ฝ่ายใบอนุญาตขับรถและกลุ่มวิชาการล่ะ เบอร์โทรอะไร", tracker._aliases), history)
    assert rq.followup and rq.subject_doc_ids == ["phrae"]


def test_an_opener_announcing_another_topic_carries_nothing(tracker: SubjectTracker) -> None:
    history = [("user", "คณะกรรมการการรักษาความมั่นคงปลอดภัยไซเบอร์แห่งชาติมีหน้าที่อะไร")]
    assert tracker.carry(rewrite_query("ใครเป็นประธาน", tracker._aliases), history).followup
    for opener in ("อีกเรื่องครับ ใครเป็นประธาน", "ขอถามเรื่องอื่นนะคะ ใครเป็นประธาน", "Different question: who chairs it?"):
        rq = tracker.carry(rewrite_query(opener, tracker._aliases), history)
        assert not rq.followup and not rq.subject_doc_ids, opener


def test_subject_document_from_the_whole_exchange_when_the_question_named_none(tracker: SubjectTracker) -> None:
    # the question's words are ordinary; the answer's words find the passage the exchange was about
    history = [("user", "ต้องทำอะไรกับข้อมูล"), ("assistant", "ต้องส่งข้อมูลข่าวสารลงพิมพ์ในราชกิจจานุเบกษา [1]")]
    rq = tracker.carry(rewrite_query("แล้วต้องทำภายในกี่วัน", tracker._aliases), history)
    assert rq.followup and rq.subject_doc_ids == ["info"]


def test_span_weights_let_the_followups_own_words_choose_the_sentence() -> None:
    from assistant.conversation_subject import span_weights
    from assistant.extractive_answerer import query_terms
    from assistant.query_rewrite import with_subject

    rq = with_subject(rewrite_query("ต้องส่งให้ใครทราบ", {}), "ราชกิจจานุเบกษา", "", ["info"], [], [])
    weight = span_weights(rq, lambda _t: 2.0, query_terms)
    assert weight(thai_key("ราชกิจจานุเบกษา")) < 0.5 < weight(thai_key("ทราบ")) == 2.0
    plain = rewrite_query("ต้องส่งให้ใครทราบ", {})
    assert span_weights(plain, lambda _t: 2.0, query_terms)(thai_key("ทราบ")) == 2.0


def test_what_already_happened_places_the_asked_fact_and_weighs_less() -> None:
    from assistant.conversation_subject import span_weights
    from assistant.extractive_answerer import query_terms

    rq = rewrite_query("หลังปรับร่างแผนตามข้อเสนอแล้ว ได้ความเห็นชอบจากคณะกรรมการเมื่อวันที่เท่าไร", {})
    weight = span_weights(rq, lambda _t: 2.0, query_terms)
    assert weight(thai_key("ข้อเสนอ")) < 1.0 < weight(thai_key("เห็นชอบ")) == 2.0
    plain = rewrite_query("ได้ความเห็นชอบจากคณะกรรมการหลังปรับร่างแผนเมื่อวันที่เท่าไร", {})
    assert span_weights(plain, lambda _t: 2.0, query_terms)(thai_key("ปรับ")) == 2.0  # no opening clause


def test_the_time_a_question_opens_with_weighs_less_than_what_it_asks() -> None:
    """"ตอน…ประชุมเห็นชอบร่างแผนเมื่อ 22 มิ.ย. 65 มีข้อเสนอแนะว่าอย่างไร": the meeting and its date place the asked
    recommendations; the sentence stating them, not the one reporting the meeting, is the answer."""
    from assistant.conversation_subject import span_weights
    from assistant.extractive_answerer import query_terms

    rq = rewrite_query("ตอนคณะกรรมการประชุมเห็นชอบร่างแผนเมื่อ 22 มิ.ย. 65 มีข้อเสนอแนะสำคัญว่าอย่างไร", {})
    weight = span_weights(rq, lambda _t: 2.0, query_terms)
    assert weight(thai_key("เห็นชอบ")) < 1.0 and weight(thai_key("มิถุนายน")) < 1.0
    assert weight(thai_key("ข้อเสนอแนะ")) == 2.0
    plain = rewrite_query("คณะกรรมการมีข้อเสนอแนะสำคัญตอนประชุมเห็นชอบร่างแผนว่าอย่างไร", {})
    assert span_weights(plain, lambda _t: 2.0, query_terms)(thai_key("เห็นชอบ")) == 2.0  # not an opening clause


def test_what_a_question_sets_aside() -> None:
    from assistant.conversation_subject import set_aside

    assert set_aside("นอกจากเป้าอันดับที่ 40 ในปี 2570 แล้ว ค่าเป้าหมายระหว่างทางเท่าไร") == "เป้าอันดับที่ 40 ในปี 2570"
    assert set_aside("Besides the 2570 target of 40, what is the interim rank?") == "the 2570 target of 40"
    assert set_aside("ค่าเป้าหมายปี 2570 เท่าไร") == ""


def test_a_notice_issuer_drops_its_number_with_the_office_letters() -> None:
    from assistant.conversation_subject import notice_issuer

    assert notice_issuer("ประกาศกรมทดสอบ ที่ 54/2566 เรื่อง ช่องทาง") == "กรมทดสอบ"
    assert notice_issuer("ประกาศสำนักงานคณะกรรมการทดสอบ ที่ สอ. 3/2566 เรื่อง ช่องทาง") == "สำนักงานคณะกรรมการทดสอบ"
    assert notice_issuer("ประกาศสำนักงานขนส่งจังหวัดทดสอบ เรื่อง ช่องทาง") == "สำนักงานขนส่งจังหวัดทดสอบ"


class _StrategyNamer:
    """A structured answerer that names strategy 1 whenever the text asks about it (as a plan answerer would)."""

    name = "plan"

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        text = conversation.question
        if conversation.followup and conversation.earlier:
            text = f"{text} {conversation.earlier[0]}"  # reads the subject from the earlier question
        if "ยุทธศาสตร์ที่ 1" in text:
            return StructuredAnswer("ยุทธศาสตร์ที่ 1 : ยกระดับการเปลี่ยนผ่านดิจิทัลภาครัฐ [1]", [], "plan")
        return None


def test_a_followup_answer_that_only_restates_the_earlier_answer_is_set_aside() -> None:
    from assistant.conversation_subject import repeats_earlier

    answerer = _StrategyNamer()
    earlier = ["ยุทธศาสตร์ที่ 1 ชื่อว่าอะไร"]
    followup = Conversation(question="ต้องทำบันทึกข้อตกลงอีกไหม", language="th", earlier=earlier, followup=True)
    found = answerer.answer(followup)
    assert found is not None and repeats_earlier(answerer, followup, found)
    fresh = Conversation(question="ยุทธศาสตร์ที่ 1 ชื่อว่าอะไร", language="th")
    found = answerer.answer(fresh)
    assert found is not None and not repeats_earlier(answerer, fresh, found)


def test_a_what_about_follow_up_asks_what_the_earlier_question_asked() -> None:
    from assistant.conversation_subject import asked_types

    history = [("user", "ขนส่งพัทลุงมีเว็บไซต์อะไร"), ("assistant", "เว็บไซต์ http://plg.dlt.go.th")]
    assert [t.name for t in asked_types("สาขาตะโหมดล่ะ", history)] == ["website"]
    assert [t.name for t in asked_types("What about the Tamod branch?", history)] == ["website"]
    assert [t.name for t in asked_types("สาขาตะโหมดเบอร์อะไรล่ะ", history)] == ["phone"]  # its own question word
    assert asked_types("สาขาตะโหมด", history) == []  # no ellipsis: nothing carried
    assert asked_types("สาขาตะโหมดล่ะ", []) == []
    assert asked_types("มาตรา 6 ล่ะ", [("user", "มาตรา 5 ว่าอย่างไร")]) == []  # a named section is never carried


class _OwnerLister:
    """A structured answerer that lists a project's owners whenever the conversation names the project."""

    name = "registry"

    def answer(self, conversation: Conversation) -> StructuredAnswer | None:
        text = " ".join([conversation.question, *conversation.earlier])
        if "โครงการทดสอบ" in text:
            return StructuredAnswer("โครงการทดสอบ; ผู้รับผิดชอบ: สำนักงานทดสอบกลาง, กรมทดสอบภูมิภาค [1]", [], "registry")
        return None


def test_a_followup_asking_for_other_owners_gets_the_full_list_the_earlier_reply_cut_short() -> None:
    from assistant.conversation_subject import repeats_earlier

    answerer = _OwnerLister()
    earlier = ["ใครรับผิดชอบโครงการทดสอบ"]
    others = Conversation(question="มีหน่วยงานอื่นร่วมด้วยไหม", language="th", earlier=earlier, followup=True)
    found = answerer.answer(others)
    assert found is not None
    assert not repeats_earlier(answerer, others, found, said="สำนักงานทดสอบกลางเป็นผู้รับผิดชอบ")
    said_all = "ผู้รับผิดชอบ: สำนักงานทดสอบกลาง, กรมทดสอบภูมิภาค"
    assert repeats_earlier(answerer, others, found, said=said_all)  # nothing the earlier reply lacked
    again = Conversation(question="ต้องทำอะไรอีก", language="th", earlier=earlier, followup=True)
    assert repeats_earlier(answerer, again, found, said="สำนักงานทดสอบกลางเป็นผู้รับผิดชอบ")  # asks no others


def test_a_contact_channel_asked_of_no_one_is_asked_of_the_conversations_office(tracker: SubjectTracker) -> None:
    """"ต้องโทรเบอร์อะไร" names no office: the one the conversation is about."""
    history = [("user", "สำนักงานขนส่งจังหวัดแพร่รับเรื่องทางอีเมลอะไร"), ("assistant", "phrae@example.go.th [1]")]
    asked = "ต้องโทรหมายเลขโทรศัพท์ไหนเพื่อสอบถามไปรษณีย์อิเล็กทรอนิกส์ที่ส่งไป"  # words of every notice, no office
    rq = tracker.carry(rewrite_query(asked, tracker._aliases), history)
    assert rq.followup and rq.subject_doc_ids == ["phrae"]
    named = tracker.carry(rewrite_query("กรมสรรพสามิตรับเรื่องทางอีเมลอะไร", tracker._aliases), history)
    assert not named.followup  # an office named outright is a new subject


def test_a_question_particle_is_no_subject_of_its_own(tracker: SubjectTracker) -> None:
    """"ได้งบเท่าไร แล้วได้รับจัดสรรจริงไหม": ไหม is rare in documents but asks; the project is the earlier turn's."""
    assert "ไหม" not in tracker.naming_words("ได้งบประมาณเท่าไร แล้วได้รับการจัดสรรจริงไหม")
    history = [("user", "โครงการ GDCC ใครรับผิดชอบ"), ("assistant", "สำนักงานทดสอบ")]
    rq = tracker.carry(rewrite_query("ได้งบประมาณเท่าไร แล้วได้รับการจัดสรรจริงไหม", tracker._aliases), history)
    assert rq.followup and rq.subject_projects == ["2.3"]
