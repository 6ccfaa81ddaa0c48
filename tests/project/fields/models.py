from dataclasses import dataclass, field

from . import kinds
from .kinds import (AttrsFrozen, Cached, Color, Frozen, Lazy, Options, Pair, Point, Settings, Single,
                    default_color, make_options, new_tags, tags_field)


# positives: one instance with state, shared by every instance of the dataclass, and mutated

@dataclass
class Job:
    options: Options = Options()
    settings: Settings = Settings()
    made: Options = make_options()
    through_module: Options = kinds.Options()
    in_field: Options = field(default=Options())

    def flag(self, name):
        self.options.flags.append(name)
        self.settings.flags.append(name)
        self.made.flags.append(name)
        self.through_module.flags.append(name)
        self.in_field.flags.append(name)


# negatives: values, descriptors, classes that may hand out an existing instance, helpers that
# return an Enum member or a field(...), a container (the dataclass rejects it at once), and an
# instance nothing mutates

@dataclass
class Paint:
    color: Color = Color(1)
    point: Point = Point()
    frozen: Frozen = Frozen()
    attrs_frozen: AttrsFrozen = AttrsFrozen()
    pair: Pair = Pair()
    lazy: Lazy = Lazy()
    single: Single = Single()
    cached: Cached = Cached()
    helper_color: Color = default_color()
    tags: list = tags_field()
    more: list = kinds.tags_field()
    fresh: list = new_tags()

    def touch(self):
        self.color.extra = 1
        self.point.extra = 1
        self.frozen.extra = 1
        self.attrs_frozen.extra = 1
        self.pair.extra = 1
        self.lazy.extra = 1
        self.single.extra = 1
        self.cached.extra = 1
        self.helper_color.extra = 1
        self.tags.append(1)
        self.more.append(1)
        self.fresh.append(1)


@dataclass
class Quiet:
    options: Options = Options()

    def read(self):
        return self.options.flags
