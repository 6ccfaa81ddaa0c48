# A plugin the tests load by path: no test module in this folder.
def setup(app):
    return app
