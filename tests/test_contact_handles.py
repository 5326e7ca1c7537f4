"""Contact handles as notices print them: LINE accounts and Facebook paths split by spaces, a branch office's own
handle, a website described after it, phone digits grouped oddly, "รถเมล์" (a bus) not read as mail.

The notices are short excerpts written for these tests in the Royal Gazette style, not corpus copies.
"""

from __future__ import annotations

from assistant.answer_text import compose
from assistant.extractive_answerer import extract
from assistant.places import find_branch, find_provinces
from assistant.question_types import type_names
from assistant.retrieval_service import ScoredChunk
from corpus.thai_text import thai_key
from index.chunk_record import ChunkRecord

NOTICE = (
    "ข้อ 1 ให้ช่องทางอิเล็กทรอนิกส์ดังต่อไปนี้ เป็นช่องทางสำหรับติดต่อสำนักงานขนส่งจังหวัดสมมุติ "
    "และสำนักงานขนส่งจังหวัดสมมุติ สาขาอาเภอบ้านนา โดยวิธีการทางอิเล็กทรอนิกส์ "
    "1.1 สำนักงานขนส่งจังหวัดสมมุติ ( 1 ) ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) sommut@dlt.mail.go.th "
    "( 2 ) เว็บไซต์ https://smt.dlt.go.th ( 3 ) แอปพลิเค ชัน line ID line : @ 002 abcde "
    "1.2 สำนักงานขนส่งจังหวัดสมมุติ สาขาอำเภอบ้านนา ( 1 ) ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) bannadlt . office@gmail.com "
    "( 2 ) แอปพลิเคชัน Facebook : Facebook . com / DLT . Banna "
    "ข้อ 2 ให้สอบถามได้ที่หมายเลขโทรศัพท์ ดังนี้ 1 ) สำนักงานขนส่งจังหวัดสมมุติ โทรศัพท์ 0 - 7711 - 1502 "
    "2 ) สำนักงานขนส่งจังหวัดสมมุติ สาขาอำเภอบ้านนา หมายเลขโทรศัพท์ : 0 771 814 76"
)
WEBSITES = (
    "(3) เว็บไซต์ film.example.go.th หรือ www.example.go.th สำหรับการยื่นคำขอ ตามกฎหมายว่าด้วยภาพยนตร์ "
    "(4) เว็บไซต์ www.booking.example.net สำหรับการจองสถานที่"
)
COMPLAINTS = "(3) แอปพลิเคชัน DLT GPS ( 4) แอปพลิเคชันไลน์ @ 9999 DLT (5 ) Facebook ร้องเรียน รถสาธารณะ"


def _first_line(question: str, text: str, title: str = "ประกาศสำนักงานขนส่งจังหวัดสมมุติ") -> str:
    hits = [ScoredChunk(ChunkRecord("c0", "d0", title, "announcement", text, 0, len(text)), 1.0)]
    ex = extract(question, question, hits)
    numbers = {r: i + 1 for i, r in enumerate(dict.fromkeys([s.rank for s in ex.direct] + [r for r, _ in ex.quotes]))}
    return compose("th", ex.types, ex.direct, [(r, s.text) for r, s in ex.quotes], numbers).splitlines()[0]


def test_the_branch_office_named_gets_its_own_handle() -> None:
    assert "bannadlt.office@gmail.com" in _first_line("ขส.สมมุติ สาขาบ้านนา เมลอะไรคะ", NOTICE)
    assert "sommut@dlt.mail.go.th" in _first_line("ขนส่งสมมุติ อีเมลอะไร", NOTICE)
    assert "0 771 814 76" in _first_line("ขส.สมมุติ สาขาบานนา เบอไร", NOTICE)
    assert find_branch("ขนสงยโสธร สาขาเลิงนกทา เบอไร") == thai_key("เลิงนกทา")


def test_spaced_line_accounts_and_facebook_paths_are_rejoined() -> None:
    assert "@002abcde" in _first_line("ขนส่งสมมุติมีไลน์ไหม ไอดีอะไร", NOTICE)
    assert "facebook.com/dlt.banna" in _first_line("สาขาบ้านนามีเพจเฟซบุ๊กไหม ชื่อเพจอะไร", NOTICE).lower()
    assert "@9999DLT" in _first_line("เจอรถเมล์ขับอันตราย อยากร้องเรียนผ่านไลน์ ต้องแอดไลน์อะไร", COMPLAINTS)
    assert type_names("เจอรถเมล์ขับอันตราย ร้องเรียนผ่านไลน์") == ["line"]


def test_a_website_described_after_it_is_not_taken_for_the_next_one() -> None:
    assert "film.example.go.th" in _first_line("จะยื่นคำขอตามกฎหมายภาพยนตร์ออนไลน์ ต้องยื่นที่เว็บไซต์ไหน", WEBSITES)


def test_a_shortened_province_with_a_trailing_vowel() -> None:
    assert find_provinces("อีเมล ฝายทะเบียนรถ ขส.สุราษ คืออะไร") == [thai_key("สุราษฎร์ธานี")]


def test_the_channel_a_question_word_follows_is_the_one_asked() -> None:
    assert type_names("ส่งเอกสารทางอีเมลไปแล้ว อยากโทรถามว่าได้รับไหม ต้องโทรเบอร์ไหน")[0] == "phone"
    assert type_names("ขอเบอร์โทรและอีเมล")[0] == "email"  # no question word after either: the table's order


REGION_A = (
    "หน่วยงาน ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) หมายเลขโทรศัพท์ สำนักงานประกันสังคม จังหวัด ( ภาคตะวันออกเฉียงเหนือ ) "
    "จังหวัดกาฬสินธุ์ office_kalasin@example.go.th 0 4381 0000 จังหวัดขอนแก่น office_khonkaen@example.go.th 0 4324 0000"
)
REGION_B = "จังหวัดพังงา office_phangnga@example.go.th 0 76 00 0000 จังหวัดภูเก็ต office_phuket@example.go.th 0 76 22 0000"


def test_a_province_named_in_english_gets_its_own_entry_from_a_lower_passage() -> None:
    title = "ประกาศสำนักงานประกันสังคม เรื่อง ช่องทางอิเล็กทรอนิกส์สำหรับติดต่อสำนักงานประกันสังคม"
    hits = [
        ScoredChunk(ChunkRecord(f"c{i}", "d0", title, "announcement", t, 0, len(t)), 1.0 - i / 10)
        for i, t in enumerate((REGION_A, REGION_B))
    ]
    for question in (
        "What e-mail address does the Social Security Office give for its Phuket provincial office?",
        "อีเมลสำนักงานประกันสังคมจังหวัดภูเก็ตคืออะไร",
    ):
        ex = extract(question, question, hits)
        assert [s.text for s in ex.direct] == ["office_phuket@example.go.th"], question


def test_the_notices_own_province_is_not_taken_for_a_list_entry() -> None:
    # the province names the whole notice: its handles are told apart by their labels, as before
    notice = (
        "ข้อ 2 ให้สอบถามได้ที่สำนักงานขนส่งจังหวัดหนองคาย โทร 0 - 4242 - 0000 "
        "ฝ่ายใบอนุญาตขับรถ เบอร์โทรศัพท์ 0 - 4241 - 1111 ฝ่ายทะเบียนรถ เบอร์โทรศัพท์ 0 - 4241 - 2222"
    )
    title = "ประกาศสำนักงานขนส่งจังหวัดหนองคาย"
    assert "0 - 4241 - 1111" in _first_line("ขนส่ง จ.หนองคาย ฝ่ายใบอนุญาตขับรถ เบอร์อะไร", notice, title)


def test_a_handles_first_letter_split_off_by_the_pdf_is_rejoined() -> None:
    notice = (
        "ข้อ 1 ให้ช่องทางอิเล็กทรอนิกส์ดังต่อไปนี้ เป็นช่องทางสำหรับติดต่อสำนักงานขนส่งจังหวัดสมมุติ "
        "(1) ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) : S ommut@dlt.mail.go.th (2) เว็บไซต์ https://smt.dlt.go.th"
    )
    assert "Sommut@dlt.mail.go.th" in _first_line("ขนส่งสมมุติ อีเมลอะไร", notice)


def test_a_landlines_last_digit_split_off_is_kept() -> None:
    notice = "ข้อ 4 ให้สอบถามได้ที่หมายเลขโทรศัพท์ ( 1 ) สำนักงานขนส่งจังหวัดสมมุติ โทร. 0 7461 757 1"
    assert "0 7461 757 1" in _first_line("ขนส่งสมมุติ เบอร์โทรอะไร", notice)


def test_a_branch_named_in_english_gets_its_own_handle_from_a_lower_passage() -> None:
    title = "ประกาศสำนักงานขนส่งจังหวัดสมมุติ เรื่อง ช่องทางอิเล็กทรอนิกส์"
    texts = [
        "ข้อ 1 ให้ช่องทางอิเล็กทรอนิกส์ดังต่อไปนี้ เป็นช่องทางสำหรับติดต่อสำนักงานขนส่งจังหวัดสมมุติ "
        "(1) อีเมล sommut@dlt.mail.go.th (2) เว็บไซต์ https://smt.dlt.go.th/th",
        "ข้อ 2 ให้ช่องทางอิเล็กทรอนิกส์ดังต่อไปนี้ เป็นช่องทางสำหรับติดต่อสำนักงานขนส่งจังหวัดสมมุติ สาขาอำเภอคลองหลวง "
        "(1) อีเมล khlongluang@dlt.mail.go.th (2) เว็บไซต์ https://khl.dlt.go.th/th",
    ]
    hits = [
        ScoredChunk(ChunkRecord(f"c{i}", "d0", title, "announcement", t, 0, len(t)), 1.0) for i, t in enumerate(texts)
    ]
    question = "Which website can I use to contact the Khlong Luang branch of the land transport office?"
    ex = extract(question, question, hits)
    assert ex.direct[0].text == "https://khl.dlt.go.th/th"


def test_a_province_named_as_a_regions_seat_is_not_its_own_office() -> None:
    title = "ประกาศสำนักงานประกันสังคม เรื่อง ช่องทางอิเล็กทรอนิกส์"
    texts = [
        "ข้อ 3 หน่วยงาน อีเมล ภาค 1 (จังหวัดปทุมธานี) saraban_irc1@sso.go.th ภาค 3 (จังหวัดเชียงใหม่) "
        "saraban_irc3@sso.go.th ภาค 4 (จังหวัดขอนแก่น) saraban_irc4@sso.go.th",
        "สำนักงานประกันสังคมจังหวัด (ภาคเหนือ) จังหวัดเชียงราย saraban_chiangrai@sso.go.th "
        "จังหวัดเชียงใหม่ saraban_chiangmai@sso.go.th จังหวัดน่าน saraban_nan@sso.go.th",
    ]
    hits = [
        ScoredChunk(ChunkRecord(f"c{i}", "d0", title, "announcement", t, 0, len(t)), 1.0) for i, t in enumerate(texts)
    ]
    question = "ถ้าอยู่เชียงใหม่ จะส่งเรื่องถึงประกันสังคมจังหวัดได้ที่เมลไหน"
    assert extract(question, question, hits).direct[0].text == "saraban_chiangmai@sso.go.th"


def test_a_facebook_page_named_in_thai_is_the_page_name_without_its_label() -> None:
    notice = (
        "ข้อ 1 ให้ช่องทางอิเล็กทรอนิกส์ดังต่อไปนี้ เป็นช่องทางสำหรับติดต่อสำนักงานขนส่งจังหวัดสมมุติ "
        "(1) ที่อยู่ไปรษณีย์อิเล็กทรอนิกส์ smt@dlt.mail.go.th (2) แอปพลิเคชัน Facebook : สำนักงานขนส่งจังหวัดสมมุติ "
        "ข้อ 2 ให้สอบถามได้ที่หมายเลขโทรศัพท์ 0 7711 1502"
    )
    line = _first_line("ขนส่งสมมุติมีเพจเฟซบุ๊กชื่ออะไร", notice)
    assert line == "เฟซบุ๊ก สำนักงานขนส่งจังหวัดสมมุติ [1]"  # the page itself, not the notice's opening clause


PR_CHANNELS = (
    "2 การประชาสัมพันธ์ผ่านสื่อช่องทางต่างๆ (กลุ่มประชาสัมพันธ์) ( 1 ) เว็บไซต์ www . smt . go . th "
    "( 2 ) Facebook กรมสมมุติ PR . SMT News ( 3 ) แอปพลิเคชันไลน์ กรมสมมุติ ( 4 ) YouTube กรมสมมุติ SMT Channel "
    "( 5 ) TikTok smtnews 02 271 8805"
)


def test_youtube_and_tiktok_are_contact_channels_from_the_data_table() -> None:
    """YouTube and TikTok are channels like Facebook: the question asks the channel, the line names it."""
    assert type_names("กรมสมมุติมียูทูบช่องอะไร")[0] == "youtube"
    assert type_names("ติ๊กต็อกของกรมสมมุติชื่ออะไร")[0] == "tiktok"
    youtube = _first_line("กรมสมมุติมียูทูบช่องอะไร", PR_CHANNELS)
    assert youtube.startswith("ยูทูบ ") and "กรมสมมุติ SMT Channel" in youtube
    tiktok = _first_line("TikTok ของกรมสมมุติคืออะไร", PR_CHANNELS)
    assert tiktok.startswith("ติ๊กต็อก ") and "smtnews" in tiktok and "8805" not in tiktok


AREAS = (
    "เอกสารแนบท้ายประกาศ หน่วยงาน ไปรษณีย์อิเล็กทรอนิกส์ (อีเมล) หมายเลขโทรศัพท์ หมายเลขโทรสาร "
    "สำนักงานสมมุติกรุงเทพมหานครพื้นที่ พื้นที่ 1 area1@smt.go.th 0 2111 1100 0 2 111 1101 "
    "พื้นที่ 2 area2@smt.go.th 0 2 222 2200 0 2 222 2201 พื้นที่ 10 area10@smt.go.th 0 2 100 1000 0 2 100 1001 "
    "ภาค 1 (จังหวัดสมมุติ) region1@smt.go.th 0 3 333 3300"
)


def test_a_numbered_office_is_matched_whole() -> None:
    """"พื้นที่ 1" is area 1's own row, not area 10's; "ภาคที่ 1" names the row printed "ภาค 1"."""
    assert find_branch("ขอเบอร์โทรสำนักงานสมมุติกรุงเทพมหานครพื้นที่ 1 หน่อย") == "พนท1"
    assert "2111 1100" in _first_line("ขอเบอร์โทรสำนักงานสมมุติกรุงเทพมหานครพื้นที่ 1 หน่อย", AREAS)
    assert "area10@smt.go.th" in _first_line("อีเมลของสำนักงานสมมุติ พื้นที่ 10 คืออะไร", AREAS)
    assert "area2@smt.go.th" in _first_line("สำนักงานสมมุติพื้นที่ 2 ใช้อีเมลอะไร", AREAS)
    assert "region1@smt.go.th" in _first_line("สำนักงานสมมุติภาคที่ 1 อีเมลอะไร", AREAS)


def test_a_hotline_asked_for_by_name_is_the_short_code() -> None:
    """NBTC short codes (1xxx) are what "สายด่วน" asks for; a plain phone question gets the landline listed first."""
    text = "ข้อ 2 ให้สอบถามได้ที่หมายเลขโทรศัพท์ 0 2241 5600 - 18 หรือ 1713 สายด่วนของกรมสมมุติ"
    assert "1713" in _first_line("สมมุติ สายด่วนเบอไร", text, "ประกาศกรมสมมุติ")
    assert "0 2241 5600" in _first_line("ขอเบอร์โทรกรมสมมุติหน่อย", text, "ประกาศกรมสมมุติ")


def test_channels_no_notice_lists_are_still_recognised_so_their_absence_is_declined() -> None:
    """Instagram and X are asked for like the notices' channels; a notice without one does not hold it."""
    from assistant.question_types import load_question_types

    assert type_names("กรมสมมุติมีอินสตาแกรมไหม ชื่อบัญชีอะไร")[0] == "instagram"
    assert type_names("ทวิตเตอร์ของกรมสมมุติคืออะไร")[0] == "twitter"
    instagram = next(t for t in load_question_types().types if t.name == "instagram")
    assert instagram.holds("( 6 ) Instagram : smt_news") and not instagram.holds(NOTICE)
