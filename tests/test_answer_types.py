"""Question types, span choice per type, the direct-answer line, near-miss and personal-data declines.

Passages are short Thai excerpts written for these tests (statute and notice style), not corpus copies.
"""

from __future__ import annotations

from assistant.abstention import ABSTAIN_TH
from assistant.answer_text import DirectSpan, compose, without_table_heads
from assistant.extractive_answerer import ExtractedAnswer, definition_span, definition_term, extract
from assistant.question_types import QuestionType, asks_personal_data, load_question_types, type_names
from assistant.retrieval_service import ScoredChunk
from index.chunk_record import ChunkRecord

DEFINITIONS = (
    "มาตรา 4 ในพระราชบัญญัตินี้ “ข้อมูลข่าวสาร” หมายความว่า สิ่งที่สื่อความหมายให้รู้เรื่องราวข้อเท็จจริง "
    "“ข้อมูลข่าวสารส่วนบุคคล” หมายความว่า ข้อมูลข่าวสารเกี่ยวกับสิ่งเฉพาะตัวของบุคคล เช่น การศึกษา ฐานะการเงิน "
    "ประวัติสุขภาพ ประวัติอาชญากรรม หรือประวัติการทำงาน บรรดาที่มีชื่อของผู้นั้น "
    "“คนต่างด้าว” หมายความว่า บุคคลธรรมดาซึ่งไม่มีสัญชาติไทย"
)
LIST = (
    "มาตรา 9 ภายใต้บังคับมาตรา 14 หน่วยงานของรัฐต้องจัดให้มีข้อมูลข่าวสารของราชการอย่างน้อยดังต่อไปนี้ "
    "ไว้ให้ประชาชนเข้าตรวจดูได้\n(1) ผลการพิจารณาหรือคำวินิจฉัยที่มีผลโดยตรงต่อเอกชน\n"
    "(2) นโยบายหรือการตีความที่ไม่เข้าข่ายต้องลงพิมพ์ในราชกิจจานุเบกษา\n(3) แผนงาน โครงการ "
    "และงบประมาณรายจ่ายประจำปีของปีที่กำลังดำเนินการ\n(4) คู่มือหรือคำสั่งเกี่ยวกับวิธีปฏิบัติงานของเจ้าหน้าที่\n"
    "(5) สัญญาสัมปทาน สัญญาที่มีลักษณะเป็นการผูกขาดตัดตอน"
)
NOTICE = (
    "ประกาศสำนักงานขนส่งจังหวัดสมมุติ เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อกับหน่วยงาน "
    "ไปรษณีย์อิเล็กทรอนิกส์ (e-mail) sommut@dlt.mail.go.th เว็บไซต์ smt.dlt.go.th "
    "หมายเลขโทรศัพท์สำหรับสอบถามว่าได้รับคำขอแล้วหรือไม่ 0 4411 2233"
)
DEADLINE = (
    "มาตรา 20 ให้หัวหน้าหน่วยงานของรัฐประกาศช่องทางอิเล็กทรอนิกส์ให้แล้วเสร็จภายในเก้าสิบวันนับแต่วันที่"
    "พระราชบัญญัตินี้ใช้บังคับ และเมื่อประกาศแล้วให้แจ้งสำนักงานทราบด้วย"
)
BUDGET = "โครงการศูนย์ข้อมูลกลาง ดำเนินการปี 2566-2568 งบประมาณ 120.5 ล้านบาท ระยะเวลา 36 เดือน"
PENALTY = "มาตรา 40 ผู้ใดฝ่าฝืนคำสั่งตามมาตรา 33 ต้องระวางโทษจำคุกไม่เกินหนึ่งปี หรือปรับไม่เกินสองหมื่นบาท หรือทั้งจำทั้งปรับ"
COMMITTEE = (
    "มาตรา 6 ให้มีคณะกรรมการพัฒนารัฐบาลดิจิทัล ประกอบด้วย นายกรัฐมนตรีเป็นประธานกรรมการ "
    "รองนายกรัฐมนตรีที่นายกรัฐมนตรีมอบหมายเป็นรองประธานกรรมการ"
)


def _hits(*texts: str, section: str | None = None) -> list[ScoredChunk]:
    return [
        ScoredChunk(ChunkRecord(f"c{i}", f"d{i}", "เอกสารทดสอบ", "law", t, 0, len(t), section=section), 1.0 - i / 10)
        for i, t in enumerate(texts)
    ]


def _answer(question: str, *texts: str, language: str = "th", section: str | None = None) -> tuple[str, bool]:
    hits = _hits(*texts, section=section)
    ex = extract(question, question, hits)
    numbers: dict[int, int] = {}
    for rank in [s.rank for s in ex.direct] + [r for r, _ in ex.quotes]:
        numbers.setdefault(rank, len(numbers) + 1)
    text = compose(language, ex.types, ex.direct, [(r, s.text) for r, s in ex.quotes], numbers)
    return text, ex.holds


def test_question_types_from_general_wording() -> None:
    assert type_names("หน่วยงานใดรับผิดชอบเรื่องนี้")[0] == "who"
    assert type_names("ใครเป็นประธานกรรมการ") == ["chair"]
    assert type_names("หนังสือฉบับนี้มีเลขที่หนังสืออะไร") == ["reference"]
    assert type_names("แบ่งออกเป็นกี่ระดับ อะไรบ้าง")[0] == "list"  # the whole list answers the count too
    assert type_names("งบประมาณเท่าไร")[0] == "quantity"
    assert type_names("ต้องประกาศภายในกี่วัน")[0] == "when"
    assert type_names("คำว่า ข้อมูลข่าวสาร หมายความว่าอะไร")[0] == "definition"
    assert type_names("ต้องเปิดเผยข้อมูลอะไรบ้าง")[0] == "list"
    assert type_names("ฝ่าฝืนมีโทษอย่างไร")[0] == "penalty"
    assert type_names("ขอเบอร์โทรสำนักงานขนส่ง")[0] == "phone"
    assert type_names("What is the e-mail address of the office?")[0] == "email"
    assert type_names("เรียกเก็บค่าธรรมเนียมได้หรือไม่") == ["yesno"]
    assert "section" in type_names("มาตรา 14 กำหนดไว้อย่างไร")
    # words that merely contain a cue are not cues: ออนไลน์ is not LINE, ไซเบอร์ is not a phone number
    assert "line" not in type_names("บริการออนไลน์มีกี่ประเภท")
    assert "phone" not in type_names("ภัยคุกคามทางไซเบอร์มีกี่ระดับ")
    assert "quantity" not in type_names("ธุรกรรมเกี่ยวกับที่ทำการงานแห่งไหนมากที่สุด")  # เกี่ยว holds กี่
    assert type_names("สวัสดีครับ") == []
    # a rank is no count of the list asked beside it: the rank comes first
    assert type_names("ปี 2565 ไทยอยู่อันดับที่เท่าไหร่ของอาเซียน รองจากประเทศไหนบ้าง")[0] == "quantity"
    # an English plural asked with an action verb asks for all of them; "which countries were ahead" names no list
    assert type_names("Which platforms did the committee designate as central platforms?")[0] == "list"
    assert "list" not in type_names("Where did Thailand rank, and which countries were ahead?")
    # English asks a deadline "how quickly" and an age "how old" / "at what age" / "maximum age"
    assert type_names("How quickly must the agency send the data?")[0] == "when"
    assert type_names("What is the maximum age of the director when appointed?")[0] == "quantity"
    assert type_names("At what age does the card stop expiring?")[0] == "quantity"
    # Thai asks an age range "อายุอยู่ในช่วงไหน" / "ช่วงอายุ" with no เท่าไร in it
    assert type_names("เลขาธิการต้องมีอายุอยู่ในช่วงไหน")[0] == "quantity"
    assert type_names("ผู้สมัครต้องมีช่วงอายุแบบใด")[0] == "quantity"
    # "ผ่านเน็ต ต้องเข้าระบบไหน" asks the e-service site; a project's "ระบบไหน" asks no site
    assert type_names("ยื่นเรื่องกับกรมทดสอบผ่านเน็ต ต้องเข้าระบบไหน") == ["website"]
    assert "website" not in type_names("โครงการนี้จะพัฒนาระบบไหน")
    assert "website" not in type_names("อยากแสดงความคิดเห็นผ่านออนไลน์ แผนจะมีระบบอะไรรองรับ")


def test_definition_is_quoted_whole_not_cut_at_the_term() -> None:
    q = "ตามพ.ร.บ.ข้อมูลข่าวสารของราชการ ข้อมูลข่าวสารส่วนบุคคล หมายความว่าอะไร"
    assert definition_term(q) == "ข้อมูลข่าวสารส่วนบุคคล"
    assert definition_term("ขอมูลขาวสารสวนบุคคล หมายความวาอะไร") == "ขอมูลขาวสารสวนบุคคล"  # typed tone-less
    assert definition_span("ขอมูลขาวสารสวนบุคคล", DEFINITIONS) is not None
    assert definition_span("บุคคล", DEFINITIONS) is None  # a quoted term is matched whole, not by its last word
    seg = definition_span("ข้อมูลข่าวสารส่วนบุคคล", DEFINITIONS)
    assert seg is not None and "ประวัติการทำงาน" in seg.text and "คนต่างด้าว" not in seg.text
    text, holds = _answer(q, DEFINITIONS)
    first = text.splitlines()[0]
    assert holds and first.startswith("“ข้อมูลข่าวสารส่วนบุคคล” หมายความว่า ข้อมูลข่าวสารเกี่ยวกับสิ่งเฉพาะตัว")
    assert "บรรดาที่มีชื่อของผู้นั้น [1]" in first


def test_list_question_gets_every_item() -> None:
    text, holds = _answer("หน่วยงานของรัฐต้องจัดให้มีข้อมูลข่าวสารอะไรบ้างไว้ให้ประชาชนเข้าตรวจดู", LIST)
    first = text.splitlines()[0]
    assert holds
    for item in ["(1) ผลการพิจารณา", "(3) แผนงาน", "งบประมาณรายจ่ายประจำปี", "(5) สัญญาสัมปทาน"]:
        assert item in first
    assert first.endswith("[1]")


def test_deadline_direct_line_states_the_period() -> None:
    text, holds = _answer("หัวหน้าหน่วยงานต้องประกาศช่องทางอิเล็กทรอนิกส์ภายในกี่วัน", DEADLINE)
    assert holds and "ภายในเก้าสิบวัน" in text.splitlines()[0]


def test_contact_question_states_the_handle_itself() -> None:
    text, holds = _answer("สำนักงานขนส่งจังหวัดสมมุติ อีเมลอะไร", NOTICE)
    assert holds and text.splitlines()[0] == "อีเมล sommut@dlt.mail.go.th [1]"
    text, _ = _answer("ขนส่งจังหวัดสมมุติ เบอร์โทรอะไร", NOTICE)
    assert text.splitlines()[0] == "โทร 0 4411 2233 [1]"
    text, _ = _answer("What is the website of the Sommut land transport office?", NOTICE, language="en")
    assert text.splitlines()[0] == "The website is: “smt.dlt.go.th” [1]"


def test_figure_and_penalty_and_chair() -> None:
    first = _answer("โครงการศูนย์ข้อมูลกลางมีงบประมาณเท่าไร", BUDGET)[0].splitlines()[0]
    assert "120.5 ล้านบาท" in first and first.endswith("[1]")
    first = _answer("ฝ่าฝืนคำสั่งตามมาตรา 33 มีโทษอย่างไร", PENALTY)[0].splitlines()[0]
    assert "จำคุกไม่เกินหนึ่งปี" in first and "ปรับไม่เกินสองหมื่นบาท" in first
    first = _answer("Who chairs the digital government committee?", COMMITTEE, language="en")[0].splitlines()[0]
    assert first.startswith("The chair is: “") and "นายกรัฐมนตรีเป็นประธาน" in first
    first = _answer("หน่วยงานใดเป็นผู้รับผิดชอบโครงการศูนย์ข้อมูลกลาง", BUDGET + " ผู้รับผิดชอบ สำนักงานสถิติแห่งชาติ")[0]
    assert "สำนักงานสถิติแห่งชาติ" in first.splitlines()[0]


def test_named_short_section_is_quoted_whole() -> None:
    text, holds = _answer("มาตรา 20 กำหนดไว้อย่างไร", DEADLINE, section="มาตรา 20")
    assert holds and text.splitlines()[0] == f"{' '.join(DEADLINE.split())} [1]"


def test_near_misses_do_not_hold_the_asked_fact() -> None:
    # a figure asked, a passage without one; a year asked that the passage does not cover; a phone asked of an
    # office whose notice lists only an e-mail
    assert not _answer("คณะกรรมการพัฒนารัฐบาลดิจิทัลมีงบประมาณเท่าไร", COMMITTEE)[1]
    assert not _answer("โครงการศูนย์ข้อมูลกลางมีงบประมาณปี 2575 เท่าไร", BUDGET)[1]
    assert not _answer("ขอเบอร์โทรศัพท์ของหน่วยงาน", "ติดต่อทางไปรษณีย์อิเล็กทรอนิกส์ office@agency.go.th เท่านั้น")[1]
    assert _answer("โครงการศูนย์ข้อมูลกลางมีงบประมาณปี 2567 เท่าไร", BUDGET)[1] is False  # 2567 not stated
    assert _answer("โครงการศูนย์ข้อมูลกลางมีงบประมาณปี 2566 เท่าไร", BUDGET)[1] is True
    # money asked, only scores and percentages stated
    scores = "ทักษะด้านข้อมูล คะแนนเฉลี่ย 3.45 3.57 เพิ่มขึ้นร้อยละ 2.77 ต่อปี ระหว่างปี 2561-2564"
    assert not _answer("งบประมาณด้านทักษะข้อมูลปี 2562 เท่าไร", scores)[1]


def test_personal_data_requests_are_recognised() -> None:
    assert asks_personal_data("ขอเบอร์มือถือส่วนตัวของผู้อำนวยการสำนักงาน")
    assert asks_personal_data("นายสมชาย ใจดี อยู่บ้านเลขที่เท่าไร ขอที่อยู่หน่อย")
    assert asks_personal_data("What is the salary of the director-general?")
    assert asks_personal_data("เงินเดือนของอธิบดีกรมสรรพากรเท่าไร")
    assert asks_personal_data("What is the home phone number of the DGA director?")
    assert asks_personal_data("เบอร์บ้านผู้อำนวยการ สพร. คือเบอร์อะไร")
    # the holder of an office: a house number or a phone "at home" is that person's, not the office's
    assert asks_personal_data("อธิบดีกรมสมมุติที่ลงนามในประกาศ อยู่บ้านเลขที่เท่าไร")
    assert asks_personal_data("ขอเบอร์ที่บ้านของผู้ลงนามประกาศด้วย")
    assert not asks_personal_data("ขอเบอร์ที่บ้านหนองบัวติดต่อได้ไหม")  # a village named บ้าน…
    assert not asks_personal_data("สำนักงานเขตตั้งอยู่บ้านเลขที่เท่าไร")
    # an agency's official channels and an office's holder are not personal data
    assert not asks_personal_data("ขอเบอร์โทรของสำนักงานขนส่งจังหวัดระยอง")
    assert not asks_personal_data("ติดต่อเลขาธิการทางอีเมลอะไร")
    assert not asks_personal_data("ใครเป็นประธานกรรมการ นายกรัฐมนตรีใช่ไหม")
    assert not asks_personal_data("What is the phone number of the DGA?")


def test_a_handle_after_another_channels_label_is_that_channels() -> None:
    line = next(t for t in load_question_types().types if t.name == "line")
    assert not line.holds("(3) แอปพลิเคชัน เฟซบุ๊ก @ExampleDepartment")
    assert not line.holds("Facebook : @example")
    assert line.holds("(3) แอปพลิเคชันไลน์ @example") and line.holds("ช่องทาง inbox @abc123")


def test_abstain_message_is_the_standard_one() -> None:
    assert ABSTAIN_TH == "ไม่พบข้อมูลนี้ในเอกสารที่มีอยู่"


LONG_NOTICE = (
    "ข้อ 1 ช่องทางอิเล็กทรอนิกส์ (1) ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) saraban - smt@dlt.mail.go.th "
    "(2) อีเมลสำหรับโรงเรียน Schoolsmt 2@gmail.com (3) เว็บไซต์ www.smt 101.go.th "
    "(4) Facebook : https://www.facebook.com/smt.pr/ "
    "ข้อ 2 ให้สอบถามได้ที่หมายเลขโทรศัพท์ ดังต่อไปนี้ (1) สำนักงานขนส่งจังหวัดสมมุติ เบอร์โทรศัพท์ 0 - 4411 - 1000 "
    "(2) กลุ่มวิชาการขนส่ง เบอร์โทรศัพท์ 0 - 4411 - 1001 ฝ่ายทะเบียนรถ เบอร์โทรศัพท์ 0 - 4411 - 1002 "
    "ฝ่ายใบอนุญาตขับรถ เบอร์โทรศัพท์ 0 - 4411 - 1003 หรือสายด่วน 1584"
)


def test_handles_split_by_pdf_spaces_are_rejoined() -> None:
    assert _answer("ขนส่งจังหวัดสมมุติ อีเมลอะไร", LONG_NOTICE)[0].splitlines()[0] == "อีเมล saraban-smt@dlt.mail.go.th [1]"
    assert "Schoolsmt2@gmail.com" in _answer("โรงเรียนใช้อีเมลอะไร", LONG_NOTICE)[0].splitlines()[0]
    assert _answer("เว็บไซต์อะไร", LONG_NOTICE)[0].splitlines()[0] == "เว็บไซต์ www.smt101.go.th [1]"
    assert _answer("มีเฟซบุ๊กไหม", LONG_NOTICE)[0].startswith("เฟซบุ๊ก facebook.com/smt.pr/ [1]")


def test_phone_is_chosen_by_its_label_and_the_digits_of_an_email_are_no_phone() -> None:
    first = _answer("ฝ่ายใบอนุญาตขับรถ เบอร์โทรอะไร", LONG_NOTICE)[0].splitlines()[0]
    assert first == "โทร 0 - 4411 - 1003 [1]"
    assert _answer("มีสายด่วนเบอร์อะไร", LONG_NOTICE)[0].splitlines()[0] == "โทร 1584 [1]"
    email_only = "(1) ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) Saraban_ 04940701@dla.go.th"
    assert type_names("ต้องโทรเบอร์อะไร") == ["phone"]
    assert not _answer("ต้องโทรเบอร์อะไร", email_only)[1]


def test_question_types_survive_typing_without_tone_marks() -> None:
    assert type_names("พรบ นี้ใชบังคับเมือไร") == ["when"]
    assert type_names("งบเทาไร") == ["quantity"]


def test_a_count_of_ministries_or_courses_states_the_asked_figure() -> None:
    passage = "ระบบกลางรับข้อมูลจากหน่วยงานของรัฐทั้ง 19 กระทรวง และจัดอบรมรวม 12 หลักสูตร เพื่อให้บริการประชาชน"
    text, holds = _answer("ระบบกลางรับข้อมูลจากหน่วยงานของรัฐกี่กระทรวง", passage)
    assert holds and "19 กระทรวง" in text.splitlines()[0]
    text, holds = _answer("How many courses does the central system train?", passage, language="en")
    assert holds and "12 หลักสูตร" in text.splitlines()[0]


MINUTES = (
    "๕) นำเสนอร่างแนวทางการจัดซื้อกลางต่อที่ประชุมคณะทำงานด้านพัสดุของกรมสมมุติ ครั้งที่ ๒/๒๕๖๗ เมื่อวันที่ "
    "๑๐ มีนาคม ๒๕๖๗ โดยคณะทำงานมีมติเห็นชอบร่างแนวทางดังกล่าว และมอบหมายให้ฝ่ายเลขานุการดำเนินการในส่วนที่"
    "เกี่ยวข้องต่อไป ทั้งนี้ ที่ประชุมมีข้อสังเกตที่สำคัญ คือ แนวทางมีความชัดเจนและสอดคล้องกับระเบียบ "
    "อย่างไรก็ตาม ควรเร่งรัดการจัดทำคู่มือสำหรับเจ้าหน้าที่พัสดุประจำจังหวัด ก่อนเริ่มใช้แนวทางในปีงบประมาณถัดไป"
)


def test_untyped_line_moves_to_the_clause_after_the_asked_words() -> None:
    """A question ending "ควรเร่งรัดการจัดทำอะไร" is answered by the clause after เร่งรัด, not the item's opening."""
    text, _ = _answer("ที่ประชุมคณะทำงานด้านพัสดุเมื่อ 10 มี.ค. เห็นว่าควรเร่งรัดการจัดทำอะไร", MINUTES)
    first = text.splitlines()[0]
    assert "คู่มือสำหรับเจ้าหน้าที่พัสดุ" in first
    assert first.endswith("[1]")
    assert any("คู่มือสำหรับเจ้าหน้าที่พัสดุ" in line for line in text.splitlines()[1:])  # quoted as evidence too


def test_a_date_question_prefers_a_calendar_date_over_a_year_range() -> None:
    # excerpts written for this test in the plan's style: a period first, the dated resolution in a later passage
    period = "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ ประเด็นการบริการประชาชนและประสิทธิภาพภาครัฐ (พ.ศ. 2561 - 2580) ระดับที่ 2"
    dated = "การจัดทำแผนสามระดับเป็นไปตามมติคณะรัฐมนตรี เมื่อวันที่ 4 ธันวาคม 2560 เรื่อง แนวทางการเสนอแผน"
    for question in (
        "On what date was the Cabinet resolution on the three levels of plans?",
        "มติคณะรัฐมนตรีเรื่องแผนสามระดับลงวันที่เท่าไร",
    ):
        ex = extract(question, question, _hits(period, dated))
        assert "4 ธันวาคม 2560" in ex.direct[0].text, question


def test_a_standard_number_and_a_year_are_asked_kinds_of_fact() -> None:
    # excerpts written for this test in the style of a DGA standards notice and a plan table
    standards = (
        "ให้เป็นไปตามกรอบแนวทางมาตรฐานที่กำหนดแนบท้ายประกาศดังนี้ (1) มาตรฐานรัฐบาลดิจิทัลว่าด้วยกรอบการบริหารข้อมูล "
        "เลขที่ มรด. 5 - 1 : 2565 (2) มาตรฐานรัฐบาลดิจิทัลว่าด้วยการจัดทำบัญชีข้อมูล เลขที่ มรด. 5 - 2 : 2565"
    )
    assert type_names("What is the standard number of the standard on data catalogs?")[0] == "reference"
    ex = extract("What is the standard number of the standard on data catalogs?", "มาตรฐาน บัญชีข้อมูล", _hits(standards))
    assert ex.holds and "มรด. 5 - 2" in ex.direct[0].text
    started = "ศูนย์ข้อมูลกลางเริ่มดำเนินการมาตั้งแต่ ปี พ.ศ. 2551 และขยายการให้บริการ"
    table = "โครงการ วัตถุประสงค์โครงการ รายละเอียดโครงการ ผู้รับผิดชอบ ผลผลิต งบประมาณ ศูนย์ข้อมูลกลาง"
    assert type_names("Since what year has the data centre been running?")[0] == "year"
    ex = extract("Since what year has the data centre been running?", "ศูนย์ข้อมูลกลาง", _hits(table, started))
    assert "2551" in ex.direct[0].text


def test_a_network_named_like_a_link_asks_for_no_website() -> None:
    assert "website" not in type_names("วงจร XX-Link ใช้เทคโนโลยีอะไร")
    assert type_names("ขอ link สมัครหน่อย")[0] == "website"


def test_a_who_question_naming_a_kind_of_body_gets_a_body_of_that_kind() -> None:
    from assistant.answer_text import direct_spans
    from assistant.question_types import asked_heads, classify

    assert asked_heads("to which department must the originals be handed over?") == ["กรม"]
    assert asked_heads("ต้องส่งให้สำนักงานใด") == ["สำนักงาน", "สำนัก"]
    assert asked_heads("Which agency is responsible?") == []
    copies = "มาตรา 12 หน่วยงานของรัฐต้องจัดทำสำเนาเอกสารต้นฉบับและรับรองสำเนาเอกสารโดยไม่เรียกเก็บค่าธรรมเนียม"
    archive = "มาตรา 17 หน่วยงานของรัฐจัดเก็บเอกสารในรูปแบบอิเล็กทรอนิกส์ และส่งมอบเอกสารต้นฉบับให้กรมศิลปากรเพื่อดำเนินการต่อไป"
    question = "Which department must the original documents be handed over to?"
    types = classify(question)
    assert types[0].name == "who"
    quotes = [(0, copies), (1, archive)]
    found = direct_spans(types, quotes, set(), heads=asked_heads(question))
    assert found[0].rank == 1 and "กรมศิลปากร" in found[0].text
    # without a named kind of body the first quote's agency stands
    assert direct_spans(types, quotes, set())[0].rank == 0


def test_a_fact_is_read_with_its_own_list_item_only() -> None:
    from assistant.answer_text import window

    letter = "๔) เสนอคณะกรรมการชุดแรก เมื่อวันที่ ๖ กรกฎาคม ๒๕๖๕ เรียบร้อยแล้ว ๕) นำเสนอต่อคณะกรรมการชุดที่สอง"
    at = letter.find("๖ กรกฎาคม")
    line = window(letter, at, at + len("๖ กรกฎาคม"))
    assert "เสนอคณะกรรมการชุดแรก" in line and "ชุดที่สอง" not in line
    at = letter.find("ชุดที่สอง")
    assert not window(letter, at, at + 9).startswith("๔)")


def test_a_meeting_number_is_no_reference_and_the_verb_link_asks_no_website() -> None:
    reference = next(t for t in classify_all() if t.name == "reference")
    assert reference.holds("ที่ สพร ๒๕๖๕/๙๙ ลงวันที่ ๒๕ มกราคม ๒๕๖๖")
    assert not reference.holds("ตามมติคณะกรรมการ ครั้งที่ ๑/๒๕๖๕ เมื่อวันที่ ๒๒ มิถุนายน ๒๕๖๕")
    assert "website" in type_names("What is the link to the application form?")
    assert "website" not in type_names("Which app teaches agencies how to link their services to the portal?")


def classify_all() -> list[QuestionType]:
    from assistant.question_types import load_question_types

    return load_question_types().types


def test_an_app_question_is_answered_by_the_app_named_in_the_notice() -> None:
    assert type_names("ขนส่งจังหวัดสมมุติมีแอปอะไรให้ประชาชนใช้ติดต่อบ้าง")[0] == "app"
    assert type_names("Which mobile app can people use?")[0] == "app"
    assert "app" not in type_names("แอปพลิเคชันไลน์ของขนส่งสมมุติชื่ออะไร")  # the LINE account is asked
    notice = (
        "ข้อ 1 ให้ช่องทางอิเล็กทรอนิกส์ดังต่อไปนี้ เป็นช่องทางสำหรับประชาชนยื่นคำขอหรือติดต่อสำนักงานขนส่งจังหวัดสมมุติ "
        "โดยวิธีการทางอิเล็กทรอนิกส์ (1) ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) sommut@dlt.mail.go.th "
        "(2) เว็บไซต์ https://smt.dlt.go.th (3) แอปพลิเคชัน DLT Smart Queue "
        "ข้อ 2 ประชาชนอาจใช้วิธีการบันทึกภาพจากหน้าจอคอมพิวเตอร์เพื่อเป็นหลักฐานเบื้องต้นก็ได้"
    )
    hits = [ScoredChunk(ChunkRecord("c0", "d0", "ประกาศสำนักงานขนส่งจังหวัดสมมุติ", "announcement", notice, 0, 9), 1.0)]
    ex = extract("ขนส่งสมมุติมีแอปอะไรให้ใช้ติดต่อบ้าง", "ขนส่งสมมุติมีแอปอะไรให้ใช้ติดต่อบ้าง", hits)
    assert "DLT Smart Queue" in ex.direct[0].text


def test_both_parts_of_a_two_part_question_are_looked_for() -> None:
    title = "ประกาศสำนักงานสมมุติ เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อสำนักงานสมมุติ"
    texts = [
        "ข้อ 2 ให้ช่องทางอิเล็กทรอนิกส์ต่อไปนี้ เป็นช่องทางสำหรับประชาชนยื่นคำขอหรือติดต่อสำนักงาน "
        "(1) ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) saraban@sommut.or.th (2) เว็บไซต์ www.sommut.or.th",
        "ประกาศสำนักงานสมมุติ เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อสำนักงานสมมุติ โดยที่มาตรา 10 วรรคหนึ่ง "
        "แห่งพระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ บัญญัติให้หน่วยงานของรัฐประกาศช่องทางอิเล็กทรอนิกส์",
        "ข้อ 4 ประชาชนอาจใช้วิธีการบันทึกภาพจากหน้าจอเพื่อเป็นหลักฐานเบื้องต้นว่าได้ยื่นคำขอทางช่องทางตามข้อ 2 แล้ว ก็ได้",
        "ข้อ 3 ในกรณีที่ผู้ยื่นคำขอประสงค์จะสอบถาม ให้สอบถามในวันและเวลาราชการ",
        "ข้อ 1 ประกาศนี้ให้ใช้บังคับตั้งแต่วันที่ 1 มีนาคม พ.ศ. 2566 เป็นต้นไป",
    ]
    hits = [
        ScoredChunk(ChunkRecord(f"c{i}", "d0", title, "announcement", t, 0, len(t)), 1.0 - i / 10)
        for i, t in enumerate(texts)
    ]
    question = "ประกาศช่องทางอิเล็กทรอนิกส์ของสำนักงานสมมุติ มีผลใช้บังคับตั้งแต่วันที่เท่าไร และใช้อีเมลใดติดต่อ"
    line = compose("th", *_parts(extract(question, question, hits)))
    assert "saraban@sommut.or.th" in line.splitlines()[0] and "1 มีนาคม" in line.splitlines()[0]
    single = "ประกาศช่องทางอิเล็กทรอนิกส์ของสำนักงานสมมุติใช้อีเมลใดติดต่อ"
    assert "1 มีนาคม" not in compose("th", *_parts(extract(single, single, hits)))


def _parts(ex: ExtractedAnswer) -> tuple[list[QuestionType], list[DirectSpan], list[tuple[int, str]], dict[int, int]]:
    numbers = {r: i + 1 for i, r in enumerate(dict.fromkeys([s.rank for s in ex.direct] + [r for r, _ in ex.quotes]))}
    return ex.types, ex.direct, [(r, s.text) for r, s in ex.quotes], numbers


def test_a_key_project_tables_header_row_is_not_quoted() -> None:
    heads = "โครงการ วัตถุประสงค์โครงการ รายละเอียดโครงการ ผู้รับผิดชอบ ผลผลิต งบประมาณ ระยะเวลาการดำเนินโครงการ ปีงบประมาณ"
    cleaned = without_table_heads(f"1.1 โครงการทดสอบ {heads} โครงการทดสอบ เพื่อให้บริการ")
    assert cleaned == "1.1 โครงการทดสอบ โครงการทดสอบ เพื่อให้บริการ"
    continued = "ผลผลิต งบประมาณ ระยะเวลาการดำเนินโครงการ ปีงบประมาณ"  # the heads left where a table continues
    assert without_table_heads(f"ระบบกลาง {continued} 1. ระบบ") == "ระบบกลาง 1. ระบบ"
    assert without_table_heads("ระยะเวลาการดำเนินโครงการ 60 เดือน") == "ระยะเวลาการดำเนินโครงการ 60 เดือน"


def test_the_fiscal_year_and_a_system_named_budgeting_ask_no_amount() -> None:
    # "ปีงบไหน" asks the fiscal year; "e-Budgeting" names a system; "ใช้งบเท่าไร" still asks the amount
    assert type_names("เริ่มให้บริการหน่วยงานรัฐตั้งแต่ปีงบไหน") == ["year"]
    assert type_names("โครงการนี้ดำเนินการปีงบประมาณใด") == ["year"]
    assert "quantity" not in type_names("ระบบ New e-Budgeting ต้องสอดคล้องกับกฎหมายฉบับไหน")
    assert type_names("ปีงบประมาณ 2566 ใช้งบเท่าไร")[0] == "quantity"
    assert type_names("What is the budget of project 1.1?")[0] == "quantity"


def test_a_figure_in_the_asked_unit_is_placed_over_a_nearer_one() -> None:
    from assistant.answer_text import scored_facts
    from assistant.question_types import asked_units

    text = "ผลสำรวจปี 2565 มีระบบกลาง 27 ระบบ ส่วนดัชนีรัฐบาลอิเล็กทรอนิกส์ ประเทศไทยอยู่อันดับที่ 55 จาก 193 ประเทศ"
    quantity = next(t for t in load_question_types().types if t.name == "quantity")
    units = asked_units("In the 2022 survey, what EGDI rank did Thailand reach?")
    assert [u.name for u in units] == ["rank"]
    best = max(scored_facts(text, quantity, set(), units=units), key=lambda f: f[0])
    assert best[2].startswith("อันดับที่") and "55" in best[1]
    plain = max(scored_facts(text, quantity, set()), key=lambda f: f[0])
    assert "27" in plain[2]  # without the unit the first figure wins: the unit is what moves it


def test_a_kept_reading_is_handed_out_as_a_new_list() -> None:
    from assistant.question_types import classify

    first = classify("ต้องประกาศภายในกี่วัน")
    first.clear()  # a caller reordering or trimming its list does not change the next reading
    assert classify("ต้องประกาศภายในกี่วัน")[0].name == "when"


def test_a_quorum_stated_as_a_share_is_a_quantity() -> None:
    quantity = next(t for t in load_question_types().types if t.name == "quantity")
    assert quantity.holds("การประชุมต้องมีกรรมการมาประชุมไม่น้อยกว่ากึ่งหนึ่งของจำนวนกรรมการทั้งหมดจึงจะเป็นองค์ประชุม")
    assert quantity.holds("มติต้องได้คะแนนเสียงไม่น้อยกว่าสองในสามของจำนวนกรรมการที่มาประชุม")
    assert not quantity.holds("ให้ประธานในที่ประชุมออกเสียงเพิ่มขึ้นอีกเสียงหนึ่งเป็นเสียงชี้ขาด")


def test_budget_cue_is_a_word_not_two_words_run_together() -> None:
    # "จ้าง|บริษัท", "ทาง|บ้าน", "ช่องทาง|บริการ" hold the letters งบ across two words: no budget is asked
    assert "quantity" not in type_names("จ้างบริษัทออกแบบตามกฎหมายใช้วิธีไหนได้บ้าง")
    assert "quantity" not in type_names("ติดต่อทางบ้านหรือช่องทางบริการใดก็ได้")
    assert "quantity" in type_names("โครงการนี้ใช้งบเท่าไร") and "quantity" in type_names("งบรายจ่ายรวมของโครงการ")
