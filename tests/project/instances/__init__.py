"""Defaults built by classes of another module: instances with state (GT104 when mutated), values
(Enum, NamedTuple, frozen dataclass, tuple subclass), descriptors, and classes that may hand out an
existing instance."""
