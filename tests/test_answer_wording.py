"""Question wording read right: budget words, two-digit Buddhist-Era years, who holds a post, asked dates."""

from __future__ import annotations

from assistant.answer_text import best_fact, direct_spans
from assistant.extractive_answerer import extract, query_terms
from assistant.query_rewrite import expansions_of
from assistant.question_types import QuestionType, classify, load_question_types
from assistant.retrieval_service import ScoredChunk
from index.chunk_record import ChunkRecord


def _type(name: str) -> QuestionType:
    return next(t for t in load_question_types().types if t.name == name)


def test_budget_word_is_not_read_across_two_words() -> None:
    # "ของบุคลากร" (of the personnel) holds the letters of "งบ" (budget) across a word boundary
    assert "quantity" not in [t.name for t in classify("หลักคิดด้านทักษะของบุคลากรภาครัฐเสนอให้กำหนดอะไรให้ชัดเจน")]
    assert "quantity" in [t.name for t in classify("โครงการนี้ใช้งบเท่าไร")]
    assert "quantity" in [t.name for t in classify("โครงการนี้ของบประมาณไว้เท่าไร")]


def test_two_digit_year_is_expanded_to_the_buddhist_era() -> None:
    assert "2564" in expansions_of("ถ้าดูเฉพาะบริการออนไลน์ ปี 64 คนพอใจกี่เปอร์เซ็นต์", {})
    assert "2567" in expansions_of("ปีงบ 67 ได้รับงบประมาณเท่าไร", {})
    assert not [e for e in expansions_of("ต้องยื่นภายใน 30 วัน", {}) if e.startswith("25")]


def test_the_holder_of_a_post_is_read_before_its_predicate() -> None:
    # the holder ends a long unspaced run well before the matched "เป็นประธาน"
    text = (
        "ซึ่งต่อมาได้มีคำสั่งมอบหมายและมอบอำนาจให้รองนายกรัฐมนตรี (นายสมมติ ทดสอบ) "
        "ปฏิบัติหน้าที่เป็นประธานกรรมการพัฒนารัฐบาลดิจิทัล ตามที่อ้างถึง"
    )
    span = best_fact(text, _type("chair"), {"มอบหมาย", "ปฏิบัติ", "หน้าที่", "แทน"})
    assert span is not None and "รองนายกรัฐมนตรี" in span


def test_an_asked_date_is_a_day_and_month_not_a_year() -> None:
    text = (
        "ที่ สพร 2565/99 สำนักงานพัฒนารัฐบาลดิจิทัล กรุงเทพฯ 10400 25 มกราคม 2566 "
        "เรื่อง ขออนุมัติ (ร่าง) แผนพัฒนารัฐบาลดิจิทัลของประเทศไทย พ.ศ. 2566 - 2570 เรียน เลขาธิการ"
    )
    terms = {"หนังสือ", "ขออนุมัติ", "ร่าง", "แผน", "พัฒนา", "รัฐบาล", "ดิจิทัล", "2566", "2570", "ลงวันที่"}
    span = best_fact(text, _type("when"), terms, dated=True)
    assert span is not None and "25 มกราคม" in span


def test_a_bibliography_entry_is_not_quoted_as_the_answer() -> None:
    # a footnote naming the survey shares the question's words; the passage stating the rank answers it
    reference = (
        "24 ผลสำรวจดัชนีการมีส่วนร่วมทางอิเล็กทรอนิกส์ (E-Participation Index) ปี 2565 (UN, 2022) "
        "Available from: https://un.org"
    )
    statement = "ในรายงานฉบับเดียวกันพบว่า ประเทศไทยอยู่ในอันดับที่ 18 ของดัชนีการมีส่วนร่วมในปี 2565 ปรับตัวดีขึ้น"
    hits = [
        ScoredChunk(ChunkRecord(f"c{i}", "plan", "แผน", "plan", t, 0, len(t)), 1.0 - i / 10)
        for i, t in enumerate([reference, statement])
    ]
    question = "ผลสำรวจปี 2565 ไทยได้อันดับดัชนีการมีส่วนร่วมทางอิเล็กทรอนิกส์ที่เท่าไร"
    found = extract(question, question, hits)
    assert found.quotes and all(rank == 1 for rank, _ in found.quotes)


def test_the_date_of_the_asked_meeting_is_chosen_across_quotes() -> None:
    # a letter lists meeting after meeting; the one the question names may sit in a later quote, its name in a
    # long unspaced run that a window's left edge cuts
    first = "๑) ตามมติคณะกรรมการทดสอบ ครั้งที่ ๑/๒๕๖๕ เมื่อวันที่ ๒๒ มิถุนายน ๒๕๖๕ เห็นชอบ (ร่าง) แผนทดสอบ"
    later = (
        "๖) นำเสนอ (ร่าง) แผนทดสอบฯ ต่อที่ประชุมคณะกรรมการขับเคลื่อนการพัฒนาทดสอบดิจิทัล ครั้งที่ ๑/๒๕๖๕ "
        "เมื่อวันที่ ๑ กุมภาพันธ์ ๒๕๖๕ โดยคณะกรรมการฯ มีมติเห็นชอบ (ร่าง) แผนทดสอบ"
    )
    question = "คณะกรรมการขับเคลื่อนการพัฒนาทดสอบดิจิทัลเห็นชอบร่างแผนฯ ในการประชุมเมื่อวันที่เท่าไร"
    terms = query_terms(question)
    spans = direct_spans(classify(question), [(0, first), (1, later)], terms, dated=True)
    assert spans and spans[0].rank == 1 and "๑ กุมภาพันธ์" in spans[0].text
    # with nothing telling them apart, the first quote's date stands
    same = direct_spans(classify(question), [(0, first), (1, first.replace("๒๒ มิถุนายน", "๓ มีนาคม"))], terms, dated=True)
    assert same[0].rank == 0


def test_a_reference_number_in_the_question_picks_its_own_date() -> None:
    text = (
        "๕. สำเนาหนังสือสำนักงานทดสอบแห่งชาติ ด่วนมาก ที่ นร ๑๐๑/๖๙๖๙ ลงวันที่ ๒๙ พฤศจิกายน ๒๕๖๕ "
        "๖. สำเนาหนังสือสำนักงานทดสอบแห่งชาติ ด่วนที่สุด ที่ นร ๑๐๑/๗๓๓๓ ลงวันที่ ๒๐ ธันวาคม ๒๕๖๕ ๗. QR CODE"
    )
    question = "หนังสือสำนักงานทดสอบแห่งชาติ ที่ นร 101/6969 ลงวันที่เท่าไร"
    span = best_fact(text, _type("when"), query_terms(question), dated=True)
    assert span is not None and "๒๙ พฤศจิกายน" in span


def test_an_amount_written_in_words_is_a_figure() -> None:
    text = "ข้อพิพาททางแพ่งอื่นที่มีทุนทรัพย์ไม่เกินสองแสนบาท หรือมากกว่านั้น ตามที่กำหนดในพระราชกฤษฎีกา"
    assert _type("quantity").holds(text)
    span = best_fact(text, _type("quantity"), query_terms("ทุนทรัพย์ไม่เกินเท่าไร"))
    assert span is not None and "สองแสนบาท" in span


def test_which_day_asks_a_date_but_which_days_lists_them() -> None:
    assert [t.name for t in classify("คณะรัฐมนตรีมีมติเรื่องแผนเมื่อวันไหน")][:1] == ["when"]
    assert "when" not in [t.name for t in classify("วันหยุดราชการเดือนธันวาคมมีวันไหนบ้าง")]


def _line_one(question: str, text: str, title: str = "พระราชบัญญัติสมมุติ") -> str:
    from assistant.answer_text import compose

    hits = [ScoredChunk(ChunkRecord("c0", "d0", title, "law", text, 0, len(text)), 1.0)]
    ex = extract(question, question, hits)
    numbers = {r: i + 1 for i, r in enumerate(dict.fromkeys([s.rank for s in ex.direct] + [r for r, _ in ex.quotes]))}
    return compose("th", ex.types, ex.direct, [(r, s.text) for r, s in ex.quotes], numbers).splitlines()[0]


def test_how_often_is_answered_by_the_recurring_clause() -> None:
    assert [t.name for t in classify("ต้องประเมินผลบ่อยแค่ไหน")] == ["frequency"]
    assert classify("แจ้งเตือนทุกกี่วัน")[0].name == "frequency"
    assert classify("ขยายเวลาได้กี่ครั้ง")[0].name == "quantity"  # a count of times, not how often
    text = (
        "1. สำนักงานจัดอบรมหลักสูตรด้านธรรมาภิบาลข้อมูลเพื่อยกระดับทักษะบุคลากรภาครัฐ "
        "2. สำนักงานเผยแพร่แนวปฏิบัติธรรมาภิบาลข้อมูลแก่หน่วยงานของรัฐ "
        "3. สำนักงานประเมินผลการดำเนินงานตามแนวปฏิบัติธรรมาภิบาลข้อมูล อย่างน้อยปีละหนึ่งครั้ง"
    )
    assert "ปีละหนึ่งครั้ง" in _line_one("สำนักงานต้องประเมินผลเรื่องธรรมาภิบาลข้อมูลบ่อยแค่ไหน", text)


def test_a_line_cut_after_a_naming_lead_in_runs_through_the_quoted_name() -> None:
    text = (
        "มาตรา 5 ให้มีคณะกรรมการคณะหนึ่งเรียกว่า “คณะกรรมการส่งเสริมการใช้บริการดิจิทัลภาครัฐแห่งชาติ” "
        "เรียกโดยย่อว่า “กสด.” ประกอบด้วยผู้แทนหน่วยงานของรัฐที่เกี่ยวข้องทั้งส่วนกลางและส่วนภูมิภาค "
        "และให้ใช้ชื่อเป็นภาษาอังกฤษว่า “National Digital Service Committee” ประกอบด้วย (1) นายกรัฐมนตรี "
        "เป็นประธานกรรมการ (2) รัฐมนตรีว่าการกระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม เป็นรองประธานกรรมการ"
    )
    assert "National Digital Service Committee" in _line_one("ชื่อภาษาอังกฤษล่ะ", text)


def test_a_follow_up_is_not_given_the_figure_the_earlier_answer_gave() -> None:
    text = (
        "มาตรา 18 เมื่อมีคนเกิดให้แจ้งการเกิด ดังต่อไปนี้ (1) คนเกิดในบ้าน ให้เจ้าบ้านหรือบิดาหรือมารดาแจ้งต่อนายทะเบียน"
        "ผู้รับแจ้งภายในสิบห้าวันนับแต่วันเกิด (2) คนเกิดนอกบ้าน ให้บิดาหรือมารดาแจ้งต่อนายทะเบียนผู้รับแจ้งภายในสิบห้าวัน"
        "นับแต่วันเกิด ในกรณีจำเป็นไม่อาจแจ้งได้ตามกำหนด ให้แจ้งภายหลังได้แต่ต้องไม่เกินสามสิบวันนับแต่วันเกิด"
    )
    said = "ตามมาตรา 18 ให้เจ้าบ้านหรือบิดามารดาแจ้งต่อนายทะเบียนผู้รับแจ้งภายในสิบห้าวันนับแต่วันเกิด"
    question = "ถ้ามีเหตุจำเป็นแจ้งไม่ทัน ขยายไปได้ไม่เกินกี่วัน"
    lexical = f"{question} เจ้าบ้าน บิดา มารดา สิบห้า วันเกิด"  # the earlier turns' words carried in
    hits = [ScoredChunk(ChunkRecord("c0", "d0", "พระราชบัญญัติสมมุติ", "law", text, 0, len(text)), 1.0)]
    assert "สามสิบวัน" in extract(question, lexical, hits, said=said).direct[0].text
