# GT901 unused-noqa. Codes are judged only for enabled rules: this fixture runs with the selection
# in GT901.select (GT1, GT2 and GT901).
# gotcha: noqa: GT110


def used(x=[]):  # noqa: GT103
    return len(x)


def stale(x=None):  # noqa: GT101
    return x


def partly_used(x):
    return x is "a"  # noqa: GT201, GT102


def stale_lower_case(x=None):  # noqa: gt104
    return x


def peer_code(x=None):  # noqa: B006
    return x


def bare(x=None):  # noqa
    return x


def rule_not_enabled(x):  # noqa: GT301
    return x


def unknown_code(x):  # noqa: GT999
    return x


def only_stale_codes(x=None):  # noqa: GT101, GT102  # trailing text stays
    return x


y = 1  # noqa: GT901
