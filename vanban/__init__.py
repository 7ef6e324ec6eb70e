"""vanban: question answering over Vietnamese administrative directives."""

__version__ = "0.1.0"
