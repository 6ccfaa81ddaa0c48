"""Escaped defaults mutated by another module inside expressions, through names imported bare, and
through module-level names bound to a call."""
from .store import RELAYED
