DEFAULT_HEADERS = {"accept": "text/html"}
DEFAULT_LIMITS = (10, 20)
DEFAULT_TAGS = []
registry = []
SENTINEL = object()
