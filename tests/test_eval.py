"""Tests of the evaluation package (eval/) and of the labelled set eval/questions.jsonl."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from eval import gate, metrics as m
from eval.dataset import DatasetError, Item, Cite, load_items, load_qrels, parse_item
from eval.report import write_report
from eval.runner import main, run_eval, run_qrels

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "eval" / "questions.jsonl"
CORPUS = ROOT / "corpus"
D2 = "002_a514a98a622c9e87.txt"
D4 = "004_aaae76cc2c3d2f2a.txt"


# ---------------------------------------------------------------- text matching


def test_fold_strips_diacritics_and_d_bar():
    assert m.fold("  Sở  Nội vụ\nĐÀI Phát thanh ") == "so noi vu dai phat thanh"
    assert m.fold("ﬁle") == "file"
    # En dash, em dash and minus are one hyphen: an office name matches however it was typed.
    assert m.fold("Phòng Tài chính — Kế hoạch") == "phong tai chinh - ke hoach"
    assert m.fold("Tài chính – Kế hoạch") == m.fold("Tài chính - Kế hoạch") == "tai chinh - ke hoach"


def test_contains_is_folded_and_digit_bounded():
    assert m.contains("Trước ngày 20/6/2023.", "truoc ngay 20/6/2023")
    assert m.contains("phê duyệt 80% trở lên", "80%")
    assert not m.contains("ngày 18/6/2023", "8/6/2023")
    assert not m.contains("Kế hoạch 8607", "8")
    assert m.contains("08 nội dung", "08")
    assert not m.contains("anything", "")


def test_fuzzy_contains_tolerates_ocr_noise():
    ocr = m.fold("2.3. Phong Tu phip\nTham muu UBND huyén")
    assert not m.contains(ocr, "phong tu phap")
    assert m.contains(ocr, "phong tu phap", fuzzy=True)
    assert not m.contains(ocr, "so tai chinh ke hoach", fuzzy=True)
    # numbers are never fuzzy, and a window may not drop a word of the phrase
    assert not m.contains("Nghị định số 152/2017/NĐ-CP", "nghi dinh so 61/2018/nd-cp", fuzzy=True)
    assert m.contains("Nghi dinh sé 61/2018/ND-CP", "nghi dinh so 61/2018/nd-cp", fuzzy=True)
    assert not m.contains("linh vuc cai cach che do cong vu", "linh vuc cai cach the che", fuzzy=True)
    assert m.numbers("chi s6 papi dat 30% trong 6 thang, nd 61/2018/nd-cp") == ["30", "6", "61", "2018"]


def test_facts_present_and_missing():
    must = [["Sở Nội vụ", "Department of Home Affairs"], ["20/6/2023", "June 20, 2023"]]
    assert m.facts_present("the Department of Home Affairs, by June 20, 2023", must)
    assert not m.facts_present("Sở Nội vụ", must)
    assert m.missing_facts("Sở Nội vụ", must) == [["20/6/2023", "June 20, 2023"]]
    assert not m.facts_present("anything", [])


def test_label_matches_is_segment_aware():
    assert m.label_matches("1.a.p2", "1.a")
    assert m.label_matches("2.1-2", "2.1")
    assert m.label_matches("2.1~2", "2.1")
    assert m.label_matches("III.3.b", "iii.3.b")
    assert not m.label_matches("2.10", "2.1")
    assert not m.label_matches("1.đ", "1.d")
    assert not m.label_matches("", "1")


def test_clause_matches_cite_by_label_or_anchor():
    assert m.clause_matches_cite("002_a514a98a622c9e87", "2", "", D2, "2", "")
    assert m.clause_matches_cite("002_a514a98a622c9e87", "x", "Sở Nội vụ chủ trì", D2, "9", "so noi vu chu tri")
    assert not m.clause_matches_cite("004_aaae76cc2c3d2f2a", "2", "Sở Nội vụ chủ trì", D2, "2", "so noi vu chu tri")


def test_rank_metrics_known_values():
    assert m.first_relevant_rank([False, False, True]) == 3
    assert m.first_relevant_rank([False]) is None
    assert m.recall_at_k([1, 7], 5) == 0.5
    assert m.recall_at_k([1, 7], 10) == 1.0
    assert m.recall_at_k([None], 10) == 0.0
    assert m.reciprocal_rank(4) == 0.25
    assert m.reciprocal_rank(11, 10) == 0.0
    assert m.percentile([1, 2, 3, 4], 50) == 2.5
    assert m.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert m.percentile([], 50) is None


# ---------------------------------------------------------------- scoring


def _items() -> list[Item]:
    return [
        Item("a", "Cơ quan nào chủ trì?", "vi", "agency", "Sở Nội vụ", [["Sở Nội vụ"]],
             [Cite(D2, "so noi vu chu tri", "2")], False),
        Item("b", "By when?", "en", "date", "20/6/2023", [["20/6/2023", "June 20, 2023"]],
             [Cite(D4, "chuong trinh nang cao cac chi", "3")], False),
        Item("c", "ngan sach bao nhieu", "vi-nd", "unanswerable", "", [], [], True),
    ]


def _cit(doc: str, clause: str, text: str = "") -> dict:
    return {"doc_id": doc, "number": "", "clause": clause, "text": text}


ANSWERS = {
    "a": {"id": "a", "answer": "Sở Nội vụ", "abstained": False, "latency_ms": 10,
          "citations": [_cit("002_a514a98a622c9e87", "2"), _cit("002_a514a98a622c9e87", "5", "Sở Tài chính")]},
    "b": {"id": "b", "answer": "Trước ngày 18/6/2023", "abstained": False, "latency_ms": 20,
          "citations": [_cit("004_aaae76cc2c3d2f2a", "3")]},
    "c": {"id": "c", "answer": "Không tìm thấy", "abstained": True, "latency_ms": 30, "citations": []},
}
RANKINGS = {
    "a": [{"id": "002_a514a98a622c9e87#5", "doc_id": "002_a514a98a622c9e87", "label": "5", "text": "Sở Tài chính"},
          {"id": "002_a514a98a622c9e87#2", "doc_id": "002_a514a98a622c9e87", "label": "2", "text": "..."}],
    "b": [{"id": "004_aaae76cc2c3d2f2a#3~2", "doc_id": "004_aaae76cc2c3d2f2a", "label": "3", "text": "..."}],
}


def test_run_eval_answer_and_citation_metrics():
    res = run_eval(_items(), ANSWERS, None)
    o = res.metrics["overall"]
    assert o["answer_accuracy"] == 0.5
    assert o["accuracy"] == pytest.approx(2 / 3)
    assert o["abstention_accuracy"] == 1.0
    assert o["false_abstention_rate"] == 0.0
    assert o["citation_precision"] == 0.75
    assert o["citation_recall"] == 1.0
    assert o["supported_rate"] == 1.0
    assert o["latency_p50_ms"] == 20
    assert o["latency_p95_ms"] == pytest.approx(29)
    assert res.metrics["lang=vi"]["answer_accuracy"] == 1.0
    assert res.metrics["lang=en"]["answer_accuracy"] == 0.0
    assert res.metrics["type=unanswerable"]["abstention_accuracy"] == 1.0
    assert "recall@5" not in o
    assert [r.item.id for r in res.failed] == ["b"]


def test_run_eval_retrieval_metrics():
    res = run_eval(_items(), None, RANKINGS)
    o = res.metrics["overall"]
    assert o["recall@1"] == 0.5
    assert o["recall@5"] == 1.0
    assert o["mrr@10"] == 0.75
    assert "answer_accuracy" not in o


def test_false_abstention_missing_answer_and_fact_citation():
    items = _items()
    answers = {
        "a": {"id": "a", "answer": "", "abstained": True, "citations": []},
        "b": {"id": "b", "answer": "20/6/2023", "abstained": False,
              "citations": [_cit("004_aaae76cc2c3d2f2a", "9", "gửi trước ngày 20/6/2023")]},
    }
    res = run_eval(items, answers, None)
    o = res.metrics["overall"]
    assert o["false_abstention_rate"] == 0.5
    assert o["abstention_accuracy"] == 0.0  # "c" got no answer record at all
    assert o["citation_precision"] == 1.0  # clause 9 holds every key fact
    failures = {r.item.id: r.failures for r in res.items}
    assert "abstained on an answerable question" in failures["a"]
    assert "no answer record returned" in failures["c"]


def test_multi_cite_recall_and_ocr_anchor():
    item = Item("m", "q", "en", "agency", "x", [["x"]],
                [Cite(D2, "so noi vu chu tri", "2"), Cite(D4, "phong tu phap", "2.3")], False)
    ranked = [{"id": f"002_a514a98a622c9e87#{i}", "doc_id": "002_a514a98a622c9e87", "label": str(i), "text": ""}
              for i in (2, 4, 5, 6, 7, 8)]
    ranked.append({"id": "004_aaae76cc2c3d2f2a#p", "doc_id": "004_aaae76cc2c3d2f2a", "label": "p",
                   "text": "2.3. Phong Tu phip tham muu"})
    res = run_eval([item], None, {"m": ranked})
    assert res.items[0].gold_ranks == [1, 7]
    assert res.metrics["overall"]["recall@5"] == 0.5
    assert res.metrics["overall"]["recall@10"] == 1.0


def test_doc_aliases_map_duplicates():
    item = _items()[0]
    ranked = [{"id": "000_ca425edbcd874d4b#2", "doc_id": "000_ca425edbcd874d4b", "label": "2", "text": ""}]
    assert run_eval([item], None, {"a": ranked}).metrics["overall"]["recall@1"] == 0.0
    aliased = run_eval([item], None, {"a": ranked}, {"000_ca425edbcd874d4b": "002_a514a98a622c9e87"})
    assert aliased.metrics["overall"]["recall@1"] == 1.0


def test_qrels_retrieval(tmp_path: Path):
    qrels = tmp_path / "qrels.tsv"
    qrels.write_text("query-id\tcorpus-id\tscore\nq1\tp1\t1\nq1\tp9\t0\nq2\tp2\t1\nq2\tp3\t2\n", encoding="utf-8")
    gold = load_qrels(qrels)
    assert gold == {"q1": {"p1"}, "q2": {"p2", "p3"}}
    rankings = {"q1": [{"id": "p5"}, {"id": "p1#0", "doc_id": "p1"}], "q2": [{"id": "p3"}]}
    o = run_qrels(gold, rankings).metrics["overall"]
    assert o["recall@1"] == 0.25
    assert o["recall@10"] == 0.75
    assert o["mrr@10"] == 0.75


# ---------------------------------------------------------------- dataset errors


def _write(tmp_path: Path, rows: list) -> Path:
    p = tmp_path / "set.jsonl"
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
                 encoding="utf-8")
    return p


GOOD = {"id": "x1", "q": "Ai?", "lang": "vi", "type": "person", "answer": "A", "must": [["A"]],
        "cite": [{"doc": D2, "anchor": "nguyen van phong"}], "abstain": False}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"lang": "fr"}, "lang"),
        ({"type": "opinion"}, "type"),
        ({"must": [["A"], []]}, "must"),
        ({"must": []}, "must"),
        ({"cite": []}, "cite"),
        ({"cite": [{"anchor": "x"}]}, "doc"),
        ({"abstain": "no"}, "abstain"),
        ({"abstain": True, "type": "unanswerable"}, "abstain"),
        ({"q": ""}, "q"),
    ],
)
def test_bad_item_names_line_and_field(tmp_path: Path, change: dict, field: str):
    p = _write(tmp_path, [GOOD, {**GOOD, "id": "x2", **change}])
    with pytest.raises(DatasetError) as err:
        load_items(p)
    assert f"{p}:2" in str(err.value)
    assert f"'{field}'" in str(err.value)


def test_bad_json_and_duplicate_id(tmp_path: Path):
    with pytest.raises(DatasetError, match=r":2: not valid JSON"):
        load_items(_write(tmp_path, [GOOD, "{oops"]))
    with pytest.raises(DatasetError, match=r":2: field 'id': duplicate id 'x1'"):
        load_items(_write(tmp_path, [GOOD, GOOD]))


def test_examples_format_is_accepted():
    ex = {"id": "ex10", "q": "?", "lang": "vi", "type": "unanswerable", "abstain": True, "must": [], "cite": []}
    assert parse_item(ex).abstain


# ---------------------------------------------------------------- report and gate


def test_report_is_written_and_escaped(tmp_path: Path):
    items = _items()
    items[1].q = "<script>alert('x')</script> & co"
    answers = dict(ANSWERS)
    answers["b"] = {**ANSWERS["b"], "citations": [_cit("004_aaae76cc2c3d2f2a", "3", "<b>bold</b>")]}
    res = run_eval(items, answers, RANKINGS)
    write_report(res, tmp_path / "rep", ["overall answer_accuracy = 0.5 < min 0.9"])
    html = (tmp_path / "rep" / "report.html").read_text(encoding="utf-8")
    md = (tmp_path / "rep" / "report.md").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<svg" in html and "lang vi" in html
    assert (tmp_path / "rep" / "accuracy.svg").read_text(encoding="utf-8").startswith("<svg")
    assert "## Failed questions (1)" in md and "### b" in md and "Trước ngày 18/6/2023" in md
    assert "Gate: FAIL" in md and "| overall |" in md


def test_gate_flags_a_drop():
    res = run_eval(_items(), ANSWERS, RANKINGS)
    ok = {"min": {"overall": {"answer_accuracy": 0.5, "recall@5": 1.0}}}
    assert gate.check(res, ok) == []
    drop = {"min": {"overall": {"answer_accuracy": 0.9}, "lang=vi": {"answer_accuracy": 1.0}},
            "max": {"overall": {"latency_p95_ms": 25}}}
    violations = gate.check(res, drop)
    assert len(violations) == 2
    assert any("answer_accuracy" in v and "0.9" in v for v in violations)
    assert any("latency_p95_ms" in v for v in violations)
    missing = {"min": {"lang=zz": {"answer_accuracy": 0.1}}}
    assert gate.check(res, missing) == []
    assert len(gate.check(res, missing, strict=True)) == 1
    with pytest.raises(ValueError):
        gate.check(res, {"minimum": {}})


def test_checked_in_thresholds_are_valid_and_bite():
    th = gate.load_thresholds(ROOT / "eval" / "thresholds.json")
    assert "_comment" in th
    mins = th["min"]["overall"]
    assert {"recall@5", "answer_accuracy", "abstention_accuracy", "citation_precision"} <= set(mins)
    assert all(0.0 < v <= 1.0 for group in th["min"].values() for v in group.values())

    class Measured:
        def __init__(self, value: float):
            groups = set(th["min"]) | set(th.get("max", {}))
            self.metrics = {g: {m: value for m in list(th["min"].get(g, {})) + list(th.get("max", {}).get(g, {}))}
                            for g in groups}

    assert gate.check(Measured(1.0), {"min": th["min"]}) == []
    assert gate.check(Measured(0.0), th)  # a collapse of every metric is caught


def test_cli_exit_codes(tmp_path: Path):
    set_path = _write(tmp_path, [GOOD])
    ans = tmp_path / "a.jsonl"
    ans.write_text(json.dumps({"id": "x1", "answer": "B", "abstained": False, "citations": []}) + "\n", encoding="utf-8")
    th = tmp_path / "th.json"
    th.write_text(json.dumps({"min": {"overall": {"answer_accuracy": 0.5}}}), encoding="utf-8")
    rep = tmp_path / "rep"
    assert main(["--set", str(set_path), "--answers", str(ans), "--thresholds", str(th), "--report", str(rep)]) == 1
    assert (rep / "report.html").exists() and json.loads((rep / "results.json").read_text())["violations"]
    ans.write_text(json.dumps({"id": "x1", "answer": "A", "abstained": False, "citations": []}) + "\n", encoding="utf-8")
    assert main(["--set", str(set_path), "--answers", str(ans), "--thresholds", str(th)]) == 0
    assert main(["--set", str(tmp_path / "missing.jsonl")]) == 2
    out = tmp_path / "q.jsonl"
    assert main(["--set", str(set_path), "--export-queries", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == {"id": "x1", "question": "Ai?"}


# ---------------------------------------------------------------- the labelled set


@pytest.fixture(scope="module")
def labelled() -> list[Item]:
    return load_items(SET)


def test_set_size_and_proportions(labelled: list[Item]):
    n = len(labelled)
    assert n >= 110
    langs = Counter(it.lang for it in labelled)
    assert langs["vi-nd"] / n >= 0.25
    assert langs["en"] / n >= 0.22
    assert sum(it.abstain for it in labelled) / n >= 0.12
    types = {it.type for it in labelled}
    assert {"agency", "date", "number", "reference", "person", "list", "fact", "unanswerable"} <= types
    multi = [it for it in labelled if len({c.doc for c in it.cite}) >= 2]
    assert len(multi) >= 6
    assert all(len(it.must) >= 2 for it in multi)
    assert len({it.id for it in labelled}) == n


def test_set_cites_are_well_formed(labelled: list[Item]):
    docs = {p.name for p in CORPUS.glob("*.txt")}
    for it in labelled:
        for c in it.cite:
            assert c.doc in docs, (it.id, c.doc)
            assert not c.doc.startswith("000_"), f"{it.id}: 000 is an OCR duplicate, gold is 002"
            assert c.clause, f"{it.id}: cite without a clause label"
            assert 3 <= len(c.anchor.split()) <= 8, (it.id, c.anchor)


def test_set_covers_every_directive(labelled: list[Item]):
    cited = Counter(c.doc[:3] for it in labelled for c in it.cite)
    assert {"001", "002", "003", "004"} <= set(cited)


def test_every_anchor_occurs_in_its_gold_document(labelled: list[Item]):
    texts: dict[str, str] = {}
    for it in labelled:
        for c in it.cite:
            text = texts.setdefault(c.doc, (CORPUS / c.doc).read_text(encoding="utf-8"))
            assert m.contains(text, c.anchor, fuzzy=True), f"{it.id}: anchor {c.anchor!r} not in {c.doc}"


def test_abstained_citations_are_not_evidence_and_chunk_id_fallback():
    items = _items()[:1]
    cit = {"chunk_id": "002_a514a98a622c9e87#2", "text": ""}
    res = run_eval(items, {"a": {"id": "a", "answer": "", "abstained": True, "citations": [cit]}}, None)
    o = res.metrics["overall"]
    assert o["supported_rate"] == 0.0 and o["citation_recall"] == 0.0 and o["citation_precision"] is None
    res = run_eval(items, {"a": {"id": "a", "answer": "Sở Nội vụ", "abstained": False, "citations": [cit]}}, None)
    assert res.metrics["overall"]["citation_precision"] == 1.0


def test_gold_answers_satisfy_their_own_key_facts(labelled: list[Item]):
    for it in labelled:
        if not it.abstain:
            assert m.facts_present(it.answer, it.must), f"{it.id}: answer lacks {m.missing_facts(it.answer, it.must)}"
