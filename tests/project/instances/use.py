from . import kinds
from .kinds import Cached, Color, Frozen, FromCached, Lazy, Options, Pair, Point, Settings, Single, make_options

# positives: a new instance with state, built once, mutated by the function


def configure(flag, options=Options()):
    options.flags.append(flag)


def configure_sub(flag, options=Settings()):
    options.flags.append(flag)


def configure_made(flag, options=make_options()):
    options.verbose = flag


def configure_module(flag, options=kinds.Options()):
    options.flags += [flag]


# negatives: values, descriptors, classes that may return an existing instance, no mutation,
# a mutation only of a list (never this instance)


def paint(color=Color(1), point=Point(), frozen=Frozen(), pair=Pair()):
    color.extra = 1
    point.extra = 1
    frozen.extra = 1
    pair.extra = 1


def special(lazy=Lazy(), single=Single(), cached=Cached(), derived=FromCached()):
    lazy.extra = 1
    single.extra = 1
    cached.extra = 1
    derived.extra = 1


def read(options=Options()):
    return options.flags


def narrowed(item, options=Options()):
    if isinstance(options, list):
        options.append(item)
