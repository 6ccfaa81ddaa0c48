# GT701: pkg/sub has no __init__.py but pkg is a package: setuptools.find_packages() skips it.
def handle(request):
    return request
