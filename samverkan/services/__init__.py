from .errors import CaseError

__all__ = ["CaseError"]
