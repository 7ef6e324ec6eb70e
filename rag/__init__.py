"""Retrieval and answering over the clause store."""
