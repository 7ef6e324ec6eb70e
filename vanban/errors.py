"""Domain exceptions. They carry a message meant for a person; the edges (CLI, Gradio,
HTTP) turn them into user messages, nothing in the core prints them."""


class VanbanError(Exception):
    """Base class of every error vanban raises on purpose."""


class UnreadableFileError(VanbanError):
    """A corpus file cannot be read (empty, binary, unknown encoding, no text layer…)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreNotFoundError(VanbanError):
    """No clause store or index where one was expected."""


class IndexMismatchError(VanbanError):
    """An index was built with another model/config/corpus than the one asked for."""


class IndexBusyError(VanbanError):
    """The index is being rebuilt right now."""


class ModelUnavailableError(VanbanError):
    """An embedding model or LLM endpoint cannot be loaded or reached."""


class BadQuestionError(VanbanError):
    """A question that cannot be answered as typed (empty, too long)."""


class ConfigError(VanbanError):
    """A setting with a value vanban does not know."""
