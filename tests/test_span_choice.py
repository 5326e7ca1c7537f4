"""Which occurrence line 1 states: rare words place a date, a classifier counts, a footnote glosses its term."""

from __future__ import annotations

from assistant.answer_text import direct_spans, term_weights
from assistant.extractive_answerer import _extend, extract, footnotes, query_terms
from assistant.question_types import classify
from assistant.retrieval_service import ScoredChunk
from assistant.sentences import Segment
from index.chunk_record import ChunkRecord


def _hits(*texts: str) -> list[ScoredChunk]:
    return [
        ScoredChunk(ChunkRecord(f"c{i}", f"d{i}", "เอกสารทดสอบ", "plan", t, 0, len(t)), 1.0 - i / 10)
        for i, t in enumerate(texts)
    ]


def test_a_rare_word_places_the_asked_date_over_common_ones() -> None:
    # every item of the letter says "ร่าง แผน สพร."; only one says "ประชาพิจารณ์"
    first = "๗) จัดประชุมประชาพิจารณ์ ผ่านทางระบบออนไลน์ เมื่อวันที่ ๒๔ กุมภาพันธ์ ๒๕๖๕ เพื่อรับฟังความคิดเห็น"
    later = "สพร. จึงปรับปรุง (ร่าง) แผนทดสอบฯ อีกครั้ง และนำเสนอต่อคณะกรรมการฯ เมื่อวันที่ ๑๘ พฤศจิกายน ๒๕๖๕"
    question = "ตามหนังสือ สพร. มีการจัดประชาพิจารณ์ร่างแผนวันที่เท่าไหร่"
    terms = query_terms(question)
    rare = {t: (5.0 if t.startswith("ประชา") else 1.0) for t in terms}  # keys drop vowels: ประชาพจารณ
    spans = direct_spans(classify(question), [(1, later), (0, first)], terms, dated=True, weight=rare.__getitem__)
    assert spans and "๒๔ กุมภาพันธ์" in spans[0].text


def test_term_weights_keep_a_mean_of_one() -> None:
    weights = term_weights({"ก", "ข"}, {"ก": 3.0, "ข": 1.0}.__getitem__)
    assert weights is not None and abs(sum(weights.values()) - 2.0) < 1e-9 and weights["ก"] > weights["ข"]
    assert term_weights({"ก"}, None) is None


def test_colloquial_when_is_a_date_question_but_where_in_a_text_is_not() -> None:
    assert "when" in [t.name for t in classify("สภาทดสอบเห็นชอบร่างแผนตอนไหน")]
    assert "when" not in [t.name for t in classify("เรื่องนี้อยู่ตอนไหนของแผน")]


def test_a_count_in_the_asked_classifier_is_the_direct_figure() -> None:
    text = (
        "คณะกรรมการทดสอบอาจแต่งตั้งคณะอนุกรรมการหรือบุคคลใดเพื่อปฏิบัติการตามที่มอบหมาย "
        "ปัจจุบันได้แต่งตั้งคณะอนุกรรมการเพื่อปฏิบัติการในด้านต่างๆ จำนวน 3 คณะ ได้แก่ คณะอนุกรรมการด้านหนึ่ง"
    )
    found = extract("คณะกรรมการทดสอบแต่งตั้งคณะอนุกรรมการไว้กี่คณะ", "คณะกรรมการทดสอบแต่งตั้งคณะอนุกรรมการไว้กี่คณะ", _hits(text))
    assert found.direct and "3 คณะ" in found.direct[0].text and found.holds


def test_a_footnote_gloss_is_read_with_its_number_and_term() -> None:
    text = "ตัวชี้วัด ในด้านสำคัญ 20 คิดเป็นร้อยละ 100 20 ด้านสำคัญ ได้แก่ การศึกษา และสิ่งแวดล้อม\n\n2.1) พัฒนาบริการ"
    [(number, _, gloss)] = footnotes(text)
    assert number == "20" and gloss.text == "20 ด้านสำคัญ ได้แก่ การศึกษา และสิ่งแวดล้อม"
    assert footnotes("โครงการนี้มี 3 ระบบ ได้แก่ ระบบหนึ่ง")[0][1] == "ระบบ"  # a gloss only counts when a line marks it


def test_a_line_marking_a_term_with_a_footnote_gets_the_gloss() -> None:
    indicator = "ภายในปี 2568 ร้อยละความสำเร็จของการจัดให้มีช่องทางการมีส่วนร่วมของประชาชนในด้านสำคัญ 22 คิดเป็นร้อยละ 100"
    foot = "แผนภาพโครงการสำคัญ\n\n22 ด้านสำคัญ ได้แก่ ด้านงบประมาณ ด้านกฎหมาย ด้านการจัดซื้อจัดจ้าง ยุทธศาสตร์ที่ 4 : ส่งเสริม"
    question = 'ตัวชี้วัดช่องทางการมีส่วนร่วมของประชาชน "ในด้านสำคัญ" หมายถึงด้านใดบ้าง'
    found = extract(question, question, _hits(indicator, foot))
    line = " ".join(d.text for d in found.direct)
    assert "ด้านกฎหมาย ด้านการจัดซื้อจัดจ้าง" in line and "ยุทธศาสตร์ที่ 4" not in line
    assert any(r == 1 and "ด้านกฎหมาย" in s.text for r, s in found.quotes)  # the gloss is quoted as evidence
    # another footnote number is another term's gloss
    other = foot.replace("22 ด้าน", "21 ด้าน")
    assert "ด้านกฎหมาย" not in " ".join(d.text for d in extract(question, question, _hits(indicator, other)).direct)


def test_a_principle_asked_by_name_is_the_sentence_naming_it() -> None:
    measure = (
        "6) ปรับปรุงขั้นตอนการดำเนินงาน ลด ละ เลิกการขอสำเนาเอกสารจากประชาชน (Re-Engineering Process) "
        "ให้หน่วยงานรัฐสำรวจกระบวนการทำงาน"
    )
    principle = "จากนั้นลดทอนขั้นตอนที่ไม่จำเป็น เพื่อให้มีการขอข้อมูลจากประชาชนเพียงครั้งเดียว (Once Only Principle)"
    question = "มาตรการลด ละ เลิกการขอสำเนาเอกสารจากประชาชน ยึดหลักการอะไร"
    assert [t.name for t in classify(question)] == ["principle"]
    assert [t.name for t in classify("หลักสูตรอะไรบ้าง")] != ["principle"]  # หลักสูตร is a course, not a principle
    found = extract(question, question, _hits(f"{measure} {principle}"))
    assert found.direct and "Once Only Principle" in found.direct[0].text


def test_a_channel_the_state_informs_through_is_not_a_web_address() -> None:
    assert "website" not in [t.name for t in classify("จะแจ้งเตือนสิทธิให้ประชาชนผ่านช่องทางไหนได้บ้าง")]
    assert "website" in [t.name for t in classify("ถ้าจะยื่นคำร้องทางออนไลน์ ต้องใช้ช่องทางไหน")]


def test_a_clause_opening_with_an_example_or_manner_word_is_quoted_with_its_sentence() -> None:
    lead = "4.3) จัดให้มีระบบแจ้งเตือนสิทธิ ผ่านช่องทางการติดต่อที่ประชาชนสามารถเข้าถึงได้โดยง่าย"
    rest = "โดยไม่ต้องร้องขอ เช่น ไปรษณีย์ ข้อความ SMS เป็นต้น"
    after = "4.4) เผยแพร่บริการให้ประชาชนทราบ"
    segs, at = [], 0
    for text in (lead, rest, after):
        segs.append(Segment(text, at, at + len(text)))
        at += len(text) + 1
    quoted = _extend(segs, 0, len(lead))  # no budget left: only a continuation is added
    assert "SMS" in quoted.text and "4.4)" not in quoted.text


def test_a_period_asked_in_years_is_not_the_year_of_an_amending_act() -> None:
    deadline = (
        "มาตรา ๑๖ ในวาระเริ่มแรก ให้คณะทดสอบดำเนินการเสนอแนะต่อคณะรัฐมนตรีเพื่อให้มีการปรับปรุงโครงสร้างระบบทดสอบ "
        "ให้การบริหารเป็นไปอย่างมีประสิทธิภาพและตอบสนองความต้องการของประชาชน เพื่อประโยชน์ของการบริหารงานทดสอบ "
        "ให้ครบถ้วนทุกด้าน และเพื่อให้การบริหารงานเป็นไปอย่างต่อเนื่องเหมาะสมกับสถานการณ์ที่เปลี่ยนไปในทุกระยะ ทั้งนี้\n"
        "ภายในสองปีนับแต่วันที่พระราชบัญญัตินี้ใช้บังคับ"
    )
    amending = "ตามพระราชบัญญัติทดสอบ (ฉบับที่ ๔) พ.ศ. ๒๕๔๓ เป็นอำนาจหน้าที่ของคณะทดสอบ ให้คณะทดสอบเสนอแนะต่อคณะรัฐมนตรี"
    question = "ในวาระเริ่มแรก คณะทดสอบต้องเสนอแนะคณะรัฐมนตรีเรื่องปรับปรุงโครงสร้างให้เสร็จภายในกี่ปี"
    found = extract(question, question, _hits(amending, deadline))
    assert found.direct and "สองปี" in found.direct[0].text, found.direct


def test_a_lone_numbered_clause_is_no_list() -> None:
    lone = "หมายเหตุ เหตุผลในการประกาศใช้ คือ รัฐธรรมนูญ ด้านการบริหารราชการแผ่นดิน\n(1) บัญญัติให้มีการนำเทคโนโลยีมาใช้กับหน่วยงานของรัฐ"
    scope = "มาตรา 4 พระราชบัญญัตินี้ให้ใช้บังคับแก่หน่วยงานของรัฐทุกหน่วย ที่มิใช่หน่วยงานของรัฐในฝ่ายนิติบัญญัติ ฝ่ายตุลาการ องค์กรอิสระ"
    question = "พระราชบัญญัตินี้ไม่ใช้บังคับกับหน่วยงานของรัฐกลุ่มไหนบ้าง"
    assert [t.name for t in classify(question)] == ["list"]  # whom it does not reach, not when it applies
    assert "when" in [t.name for t in classify("พระราชบัญญัตินี้ใช้บังคับเมื่อใด")]
    found = extract(question, question, _hits(scope, lone))
    assert found.quotes and found.quotes[0][0] == 0 and "ฝ่ายตุลาการ" in found.quotes[0][1].text


def test_a_follow_up_is_not_answered_with_the_figure_already_given() -> None:
    first = "มาตรา 5 ให้มีคณะกรรมการหนึ่ง ประกอบด้วย\n(1) นายกรัฐมนตรี เป็นประธาน\n(3) กรรมการผู้ทรงคุณวุฒิ จำนวนไม่เกินเจ็ดคน"
    second = (
        "มาตรา 25 ให้มีคณะกรรมการบริหารสำนักงาน เรียกโดยย่อว่า “กบส.” เพื่อดูแลงานทั่วไปของสำนักงาน ประกอบด้วย\n"
        "(1) เลขาธิการ เป็นประธานกรรมการ\n(2) กรรมการผู้ทรงคุณวุฒิ จำนวนไม่เกินหกคน"
    )
    question = "แล้ว กบส. ล่ะ มีได้ไม่เกินกี่คน"
    said = "ตามมาตรา 5 (3) มีกรรมการผู้ทรงคุณวุฒิจำนวนไม่เกินเจ็ดคน"
    term = "มาตรา 26 ให้กรรมการผู้ทรงคุณวุฒิใน กบส. มีวาระการดำรงตำแหน่งคราวละสี่ปี"  # names กบส., states no count
    found = extract(question, question, _hits(first, term, second), said=said)
    assert found.direct and "ไม่เกินหกคน" in found.direct[0].text, found.direct


def test_who_after_someone_is_a_relative_pronoun_not_a_question() -> None:
    assert [t.name for t in classify("What about someone who uses false evidence?")] == []
    assert [t.name for t in classify("and who approves it?")] == ["who"]


def test_the_asked_head_word_breaks_a_tie_between_windows() -> None:
    from assistant.answer_text import asked_head, focus_start
    from assistant.extractive_answerer import _stop_keys

    question = "วงจรทดสอบแบบ Intranet ใช้เทคโนโลยีอะไร"
    head = asked_head(question, _stop_keys())
    text = "การเชื่อมโยงแบบ Intranet " + "คือการแลกเปลี่ยนข้อมูลภายในวงจำกัด " * 8 + "นั่นคือเทคโนโลยี MPLS"
    focus = frozenset({head or "", "intranet"})
    assert head is not None and focus_start(text, focus) == 0  # one focus word each: the opening stays
    assert text[focus_start(text, focus, head) :].find("MPLS") >= 0


def test_a_followup_is_not_answered_by_the_figure_the_earlier_answer_gave_in_digits() -> None:
    birth = "(๑) คนเกิดในบ้าน ให้เจ้าบ้านแจ้งต่อนายทะเบียนผู้รับแจ้งภายในสิบห้าวันนับแต่วันเกิด"
    death = "(๑) คนตายในบ้าน ให้เจ้าบ้านแจ้งต่อนายทะเบียนผู้รับแจ้งภายในยี่สิบสี่ชั่วโมงนับแต่เวลาตาย"
    question = "แล้วแจ้งตายล่ะ ถ้าตายในบ้าน"  # asks what the earlier question asked: within how long
    said = "เจ้าบ้านต้องแจ้งต่อนายทะเบียนผู้รับแจ้งภายใน 15 วันนับแต่วันเกิด"
    when = classify("เด็กเกิดในบ้านต้องแจ้งเมื่อใด")
    found = extract(question, question, _hits(birth, death), types=when, said=said)
    assert found.direct and "ยี่สิบสี่ชั่วโมง" in found.direct[0].text  # hours are a time limit too


def test_a_followups_sentence_comes_from_the_document_the_conversation_is_about() -> None:
    other = "ข้อ 2 ให้สอบถามได้ที่หมายเลขโทรศัพท์ ดังต่อไปนี้ (1) เบอร์ติดต่อฝ่ายสารบรรณ โทร 02 967 3302"
    own = "ข้อ 2 ในกรณีที่ประสงค์จะสอบถามว่าได้รับเรื่องแล้ว ให้สอบถามได้ที่หมายเลขโทรศัพท์ 0 2590 3000"
    question = "ถ้าจะโทรถามว่าเขาได้รับเรื่องแล้วหรือยัง ต้องโทรเบอร์ไหน"
    hits = _hits(other, own)
    assert "02 967 3302" in extract(question, question, hits).direct[0].text
    found = extract(question, question, hits, subject_docs=["d1"])
    assert found.direct and "0 2590 3000" in found.direct[0].text


def test_which_section_is_answered_by_the_sentence_citing_one() -> None:
    about = "ระบบกลางทดสอบ เป็นช่องทางสำหรับรับฟังความคิดเห็นประกอบร่างกฎหมาย และประชาสัมพันธ์ร่างกฎหมาย"
    cites = "สำหรับใช้ประกอบการจัดทำร่างกฎหมายตามมาตรา 77 ของรัฐธรรมนูญ"
    question = "ระบบกลางทดสอบใช้รับฟังความคิดเห็นประกอบร่างกฎหมายตามมาตราใดของรัฐธรรมนูญ"
    found = extract(question, question, _hits(about, cites))
    assert [t.name for t in found.types] == ["section_number"]
    assert found.holds and any("มาตรา 77" in seg.text for _, seg in found.quotes)
    assert "section_number" in [t.name for t in classify("ออกตาม พรบ.ปฏิบัติราชการทางอิเลกฯ ม.ไหน")]
    assert "section_number" not in [t.name for t in classify("ขออนุมัติแผน ปงม. ไหน ถึงไหน")]  # ปีงบประมาณ


def test_a_year_asked_is_answered_by_that_years_figure_not_another_years_target() -> None:
    target = "• ภายในปี 2570 ระดับความพึงพอใจของประชาชนต่อการใช้บริการออนไลน์ภาครัฐไม่น้อยกว่าร้อยละ 85"
    past = "เฉพาะความพึงพอใจด้านบริการช่องทางออนไลน์พบว่า ในปี 2564 อยู่ที่ร้อยละ 79.76"
    question = "ในปี 2564 ความพึงพอใจของประชาชนต่อบริการภาครัฐช่องทางออนไลน์อยู่ที่ร้อยละเท่าไร"
    found = extract(question, question, _hits(target, past))
    assert found.direct and "79.76" in found.direct[0].text
    plan = "แผนทดสอบ พ.ศ. 2566-2570 ตั้งเป้าความพึงพอใจของประชาชนต่อการใช้บริการออนไลน์ภาครัฐร้อยละ 85"
    found = extract("แผน 2566-2570 ตั้งเป้าความพึงพอใจไว้เท่าไร", "แผน 2566-2570 ตั้งเป้าความพึงพอใจไว้เท่าไร", _hits(plan))
    assert found.direct and "85" in found.direct[0].text  # a period named is no year asked


def test_a_term_asked_in_years_is_the_figure_in_years_not_the_chair() -> None:
    question = "ประธานกรรมการและกรรมการผู้ทรงคุณวุฒิในคณะกรรมการทดสอบ อยู่ในตำแหน่งวาระละกี่ปี"
    assert [t.name for t in classify(question)] == ["quantity"]  # the chair is who it is about, not who is asked
    assert "chair" in [t.name for t in classify("คณะกรรมการทดสอบมีกรรมการกี่คน ใครเป็นประธาน")]
    stay = "ให้ประธานกรรมการและกรรมการผู้ทรงคุณวุฒิซึ่งพ้นจากตำแหน่งตามวาระอยู่ในตำแหน่งต่อไป แต่ต้องไม่เกินเก้าสิบวัน"
    term = "ประธานกรรมการและกรรมการผู้ทรงคุณวุฒิมีวาระการดำรงตำแหน่งสี่ปี"
    found = extract(question, question, _hits(stay, term))
    assert found.direct and "สี่ปี" in found.direct[0].text


def test_of_several_lists_the_one_naming_the_asked_kind_of_item_is_quoted() -> None:
    steps = "(๑) จัดทำร่างแผนทดสอบตามคู่มือของสภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติ ดังนี้ (๒) จัดประชุมระดมสมอง"
    groups = (
        "โดยสภาทดสอบมีความเห็น คือ ๑) แนวทางควรครอบคลุมแต่ละกลุ่มเป้าหมาย อาทิ กลุ่มผู้สูงอายุ กลุ่มผู้ด้อยโอกาส "
        "และคนพิการ ๒) การดำเนินการตามโครงการสำคัญ ๓) การส่งเสริมการเปิดเผยข้อมูล"
    )
    question = "สภาพัฒนาการเศรษฐกิจและสังคมแห่งชาติเห็นว่าแนวทางควรครอบคลุมกลุ่มเป้าหมายกลุ่มไหนบ้าง"
    found = extract(question, question, _hits(steps, groups))
    assert any("ผู้สูงอายุ" in seg.text for _, seg in found.quotes)


def test_members_counted_without_a_classifier_are_read_where_they_count_people() -> None:
    """"จำนวนกรรมการขั้นต่ำเท่าไร" asks a count of persons: "ไม่น้อยกว่าสามคน", not "ภายในเจ็ดวัน" nearby."""
    from assistant.abstention import asked_classifier

    question = "คณะกรรมการวินิจฉัยแต่ละสาขา กฎหมายกำหนดจำนวนกรรมการขั้นต่ำไว้เท่าไร"
    assert asked_classifier(question) == "คน" and asked_classifier("กำหนดจำนวนเงินไว้เท่าไร") is None
    days = "มาตรา ๓๗ ให้ส่งคำอุทธรณ์ให้คณะกรรมการวินิจฉัยแต่ละสาขาภายในเจ็ดวันนับแต่วันที่คณะกรรมการได้รับคำอุทธรณ์"
    members = "มาตรา ๓๖ คณะกรรมการวินิจฉัยคณะหนึ่ง ๆ ประกอบด้วยบุคคลตามความจำเป็น แต่ต้องไม่น้อยกว่าสามคน"
    found = extract(question, question, _hits(days, "ข้อความอื่น", "ข้อความอื่นอีก", members))
    assert found.direct and "ไม่น้อยกว่าสามคน" in found.direct[0].text
    assert not found.direct[0].text.startswith("ๆ")  # a repetition mark stays with the word before it


def test_how_many_and_from_which_is_answered_by_the_list_that_counts_them() -> None:
    """"กี่คน มาจากชุดไหนบ้าง": the list whose lead-in counts the members, not the first list of the section."""
    officials = " ".join(f"ปลัดกระทรวงทดสอบที่{n}" for n in range(1, 40))  # a long clause: the list runs past a quote
    text = (
        "มาตรา ๖ ให้มีคณะกรรมการทดสอบ ประกอบด้วย\n(๑) นายกรัฐมนตรีเป็นประธานกรรมการ\n(๒) รัฐมนตรีว่าการกระทรวงทดสอบ"
        f" {officials} เป็นกรรมการ\n(๓) กรรมการอื่นจำนวนห้าคน ซึ่งมาจากกรรมการผู้ทรงคุณวุฒิในคณะกรรมการชุดแรก"
        " คณะกรรมการชุดที่สอง"
    )
    question = "คณะกรรมการทดสอบมีกรรมการที่มาจากคณะกรรมการชุดอื่นกี่คน มาจากคณะกรรมการชุดไหนบ้าง"
    found = extract(question, question, _hits(text))
    assert found.direct and "ห้าคน" in found.direct[0].text and "ชุดที่สอง" in found.direct[0].text
    assert "นายกรัฐมนตรีเป็นประธาน" not in found.direct[0].text  # line 1 starts at the counted members


def test_a_what_kind_qualifies_question_is_answered_with_the_enumerated_conditions() -> None:
    """"แบบไหนถึงจะถือว่าเชื่อถือได้": the section's list of conditions, not a "ประกอบด้วย" that runs into a heading."""
    assert "list" in [t.name for t in classify("ลายมือชื่อแบบไหนถึงจะถือว่าเชื่อถือได้")]
    listed = "มาตรา ๒๖ ลายมือชื่อที่มีลักษณะดังต่อไปนี้ให้ถือว่าเชื่อถือได้\n(๑) เชื่อมโยงไปยังเจ้าของ\n(๒) อยู่ภายใต้การควบคุม"
    other = "ในการพิจารณาว่าลายมือชื่อใดเชื่อถือได้ ให้คำนึงถึงปัจจัยอื่นที่เกี่ยวข้องประกอบด้วย หมวด ๓ ธุรกิจบริการ"
    question = "ลายมือชื่อแบบไหนถึงจะถือว่าเชื่อถือได้"
    found = extract(question, question, _hits(other, listed))
    assert found.direct and "อยู่ภายใต้การควบคุม" in found.direct[0].text


def test_an_english_question_reads_its_fourth_passage() -> None:
    # BM25 sees only an English question's glossary words: the passage that answers often ranks 4th or 5th
    filler = "แผนทดสอบมุ่งพัฒนาบริการดิจิทัลให้ประชาชนเข้าถึงได้สะดวก ครอบคลุมทุกกลุ่ม และติดตามผลการดำเนินงานทุกปี"
    stated = "ศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ (GDX) ช่วยให้หน่วยงานของรัฐเชื่อมโยงและแลกเปลี่ยนข้อมูลระหว่างกันได้อย่างปลอดภัย"
    english = "What does the Government Data Exchange Center let agencies do?"
    lexical = "ศูนย์แลกเปลี่ยนข้อมูลกลางภาครัฐ หน่วยงาน"  # the glossary's Thai wording of the English question
    found = extract(english, lexical, _hits(filler, filler, filler, stated))
    assert found.direct and found.direct[0].rank == 3 and "GDX" in found.direct[0].text
