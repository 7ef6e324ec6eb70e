"""Evaluation of vanban: a hand-labelled question set, metrics, a report and a gate."""

from eval.dataset import DatasetError, Item, load_items, load_qrels
from eval.gate import check, load_thresholds
from eval.report import write_report
from eval.runner import Results, main, run_eval, run_qrels

__all__ = [
    "DatasetError",
    "Item",
    "Results",
    "check",
    "load_items",
    "load_qrels",
    "load_thresholds",
    "main",
    "run_eval",
    "run_qrels",
    "write_report",
]
