"""A package whose defaults are decided in other modules (gotcha's project phase)."""
from .helpers import remember as remember

__all__ = ["remember"]
