"""Round 36: the neural LM re-reads the decoder's close calls (repair.neural, repair.gemmaconvert).

The rescoring logic is tested with a deterministic stand-in for the neural LM (its choices are
then known); the real Gemma model is tested on lines of the dev scans 001 and 003 as read
(marked slow: it loads a 1 GB model).
"""

from __future__ import annotations

import pytest

from repair.lm import LanguageModel, load_model
from repair.neural import MODEL_DIR, RescoreConfig, is_valid_model_dir, load_neural
from repair.ocr import repair_text
from repair.render import reading


@pytest.fixture(scope="module")
def lm() -> LanguageModel:
    return load_model()


class Prefers:
    """A stand-in neural LM that likes continuations starting with one word (and counts calls)."""

    def __init__(self, word: str, bonus: float = 50.0) -> None:
        self.word, self.bonus, self.calls, self.seen = word, bonus, 0, []

    def continuations(self, left: str, rests: list[str]) -> list[float]:
        self.calls += 1
        self.seen.append((left, rests))
        return [self.bonus if r.split()[0] == self.word else 0.0 for r in rests]


class Scrambles:
    """A stand-in that prefers any reading but the chosen one (the first continuation)."""

    def continuations(self, left: str, rests: list[str]) -> list[float]:
        return [0.0] + [100.0 + i for i in range(1, len(rests))]


def test_reading_follows_the_token_case(lm: LanguageModel) -> None:
    i = lm.index["tỉnh"]
    assert reading("tinh", (i,), None, lm) == "tỉnh"
    assert reading("Tinh", (i,), None, lm) == "Tỉnh"
    assert reading("TINH", (i,), None, lm) == "TỈNH"
    assert reading("UBND", (lm.unk,), "UBND", lm) == "UBND"  # text kept as read


def test_neural_choice_replaces_a_close_call(lm: LanguageModel) -> None:
    line = "Thuc hién giai quyét hd so thi tuc hanh chinh"  # 001, as scanned
    plain = repair_text(line, lm).text
    fake = Prefers("thủ")
    chosen = repair_text(line, lm, neural=(fake, RescoreConfig(weight=1.0, margin=8.0))).text
    assert "thi tục" in plain  # the n-gram LM alone reads "thi tục" ...
    assert "thủ tục" in chosen  # ... and a neural LM that prefers "thủ" is heard
    assert fake.calls > 0
    left, rests = fake.seen[0]
    assert left.startswith("Thực") or not left
    assert all(r.startswith(" ") for r in rests) or not left  # a continuation starts at its space


def test_weight_zero_changes_nothing(lm: LanguageModel) -> None:
    line = "Khuyen khich cac phuong thirc truyen thong mo1, phu hop voi"  # 003
    plain = repair_text(line, lm).text
    assert repair_text(line, lm, neural=(Scrambles(), RescoreConfig(weight=0.0))).text == plain


def test_numbers_and_symbols_survive_any_choice(lm: LanguageModel) -> None:
    line = "thi tuc hanh chinh theo quy dinh tai Nghi dinh s6 107/2021/ND-CP ngay 06"  # 001
    out = repair_text(line, lm, neural=(Scrambles(), RescoreConfig(weight=1.0, margin=20.0))).text
    assert "107/2021/NĐ-CP" in out or "107/2021/ND-CP" in out
    assert out.endswith(" 06")
    assert len(out.split()) == len(line.split())


def test_model_dir_is_checked(tmp_path) -> None:
    assert not is_valid_model_dir(tmp_path)
    with pytest.raises(FileNotFoundError, match="make setup"):
        load_neural(load_model(), tmp_path)


@pytest.fixture(scope="module")
def neural(lm: LanguageModel):
    return load_neural(lm), RescoreConfig()


@pytest.mark.slow
def test_the_converted_model_is_built() -> None:
    assert is_valid_model_dir(MODEL_DIR)


@pytest.mark.slow
@pytest.mark.parametrize("line, plain_has, neural_has", [
    # 001 as scanned; what the n-gram decoder reads and what the neural LM reads
    ("nhan dan tinh trong giai quyét hd so thi tuc hanh chinh cho nguoi dan, doanh", "hồ sơ thi tục",
     "hồ sơ thủ tục hành chính"),
    ("qua; chi ra nhiing ton tai, han ché, nguyén nhan, trach nhiém dbi vOi cac ndi", "với các nơi",
     "với các nội"),
])
def test_real_neural_reads_context(lm: LanguageModel, neural, line: str, plain_has: str, neural_has: str) -> None:
    assert plain_has in repair_text(line, lm).text
    assert neural_has in repair_text(line, lm, neural=neural).text


@pytest.mark.slow
def test_real_neural_keeps_clean_text(lm: LanguageModel, neural) -> None:
    line = "Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo các sở, ban, ngành thực hiện nghiêm túc Chỉ thị này."
    assert repair_text(line, lm, neural=neural).text == line


def test_parse_key_follows_the_neural_setting() -> None:
    from ingest.pipeline import _parse_key
    from vanban.config import BuildConfig

    sha = "a" * 64
    assert _parse_key(sha, BuildConfig(), "c") != _parse_key(sha, BuildConfig(repair_neural=True), "c")


def test_missing_model_is_a_clear_error(tmp_path, monkeypatch) -> None:
    from ingest.repairer import get_repairer
    from vanban.errors import ModelUnavailableError

    monkeypatch.setattr("repair.neural.MODEL_DIR", tmp_path)
    with pytest.raises(ModelUnavailableError, match="make setup"):
        get_repairer("deep", neural=True)
    assert get_repairer("deep", neural=False) is not None


def test_cli_flags_and_a_missing_model_at_the_cli(tmp_path, monkeypatch, capsys) -> None:
    import io

    from vanban.cli import build_parser, main

    parser = build_parser()
    assert parser.parse_args(["ingest"]).neural is False  # ingestion: the n-gram repair unless asked
    assert parser.parse_args(["ingest", "--neural"]).neural is True
    assert parser.parse_args(["repair", "--no-neural"]).no_neural is True
    monkeypatch.setattr("repair.neural.MODEL_DIR", tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("thi tuc\n"))
    assert main(["repair"]) != 0
    assert "--no-neural" in capsys.readouterr().err
