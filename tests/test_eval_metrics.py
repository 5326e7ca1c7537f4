"""Fast, pure tests of eval scoring: ranks, damage-insensitive keys, abstention, grounding, thresholds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.metrics import (
    Passage,
    QuestionResult,
    aggregate,
    answer_correct,
    baseline_scores,
    citation_correct,
    first_line,
    grounding_violations,
    hit_rank,
    key_in_answer,
    per_group,
    percentile,
)
from evals.question_set import QuestionSetError, load_questions, load_subsets, select
from evals.thresholds import check_thresholds

PLAN = "dg-plan-2566-2570"
EVIDENCE = "โครงการพัฒนาบริการและเครื่องมือกลางดิจิทัลภาครัฐ"


def test_hit_rank_needs_gold_doc_and_evidence() -> None:
    passages = [
        Passage("other-doc", f"ข้อความ {EVIDENCE}"),  # right text, wrong document
        Passage(PLAN, "ยุทธศาสตร์ที่ 1"),  # right document, wrong passage
        Passage(PLAN, f"1.1 {EVIDENCE} สำนักงานพัฒนารัฐบาลดิจิทัล"),
    ]
    assert hit_rank(passages, PLAN, EVIDENCE) == 3
    assert hit_rank(passages[:2], PLAN, EVIDENCE) is None
    assert hit_rank(passages, PLAN, EVIDENCE, depth=2) is None
    assert hit_rank(passages, None, None) is None


def test_hit_rank_survives_pdf_damage() -> None:
    damaged = "1.1 โครงการพฒนาบรการและเครองมอกลางดจทลภาครฐ"  # vowels and tone marks lost
    assert hit_rank([Passage(PLAN, damaged)], PLAN, EVIDENCE) == 1
    spaced = "โครงการพัฒนาบริการ และเครื่องมือกลาง\nดิจิทัลภาครัฐ"
    assert hit_rank([Passage(PLAN, spaced)], PLAN, EVIDENCE) == 1


def test_answer_keys_match_damage_insensitively() -> None:
    assert answer_correct("ผู้รับผิดชอบคือ หนวยงาน ของรัฐ [1]", False, ["หน่วยงาน"])
    assert answer_correct("งบประมาณ ๒,๐๐๐ ล้านบาท", False, ["2000"])
    assert answer_correct("ภายในปี ๒๕๖๖", False, ["2566"])


def test_numeric_keys_match_whole_numbers_only() -> None:
    assert answer_correct("ระยะเวลา ๒๔ เดือน", False, ["24"])
    assert answer_correct("งบประมาณ 666.4119 ล้านบาท", False, ["666.4119"])
    assert not answer_correct("พ.ศ. 2524", False, ["24"])
    assert not answer_correct("2566 2567", False, ["62"])  # adjacent numbers are not merged
    assert not answer_correct("666.41 ล้านบาท", False, ["666.4119"])


def test_spaced_phone_keys_match_however_the_answer_groups_the_digits() -> None:
    assert key_in_answer("0 5426 5140", "โทร. 0 5426 5140 ต่อ 11")
    assert key_in_answer("0 5426 5140", "โทร ๐-๕๔๒๖-๕๑๔๐")
    assert key_in_answer("0 5426 5140", "tel. 054265140")
    assert not key_in_answer("0 5426 5140", "โทร 0 5426 5141")
    assert not key_in_answer("0 5426 5140", "เลข 1054265140")
    # a key written without the trunk 0 is the same number; without it the digits must still stand whole
    assert key_in_answer("26.895", "งบประมาณ 26.8950 ล้านบาท") and not key_in_answer("26.895", "26.8951")
    assert not key_in_answer("26", "26.8950")
    assert key_in_answer("054265140", "โทร 0 5426 5140") and not key_in_answer("054265140", "โทร 0 5426 5141")
    assert key_in_answer("5426 5140", "โทร 0 5426 5140")
    assert key_in_answer("967 3302", "โทร 02 967 3302")
    assert not key_in_answer("5426 5140", "โทร 0 5426 5140 1")
    assert not key_in_answer("5426 5140", "โทร 0 5426 51401")


def test_answer_keys_all_required_any_alternative() -> None:
    keys: list[str | list[str]] = ["สำนักงานพัฒนารัฐบาลดิจิทัล", ["สพร", "DGA"]]
    assert answer_correct("สำนักงานพัฒนารัฐบาลดิจิทัล (DGA)", False, keys)
    assert answer_correct("สำนักงานพัฒนารัฐบาลดิจิทัล (สพร.)", False, keys)
    assert not answer_correct("สำนักงานพัฒนารัฐบาลดิจิทัล", False, keys)
    assert not answer_correct("สำนักงานพัฒนารัฐบาลดิจิทัล (DGA)", True, keys)  # abstained
    assert not answer_correct("anything", False, [])


def test_citation_correct() -> None:
    cites = [Passage("other", EVIDENCE), Passage(PLAN, f"ก {EVIDENCE} ข")]
    assert citation_correct(cites, PLAN, EVIDENCE)
    assert not citation_correct(cites[:1], PLAN, EVIDENCE)
    assert not citation_correct([], PLAN, EVIDENCE)


def test_grounding_flags_invented_numbers_and_names() -> None:
    cited = ["โครงการ 1.1 งบประมาณ ๑,๒๐๐ ล้านบาท สำนักงานพัฒนารัฐบาลดิจิทัล (สพร.) ปี 2566"]
    ok = "งบประมาณ 1,200 ล้านบาท ปี ๒๕๖๖ โดย สพร. [1]"
    assert grounding_violations(ok, cited) == []
    bad = "งบประมาณ 3,500 ล้านบาท โดยกระทรวงการคลัง และ ETDA [1]"
    assert set(grounding_violations(bad, cited)) == {"3500", "กระทรวงการคลัง", "ETDA"}


def test_grounding_ignores_citation_markers_and_single_digits() -> None:
    assert grounding_violations("ข้อ 5 ระบุว่า ... [12] [3]", ["ข้อความ"]) == []


def _result(qid: str, abstain_expected: bool, abstained: bool, **kw: object) -> QuestionResult:
    return QuestionResult(
        id=qid,
        category=kw.pop("category", "law"),
        language="th",  # type: ignore[arg-type]
        abstain_expected=abstain_expected,
        question="q",
        abstained=abstained,
        **kw,
    )  # type: ignore[arg-type]


def test_abstention_precision_recall_and_false_abstentions() -> None:
    results = [
        _result("a", True, True),  # TP
        _result("b", True, False),  # missed abstention
        _result("c", False, True),  # false abstention
        _result("d", False, False, answer_ok=True, citation_ok=True, rank=1, latency_ms=10.0),
        _result("e", False, False, rank=4, latency_ms=30.0),
    ]
    m = aggregate(results)
    assert m["abstention_precision"] == pytest.approx(1 / 2)
    assert m["abstention_recall"] == pytest.approx(1 / 2)
    assert m["false_abstentions"] == 1
    assert m["hit@1"] == pytest.approx(1 / 3)
    assert m["hit@5"] == pytest.approx(2 / 3)
    assert m["mrr"] == pytest.approx((1 + 0.25) / 3)
    assert m["answer_accuracy"] == pytest.approx(1 / 3)
    assert m["accuracy"] == pytest.approx(2 / 5)  # a (abstained as expected) and d


def test_direct_answer_counts_first_lines_of_answered_questions_only() -> None:
    answer = "\nสำนักงานพัฒนารัฐบาลดิจิทัล เป็นผู้รับผิดชอบ [1]\nหลักฐาน: ... 30 วัน [1]"
    assert first_line(answer).startswith("สำนักงานพัฒนา")
    assert answer_correct(first_line(answer), False, ["สำนักงานพัฒนารัฐบาลดิจิทัล"])
    assert not answer_correct(first_line(answer), False, ["30"])
    results = [
        _result("a", False, False, answer_ok=True),
        _result("b", False, False, answer_ok=True),
        _result("c", False, True),  # abstained: not in the direct-answer denominator
    ]
    results[0].direct_ok = True
    m = aggregate(results)
    assert m["direct_answer"] == pytest.approx(1 / 2)


def test_groups_aggregate_their_categories_only() -> None:
    results = [
        _result("a", False, False, answer_ok=True, category="law"),
        _result("b", False, False, category="citizen_service"),
    ]
    groups = per_group(results, {"structured": ("law",), "answers": ("citizen_service",), "none": ("x",)})
    assert set(groups) == {"structured", "answers"}
    assert groups["structured"]["answer_accuracy"] == 1.0
    assert groups["answers"]["answer_accuracy"] == 0.0


def test_undefined_precision_when_nothing_abstained() -> None:
    m = aggregate([_result("a", False, False)])
    assert m["abstention_precision"] is None and m["abstention_recall"] is None


def test_baselines_over_answerable_only() -> None:
    results = [
        _result("a", False, False, baseline_ranks={"bm25": 1, "dense": None}),
        _result("b", False, False, baseline_ranks={"bm25": 2, "dense": 1}),
        _result("c", True, True, baseline_ranks={"bm25": None, "dense": None}),
    ]
    b = baseline_scores(results)
    assert b["bm25"]["hit@1"] == pytest.approx(0.5) and b["bm25"]["mrr"] == pytest.approx(0.75)
    assert b["dense"]["hit@5"] == pytest.approx(0.5)


def test_percentile() -> None:
    assert percentile([], 50) is None
    assert percentile([10.0, 20.0, 30.0, 40.0], 50) == pytest.approx(25.0)
    assert percentile([5.0], 95) == 5.0


def test_thresholds_check() -> None:
    thresholds = {
        "min": {"hit@5": 0.6, "abstention_precision": 0.5},
        "max": {"latency_p95_ms": 1000, "errors": 0},
        "categories": {"damaged": {"min": {"hit@5": 0.5}}, "letter": {"min": {"hit@5": 0.9}}},
    }
    overall = {"hit@5": 0.7, "abstention_precision": None, "latency_p95_ms": 800.0, "errors": 0}
    cats = {"damaged": {"hit@5": 0.7}}
    assert check_thresholds(overall, cats, thresholds) == []  # None and absent categories never breach
    failures = check_thresholds(
        {**overall, "hit@5": 0.5, "errors": 2}, {"damaged": {"hit@5": 0.4}}, thresholds
    )
    assert len(failures) == 3
    assert any("overall: hit@5" in f for f in failures) and any("damaged: hit@5" in f for f in failures)
    assert any("errors" in f for f in failures)
    assert check_thresholds(overall, cats, {"min": {"typo": 1}}) == ["overall: unknown metric 'typo'"]


def test_cli_check_exits_1_below_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import evals.runner
    from dgplan.cli.eval_commands import eval_command
    from evals.runner import EvalReport

    def fake_run(settings: object, questions: list[object], against: object, **kw: object) -> EvalReport:
        results = [_result("x", False, False, rank=3, latency_ms=5.0, category="law")]
        return EvalReport(meta={"subset": None}, results=results).finalize()

    monkeypatch.setattr(evals.runner, "run_eval", fake_run)
    qfile = tmp_path / "q.jsonl"
    qfile.write_text(
        json.dumps(
            {
                "id": "x",
                "question": "q",
                "category": "law",
                "doc_id": "d",
                "evidence": "e",
                "answer_keys": ["k"],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    strict, loose = tmp_path / "strict.yaml", tmp_path / "loose.yaml"
    strict.write_text("min:\n  hit@1: 0.5\n", encoding="utf-8")
    loose.write_text("min:\n  hit@5: 0.5\n", encoding="utf-8")
    import typer

    app = typer.Typer()
    app.command()(eval_command)
    base = ["--questions", str(qfile), "--data-dir", str(tmp_path), "--quiet", "--check"]
    fail = CliRunner().invoke(app, [*base, "--thresholds", str(strict), "--out", str(tmp_path / "r1")])
    assert fail.exit_code == 1, fail.output
    assert "hit@1" in fail.output
    assert not (tmp_path / "evals" / "latest").exists()  # an explicit --out leaves latest alone
    ok = CliRunner().invoke(app, [*base, "--thresholds", str(loose)])  # default: <data>/evals/<time>
    assert ok.exit_code == 0, ok.output
    runs = [p for p in (tmp_path / "evals").iterdir() if p.name != "latest"]
    assert len(runs) == 1
    for name in ("report.json", "report.md", "categories.png", "latency.png"):
        assert (runs[0] / name).exists()
        assert (tmp_path / "evals" / "latest" / name).exists()


def test_question_file_validation(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    good = {
        "id": "a",
        "question": "q",
        "category": "law",
        "doc_id": "d",
        "evidence": "e",
        "answer_keys": [["x", "y"]],
    }
    abstain = {"id": "b", "question": "q", "category": "out_of_scope", "doc_id": None, "abstain": True}
    path.write_text("\n".join(json.dumps(x) for x in (good, abstain)) + "\n", encoding="utf-8")
    qs = load_questions(path)
    assert [q.id for q in qs] == ["a", "b"]
    assert select(qs, "s", {"s": ["b"]}) == [qs[1]]
    with pytest.raises(QuestionSetError):
        select(qs, "nope", {})
    bad = {**good, "id": "c", "evidence": None}
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(QuestionSetError, match=":1:"):
        load_questions(path)
    assert load_subsets(tmp_path / "missing.yaml") == {}


def test_shipped_question_sets_are_valid_and_disjoint() -> None:
    from evals.question_set import DEFAULT_SUBSETS, split_path

    dev = load_questions(split_path("dev"))
    subsets = load_subsets(DEFAULT_SUBSETS)
    assert len(select(dev, "ci", subsets)) >= 60
    assert len(select(dev, "smoke", subsets)) == 10
    test = load_questions(split_path("test"))
    assert len(test) >= 120
    assert not {q.id for q in dev} & {q.id for q in test}
    assert not {q.question for q in dev} & {q.question for q in test}, "a test question repeats a dev one"
