"""The glossary data file: every entry sourced, no duplicates, loaded once, used by the query rewrite."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.glossary import GLOSSARY_PATH, load_glossary
from assistant.query_rewrite import alias_table, expansions_of, rewrite_query


def test_every_entry_has_a_source_and_english_phrases_are_unique() -> None:
    glossary = load_glossary()
    assert glossary.en_to_th and glossary.abbreviations
    assert all(e.source.strip() for e in glossary.en_to_th)
    assert all(a.source.strip() for a in glossary.abbreviations)
    phrases = [e.en for e in glossary.en_to_th]
    assert len(phrases) == len(set(phrases))
    assert load_glossary() is glossary  # cached


def test_question_specific_entries_are_gone() -> None:
    english = load_glossary().english
    for phrase in ("reference number", "confirm", "confirming", "received", "receipt", "how long"):
        assert phrase not in english


def test_entries_without_a_source_are_rejected(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.yaml"
    bad.write_text("en_to_th:\n  - {en: budget, th: งบประมาณ}\nabbreviations: []\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_glossary(bad)


def test_rewrite_uses_the_data_file() -> None:
    rq = rewrite_query("Which agency is responsible for the budget?", alias_table({}))
    assert "งบประมาณ" in rq.expansions and "ผู้รับผิดชอบ" in rq.expansions
    assert "สำนักงานพัฒนารัฐบาลดิจิทัล" in rewrite_query("DGA ทำอะไร", alias_table({})).lexical
    assert GLOSSARY_PATH.exists()


def test_general_words_are_sourced_unique_and_reach_only_english_lexical_queries() -> None:
    glossary = load_glossary()
    assert glossary.en_words and all(e.source.strip() for e in glossary.en_words)
    phrases = [e.en for e in [*glossary.en_to_th, *glossary.en_words]]
    assert len(phrases) == len(set(phrases))  # a phrase is either a name or a general word, once
    rq = rewrite_query("Within how many days must consent be given under the Cybersecurity Act?", alias_table({}))
    assert "ความยินยอม ยินยอม" in rq.expansions and "ภายใน" in rq.lexical  # general words: lexical query
    assert "ความยินยอม" not in rq.dense and "ภายใน" not in rq.dense  # ... but not the dense one
    assert "พระราชบัญญัติการรักษาความมั่นคงปลอดภัยไซเบอร์" in rq.dense  # names still reach both
    thai = rewrite_query("โครงการ Smart Farming Platform มีงบประมาณเท่าไร", alias_table({}))
    assert "แพลตฟอร์ม" not in thai.expansions  # a Thai question's Latin words are names, not wording to gloss
    assert "แพลตฟอร์ม" in rewrite_query("What does the Smart Farming Platform cost?", alias_table({})).expansions
    question = "Who runs the Government Computer Security Incident Centre?"
    assert "ศูนย์" in expansions_of(question, {})
    names_only = expansions_of(question, {}, words=False)
    assert "ความมั่นคงปลอดภัย" not in names_only and "ศูนย์" not in names_only  # for matching names in blocks


def test_english_words_of_registration_and_committees_reach_the_thai_terms() -> None:
    rq = rewrite_query("How long is an identity card valid, and who may be an assistant secretary?", alias_table({}))
    assert "บัตรประจำตัวประชาชน" in rq.lexical and "ผู้ช่วยเลขานุการ" in rq.lexical and "มีอายุ" in rq.lexical
    assert "ย้ายออก" in rewrite_query("When must a household member who moved out be reported?", {}).lexical


def test_everyday_misspellings_read_as_the_documents_spell_them() -> None:
    from assistant.glossary import correct_spelling, load_glossary
    from assistant.query_rewrite import normalize_question

    assert normalize_question("พรบ ปฏิบัติราชการทางอิเลคทรอนิค ๒๕๖๕") == "พรบ ปฏิบัติราชการทางอิเล็กทรอนิกส์ 2565"
    assert correct_spelling("แผนดิจิตอล กฏหมาย อีเมล์ เว็ปไซต์") == "แผนดิจิทัล กฎหมาย อีเมล เว็บไซต์"
    # standard spellings are left alone, and no wrong form is part of a standard spelling
    standard = "อิเล็กทรอนิกส์ ดิจิทัล อินเทอร์เน็ต เว็บไซต์ อีเมล แอปพลิเคชัน แพลตฟอร์ม เทคโนโลยี กฎหมาย ไซเบอร์"
    assert correct_spelling(standard) == standard
    for entry in load_glossary().misspellings:
        assert all(wrong not in entry.right for wrong in entry.wrong), entry.right


def test_everyday_words_bring_the_formal_wording_beside_them_as_whole_words_only() -> None:
    """"ต้องเซ็นรับรองสำเนาไหม": the Acts write ลงนาม; the everyday word stays in the question, the formal one is
    added to the lexical query only (not the embedder's), and "เปอร์เซ็นต์" holds no "เซ็น"."""
    from assistant.glossary import formal_wording

    rq = rewrite_query("ยื่นทางออนไลน์ ต้องเซ็นรับรองสำเนาถูกต้องหรือเปล่า", alias_table({}))
    assert "ลงนาม" in rq.lexical and "เซ็น" in rq.normalized and "ลงนาม" not in rq.dense
    assert formal_wording("ได้กี่เปอร์เซ็นต์") == []
    assert formal_wording("ย้ายบ้านต้องแจ้งภายในกี่วัน") == ["ย้ายที่อยู่"]
    for entry in load_glossary().everyday_words:
        assert entry.source and all(f != entry.word for f in entry.formal)

